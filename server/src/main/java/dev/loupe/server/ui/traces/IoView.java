package dev.loupe.server.ui.traces;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.ui.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An input or output as the trace page shows it: chat messages when it is a conversation (an
 * OpenAI-style {@code [{role, content}]} array, a {@code {messages: [...]}} wrapper or one message
 * object), plain text when it is a JSON string, else pretty JSON. All values are display text.
 *
 * @param messages the conversation; empty when this is not one
 * @param text a JSON string's value, or pretty JSON (then {@code json} is true)
 * @param rest for a {@code {messages: [...]}} wrapper, its other keys as pretty JSON, else empty
 */
public record IoView(List<ChatMessage> messages, String text, boolean json, String rest) {
  /** Longest text shown for one image URL (data: URLs can be megabytes of base64). */
  private static final int MAX_URL = 200;

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

  /**
   * One chat message.
   *
   * @param name the {@code name} field (a tool's or participant's name), else empty
   * @param toolCallId for a {@code tool} message, the call it answers, else empty
   */
  public record ChatMessage(
      String role, String name, String toolCallId, List<Part> parts, List<ToolCall> toolCalls) {
    public ChatMessage {
      parts = List.copyOf(parts);
      toolCalls = List.copyOf(toolCalls);
    }
  }

  /**
   * A piece of a message's content.
   *
   * @param kind {@code text}, {@code image} (text is the URL) or the part's own type
   * @param code true when the text is pretty JSON
   */
  public record Part(String kind, String text, boolean code) {}

  /** A tool (function) call an assistant message asks for; arguments pretty-printed. */
  public record ToolCall(String id, String name, String arguments) {}

  /** Reads stored JSON text; text that is not JSON is shown as it is. */
  static IoView of(@Nullable String json) {
    if (json == null || json.isBlank()) return EMPTY;
    JsonNode node;
    try {
      node = Json.parse(json);
    } catch (IllegalArgumentException e) {
      return new IoView(List.of(), json, false, "");
    }
    if (node.isTextual()) return new IoView(List.of(), node.asText(), false, "");
    if (isConversation(node)) return new IoView(messages(node), "", false, "");
    if (node.isObject() && isConversation(node.get("messages"))) {
      com.fasterxml.jackson.databind.node.ObjectNode others = node.deepCopy();
      others.remove("messages");
      String rest = others.isEmpty() ? "" : pretty(others);
      return new IoView(messages(node.get("messages")), "", false, rest);
    }
    if (isMessage(node)) return new IoView(List.of(message(node)), "", false, "");
    return new IoView(List.of(), pretty(node), true, "");
  }

  private static boolean isConversation(@Nullable JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) return false;
    for (JsonNode m : node) if (!isMessage(m)) return false;
    return true;
  }

  private static boolean isMessage(JsonNode node) {
    return node.isObject()
        && node.path("role").isTextual()
        && (node.has("content") || node.has("tool_calls") || node.has("function_call"));
  }

  private static List<ChatMessage> messages(JsonNode array) {
    List<ChatMessage> out = new ArrayList<>(array.size());
    for (JsonNode m : array) out.add(message(m));
    return out;
  }

  private static ChatMessage message(JsonNode m) {
    List<Part> parts = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    JsonNode content = m.get("content");
    if (m.path("role").asText().equals("tool") && content != null && content.isTextual()) {
      content = toolResult(content.asText(), content);
    }
    content(content, parts, calls);
    for (JsonNode c : m.path("tool_calls")) {
      JsonNode fn = c.path("function");
      calls.add(
          new ToolCall(str(c.get("id")), str(fn.get("name")), arguments(fn.get("arguments"))));
    }
    JsonNode legacy = m.get("function_call");
    if (legacy != null && legacy.isObject())
      calls.add(new ToolCall("", str(legacy.get("name")), arguments(legacy.get("arguments"))));
    return new ChatMessage(
        m.path("role").asText(), str(m.get("name")), str(m.get("tool_call_id")), parts, calls);
  }

  private static void content(@Nullable JsonNode content, List<Part> parts, List<ToolCall> calls) {
    if (content == null || content.isNull()) return;
    if (content.isTextual()) {
      parts.add(new Part("text", content.asText(), false));
      return;
    }
    if (!content.isArray()) {
      parts.add(new Part("json", pretty(content), true));
      return;
    }
    for (JsonNode p : content) {
      String type = p.path("type").asText("");
      if (p.isTextual()) {
        parts.add(new Part("text", p.asText(), false));
      } else if (p.path("text").isTextual() && (type.isEmpty() || type.endsWith("text"))) {
        parts.add(new Part("text", p.path("text").asText(), false));
      } else if (type.equals("image_url") || type.equals("input_image")) {
        JsonNode url = p.path("image_url");
        parts.add(
            new Part("image", shortUrl(url.isObject() ? str(url.get("url")) : str(url)), false));
      } else if (type.equals("tool_use")) {
        calls.add(new ToolCall(str(p.get("id")), str(p.get("name")), arguments(p.get("input"))));
      } else if (type.equals("tool_result") && p.path("content").isTextual()) {
        parts.add(new Part("tool_result", p.path("content").asText(), false));
      } else {
        parts.add(new Part(type.isEmpty() ? "json" : type, pretty(p), true));
      }
    }
  }

  /** A tool message's text that is a JSON object, parsed so that it is shown pretty. */
  private static JsonNode toolResult(String text, JsonNode asText) {
    String t = text.strip();
    if (!t.startsWith("{")) return asText;
    try {
      JsonNode parsed = Json.parse(t);
      return parsed.isObject() ? parsed : asText;
    } catch (IllegalArgumentException e) {
      return asText;
    }
  }

  /** Arguments arrive as a JSON string (OpenAI) or an object (Anthropic); shown pretty. */
  private static String arguments(@Nullable JsonNode args) {
    if (args == null || args.isNull()) return "";
    if (args.isTextual()) return Formats.prettyJson(args.asText());
    return pretty(args);
  }

  private static String shortUrl(String url) {
    return url.length() <= MAX_URL ? url : url.substring(0, MAX_URL) + "…";
  }

  private static String str(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return "";
    return node.isValueNode() ? node.asText() : node.toString();
  }

  static String pretty(JsonNode node) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return node.toString();
    }
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
