package dev.loupe.server.ui.traces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An input or output as the trace page shows it: a conversation when {@link ChatReader} finds one
 * (in any dialect it knows), plain text when it is a JSON string or not JSON, else pretty JSON. All
 * values are display text.
 *
 * @param messages the conversation; empty when this is not one
 * @param text a JSON string's value, or pretty JSON (then {@code json} is true)
 * @param rest for a wrapper object around the conversation, its other keys as pretty JSON, else
 *     empty
 */
public record IoView(List<Chat.Message> messages, String text, boolean json, String rest) {
  static final IoView EMPTY = new IoView(List.of(), "", false, "");

  public IoView {
    messages = List.copyOf(messages);
  }

  public boolean isEmpty() {
    return messages.isEmpty() && text.isEmpty() && rest.isEmpty();
  }

  public boolean isChat() {
    return !messages.isEmpty();
  }

  /** Reads stored JSON text with no place to serve inline images from (they are described). */
  static IoView of(@Nullable String json) {
    return of(json, "");
  }

  /**
   * Reads stored JSON text; text that is not JSON is shown as it is.
   *
   * @param mediaBase the URL that, followed by a number, serves the n-th inline image
   */
  static IoView of(@Nullable String json, String mediaBase) {
    if (json == null || json.isBlank()) return EMPTY;
    JsonNode node = parse(json);
    if (node == null) return new IoView(List.of(), json, false, "");
    if (node.isTextual()) return new IoView(List.of(), node.asText(), false, "");
    ChatReader.Read chat = new ChatReader(mediaBase).read(node);
    if (chat != null)
      return new IoView(
          chat.messages(), "", false, chat.rest() == null ? "" : ChatParts.pretty(chat.rest()));
    return new IoView(List.of(), ChatParts.pretty(node), true, "");
  }

  /** The inline images of stored JSON text, in the order {@link #of} numbers them. */
  static List<ChatReader.Inline> inline(@Nullable String json) {
    JsonNode node = json == null ? null : parse(json);
    if (node == null) return List.of();
    ChatReader reader = new ChatReader("-");
    reader.read(node);
    return reader.inline();
  }

  private static @Nullable JsonNode parse(String json) {
    try {
      return Json.parse(json);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String str(@Nullable JsonNode node) {
    return ChatParts.str(node);
  }

  /** A JSON object's entries as labelled values: strings as they are, others as compact JSON. */
  static List<ObservationView.Entry> entries(@Nullable String jsonObject) {
    if (jsonObject == null || jsonObject.isBlank()) return List.of();
    JsonNode node;
    try {
      node = Json.parse(jsonObject);
    } catch (IllegalArgumentException e) {
      return List.of(new ObservationView.Entry("", jsonObject));
    }
    if (!node.isObject()) return List.of(new ObservationView.Entry("", node.toString()));
    List<ObservationView.Entry> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties())
      out.add(new ObservationView.Entry(e.getKey(), str(e.getValue())));
    return out;
  }
}
