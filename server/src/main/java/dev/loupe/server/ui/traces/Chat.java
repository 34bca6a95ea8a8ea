package dev.loupe.server.ui.traces;

import java.util.List;

/**
 * A conversation as the trace page shows it, whatever dialect the client wrote it in ({@link
 * ChatReader}). All values are display text.
 */
public final class Chat {
  private Chat() {}

  /**
   * One message: a role and its parts in the order they were written.
   *
   * @param role {@code system}, {@code user}, {@code assistant}, {@code tool} or what the client
   *     wrote
   * @param name the message's {@code name} (a tool's or a participant's), else empty
   * @param toolCallId for a tool message, the call it answers, else empty
   */
  public record Message(String role, String name, String toolCallId, List<Part> parts) {
    public Message {
      parts = List.copyOf(parts);
    }
  }

  /** What a part is; the template draws each kind its own way. */
  public enum Kind {
    /** {@code text}: the message's words (markdown is rendered by the page script). */
    TEXT,
    /** {@code text}: a model's reasoning or thinking, or a summary of it. */
    REASONING,
    /** {@code text}: a refusal. */
    REFUSAL,
    /** A call the model asks for: {@code name}, {@code id}, {@code text} = pretty arguments. */
    TOOL_CALL,
    /** A call's result: {@code id} = the call, {@code text} (pretty JSON when {@code code}). */
    TOOL_RESULT,
    /** An image: {@code src} to show it (same-origin), or {@code href} to open it elsewhere. */
    IMAGE,
    /**
     * Audio, a document or a file: {@code href} when it can be opened, {@code text} describes it.
     */
    MEDIA,
    /** Anything else: {@code label} names it, {@code text} is pretty JSON. */
    OTHER
  }

  /**
   * A piece of a message.
   *
   * @param label the part's own type name as written ({@code tool_use}, {@code output_text}...)
   * @param code {@code text} is pretty JSON
   * @param error a tool result that reports a failure
   * @param src for an image stored inline: the page's own URL serving it; else empty
   * @param href a link to the media (http or https only); else empty
   */
  public record Part(
      Kind kind,
      String label,
      String text,
      boolean code,
      String name,
      String id,
      boolean error,
      String mime,
      String src,
      String href) {
    static Part text(Kind kind, String label, String text) {
      return new Part(kind, label, text, false, "", "", false, "", "", "");
    }

    static Part json(Kind kind, String label, String pretty) {
      return new Part(kind, label, pretty, true, "", "", false, "", "", "");
    }

    static Part toolCall(String label, String id, String name, String arguments) {
      return new Part(Kind.TOOL_CALL, label, arguments, true, name, id, false, "", "", "");
    }

    static Part toolResult(String label, String id, String name, String text, boolean code) {
      return new Part(Kind.TOOL_RESULT, label, text, code, name, id, false, "", "", "");
    }

    Part failed() {
      return new Part(kind, label, text, code, name, id, true, mime, src, href);
    }

    /** The kind in lower case, for CSS and tests: {@code tool_call}. */
    public String kindName() {
      return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean is(String kind) {
      return kindName().equals(kind);
    }
  }
}
