package dev.loupe.server.ui.people;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.ui.Formats;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a conversation turn shows of a trace's input or output: a chat message's text when the value
 * is messages (an array of {@code {role, content}}, or an object with {@code messages}), a plain
 * string as it is, and pretty JSON otherwise.
 *
 * @param json whether {@code text} is pretty JSON rather than message text
 */
public record TurnText(String text, boolean json) {
  /** Characters a list's input preview shows at most. */
  public static final int PREVIEW = 100;

  static final TurnText NONE = new TurnText(Formats.NONE, false);

  /**
   * A list's input preview: what {@link #input} reads (the last user message of a chat, a string as
   * it is, else the JSON's string values), whitespace runs as one space, cut after {@value
   * #PREVIEW} characters with an ellipsis (never inside a surrogate pair). Plain text: the template
   * escapes it.
   */
  public static String preview(@Nullable String input) {
    // parsed once: a list renders 50 of these per page
    JsonNode node = input == null || input.isBlank() ? null : parse(input);
    String text;
    if (node == null) {
      text = of(input, "user").text();
    } else {
      TurnText turn = message(node, "user");
      text = turn == null || turn.json() ? leaves(node, input) : turn.text();
    }
    text = text.strip().replaceAll("\\s+", " ");
    if (text.codePointCount(0, text.length()) <= PREVIEW) return text;
    return text.substring(0, text.offsetByCodePoints(0, PREVIEW)) + "…";
  }

  /**
   * The string values of a JSON value, depth first, joined by {@code " · "} ({@code {"ticket":
   * "T-1", "question": "Where?"}} reads {@code T-1 · Where?}); the JSON itself when it has none.
   */
  private static String leaves(JsonNode node, String json) {
    List<String> out = new ArrayList<>();
    collect(node, out);
    return out.isEmpty() ? json : String.join(" · ", out);
  }

  private static void collect(JsonNode node, List<String> out) {
    if (out.size() >= 20) return;
    if (node.isTextual() && !node.asText().isBlank()) out.add(node.asText());
    else for (JsonNode child : node) collect(child, out);
  }

  /** The input as the user's message: the last {@code user} message of a chat. */
  static TurnText input(@Nullable String value) {
    return of(value, "user");
  }

  /** The output as the assistant's reply: the last {@code assistant} message of a chat. */
  static TurnText output(@Nullable String value) {
    return of(value, "assistant");
  }

  private static TurnText of(@Nullable String value, String role) {
    if (value == null || value.isBlank()) return NONE;
    JsonNode node = parse(value);
    if (node == null) return new TurnText(value, false);
    TurnText turn = message(node, role);
    return turn != null ? turn : new TurnText(Formats.prettyJson(value), true);
  }

  private static @Nullable JsonNode parse(String value) {
    try {
      return Json.parse(value);
    } catch (IllegalArgumentException notJson) {
      return null;
    }
  }

  /**
   * A string's text, a message's, or the last message of {@code role}'s in messages; null when the
   * JSON is none of these.
   */
  private static @Nullable TurnText message(JsonNode node, String role) {
    if (node.isTextual()) return new TurnText(node.asText(), false);
    JsonNode messages = node.isObject() && node.has("messages") ? node.get("messages") : node;
    if (isMessage(messages)) return text(messages);
    if (messages.isArray()) {
      JsonNode last = null;
      for (JsonNode m : messages) {
        if (isMessage(m) && role.equals(m.get("role").asText())) last = m;
      }
      if (last != null) return text(last);
    }
    return null;
  }

  private static boolean isMessage(JsonNode n) {
    return n.isObject() && n.path("role").isTextual() && n.has("content");
  }

  /** A message's content: a string, text parts joined by newlines, or pretty JSON. */
  private static TurnText text(JsonNode message) {
    JsonNode content = message.get("content");
    if (content.isTextual()) return new TurnText(content.asText(), false);
    if (content.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode part : content) {
        if (part.isTextual()) parts.add(part.asText());
        else if (part.path("text").isTextual()) parts.add(part.get("text").asText());
        else return new TurnText(Formats.prettyJson(content.toString()), true);
      }
      return new TurnText(String.join("\n", parts), false);
    }
    return new TurnText(Formats.prettyJson(content.toString()), true);
  }
}
