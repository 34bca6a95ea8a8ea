package dev.loupe.server.ui.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.ui.Formats;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The parts of a message's content, in every dialect {@link ChatReader} knows. */
final class ChatParts {
  /** Longest text shown for a URL that is not linked (data: URLs can be megabytes). */
  private static final int MAX_URL = 200;

  /** Inline images the page shows; anything else inline is described, not served. */
  static final Set<String> SHOWN_IMAGES =
      Set.of("image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp");

  private static final Set<String> TEXT_TYPES =
      Set.of("text", "input_text", "output_text", "summary_text", "reasoning_text");

  private final ChatReader reader;

  ChatParts(ChatReader reader) {
    this.reader = reader;
  }

  /**
   * A message's content: a string, a list of parts, or one part. A tool message's text that is a
   * JSON object is parsed so that it reads pretty.
   */
  void content(@Nullable JsonNode content, List<Chat.Part> out, boolean tool) {
    if (content == null || content.isNull() || content.isMissingNode()) return;
    if (content.isTextual()) {
      if (content.asText().isEmpty()) return;
      JsonNode parsed = tool ? jsonObject(content.asText()) : null;
      if (parsed != null) out.add(Chat.Part.json(Chat.Kind.OTHER, "json", pretty(parsed)));
      else out.add(Chat.Part.text(Chat.Kind.TEXT, "text", content.asText()));
      return;
    }
    if (content.isArray()) {
      for (JsonNode p : content) part(p, out);
      return;
    }
    if (content.isObject() && content.has("type")) {
      part(content, out);
      return;
    }
    out.add(Chat.Part.json(Chat.Kind.OTHER, "json", pretty(content)));
  }

  void part(JsonNode p, List<Chat.Part> out) {
    part(p, out, Chat.Kind.TEXT);
  }

  /** One part; {@code textKind} is what plain text in it is (reasoning inside a reasoning item). */
  void part(JsonNode p, List<Chat.Part> out, Chat.Kind textKind) {
    if (p.isTextual()) {
      out.add(Chat.Part.text(textKind, "text", p.asText()));
      return;
    }
    String type = p.path("type").asText("");
    if (type.isEmpty() && p.has("toolCallId")) type = "tool-call"; // AI SDK 4: toolCallType
    if (TEXT_TYPES.contains(type) || (type.isEmpty() && p.path("text").isTextual())) {
      String text = p.has("text") ? str(p.get("text")) : str(p.get("content"));
      out.add(
          Chat.Part.text(type.startsWith("summary") ? Chat.Kind.REASONING : textKind, type, text));
      return;
    }
    switch (type) {
      case "reasoning", "thinking" ->
          out.add(
              Chat.Part.text(
                  Chat.Kind.REASONING,
                  type,
                  str(
                      p.has("thinking")
                          ? p.get("thinking")
                          : p.has("text") ? p.get("text") : p.get("content"))));
      case "redacted_thinking", "redacted-reasoning" ->
          out.add(Chat.Part.text(Chat.Kind.REASONING, type, "(redacted)"));
      case "refusal" ->
          out.add(
              Chat.Part.text(
                  Chat.Kind.REFUSAL,
                  type,
                  str(p.has("refusal") ? p.get("refusal") : p.get("text"))));
      case "tool_use", "server_tool_use", "tool-call", "tool_call", "function_call" ->
          toolCall(p, out);
      case "tool_result", "tool-result", "tool_call_response", "function_call_output" ->
          toolResult(
              type,
              firstText(p, "tool_use_id", "toolCallId", "id", "call_id"),
              firstText(p, "toolName", "name"),
              firstPresent(p, "content", "output", "result", "response"),
              out,
              p.path("is_error").asBoolean(false) || p.path("isError").asBoolean(false));
      case "image_url" -> out.add(url(Chat.Kind.IMAGE, type, urlOf(p.get("image_url")), ""));
      case "input_image" ->
          out.add(
              p.has("image_url")
                  ? url(Chat.Kind.IMAGE, type, urlOf(p.get("image_url")), "")
                  : described(Chat.Kind.IMAGE, type, "file " + str(p.get("file_id")), ""));
      case "image" -> out.add(anthropicOrVercelImage(p));
      case "blob" -> out.add(blob(p));
      case "uri" -> out.add(url(kindOf(p), type, str(p.get("uri")), str(p.get("mime_type"))));
      case "file" -> out.add(file(p));
      case "input_audio", "input_file", "document" ->
          out.add(described(Chat.Kind.MEDIA, type, describe(p), ""));
      default ->
          out.add(Chat.Part.json(Chat.Kind.OTHER, type.isEmpty() ? "json" : type, pretty(p)));
    }
  }

  /** OpenAI {@code {id, function: {name, arguments}}}, LangChain, Anthropic, GenAI, Vercel. */
  void toolCall(JsonNode c, List<Chat.Part> out) {
    JsonNode fn = c.path("function");
    String name = fn.isObject() ? str(fn.get("name")) : firstText(c, "name", "toolName");
    JsonNode args =
        fn.isObject() ? fn.get("arguments") : firstPresent(c, "arguments", "args", "input");
    String type = c.path("type").asText("");
    out.add(
        Chat.Part.toolCall(
            type.isEmpty() || c.has("toolCallType") ? "tool_call" : type,
            firstText(c, "id", "toolCallId", "call_id"),
            name,
            arguments(args)));
  }

  void toolResult(String label, String id, String name, @Nullable JsonNode v, List<Chat.Part> out) {
    toolResult(label, id, name, v, out, false);
  }

  private void toolResult(
      String label,
      String id,
      String name,
      @Nullable JsonNode v,
      List<Chat.Part> out,
      boolean error) {
    // Vercel AI SDK 5+: {type: "text" | "json" | "error-text" | "error-json" | "content", value}
    if (v != null && v.isObject() && v.has("value") && v.path("type").isTextual()) {
      String t = v.get("type").asText();
      error |= t.startsWith("error");
      v = v.get("value");
    }
    Chat.Part result;
    if (v == null || v.isNull()) result = Chat.Part.toolResult(label, id, name, "", false);
    else if (v.isTextual()) {
      JsonNode parsed = jsonObject(v.asText());
      result =
          parsed != null
              ? Chat.Part.toolResult(label, id, name, pretty(parsed), true)
              : Chat.Part.toolResult(label, id, name, v.asText(), false);
    } else if (v.isArray() && allText(v)) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode b : v)
        sb.append(sb.isEmpty() ? "" : "\n")
            .append(
                b.isTextual() ? b.asText() : str(b.has("text") ? b.get("text") : b.get("content")));
      result = Chat.Part.toolResult(label, id, name, sb.toString(), false);
    } else result = Chat.Part.toolResult(label, id, name, pretty(v), true);
    out.add(error ? result.failed() : result);
  }

  private static boolean allText(JsonNode blocks) {
    for (JsonNode b : blocks)
      if (!b.isTextual()
          && !(b.path("type").asText().equals("text")
              && (b.path("text").isTextual() || b.path("content").isTextual()))) return false;
    return !blocks.isEmpty();
  }

  /**
   * Anthropic {@code {source: {type: base64|url, media_type, data|url}}}; Vercel {@code {image,
   * mediaType}}.
   */
  private Chat.Part anthropicOrVercelImage(JsonNode p) {
    JsonNode source = p.path("source");
    if (source.isObject()) {
      String mime = str(source.get("media_type"));
      if ("base64".equals(source.path("type").asText()))
        return inline(Chat.Kind.IMAGE, "image", mime, str(source.get("data")));
      return url(Chat.Kind.IMAGE, "image", str(source.get("url")), mime);
    }
    String mime = firstText(p, "mediaType", "mimeType", "mime_type");
    return url(Chat.Kind.IMAGE, "image", firstText(p, "image", "url"), mime);
  }

  /** GenAI {@code {type: blob, modality, mime_type, content}}: base64 data. */
  private Chat.Part blob(JsonNode p) {
    return inline(kindOf(p), "blob", str(p.get("mime_type")), str(p.get("content")));
  }

  /**
   * Vercel {@code {type: file, data, mediaType}}, OpenAI {@code {file: {file_id, file_data}}},
   * GenAI {@code file_id}.
   */
  private Chat.Part file(JsonNode p) {
    if (p.has("data")) {
      String mime = firstText(p, "mediaType", "mimeType");
      Chat.Kind kind = mime.startsWith("image/") ? Chat.Kind.IMAGE : Chat.Kind.MEDIA;
      return url(kind, "file", str(p.get("data")), mime);
    }
    return described(kindOf(p), "file", describe(p), "");
  }

  private static Chat.Kind kindOf(JsonNode p) {
    String m = p.path("modality").asText("");
    String mime = p.path("mime_type").asText("");
    return m.equals("image") || mime.startsWith("image/") ? Chat.Kind.IMAGE : Chat.Kind.MEDIA;
  }

  /** A URL, a data: URL or bare base64 (Vercel puts either in the same field). */
  private Chat.Part url(Chat.Kind kind, String label, String url, String mime) {
    if (url.startsWith("data:")) {
      int comma = url.indexOf(',');
      String head = comma < 0 ? url : url.substring(5, comma);
      String type = head.contains(";") ? head.substring(0, head.indexOf(';')) : head;
      return inline(
          kind, label, type.isEmpty() ? mime : type, comma < 0 ? "" : url.substring(comma + 1));
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://"))
      return new Chat.Part(kind, label, url, false, "", "", false, mime, "", url);
    if (!url.isEmpty() && url.length() > 64 && url.matches("[A-Za-z0-9+/=\\s]+"))
      return inline(kind, label, mime, url);
    return described(kind, label, shortText(url), mime);
  }

  private Chat.Part inline(Chat.Kind kind, String label, String mime, String base64) {
    String m = mime.toLowerCase(Locale.ROOT);
    String size = Formats.bytes(base64.length() * 3L / 4);
    if (kind == Chat.Kind.IMAGE && SHOWN_IMAGES.contains(m)) {
      String src = reader.inlineSrc(m, base64);
      if (!src.isEmpty())
        return new Chat.Part(kind, label, m + ", " + size, false, "", "", false, m, src, "");
    }
    return described(kind, label, (m.isEmpty() ? "inline data" : m) + ", " + size, m);
  }

  private static Chat.Part described(Chat.Kind kind, String label, String text, String mime) {
    return new Chat.Part(kind, label, text, false, "", "", false, mime, "", "");
  }

  private static String describe(JsonNode p) {
    JsonNode f = p.path("file").isObject() ? p.get("file") : p;
    StringBuilder sb = new StringBuilder();
    for (String k : List.of("filename", "file_id", "format", "mime_type", "mediaType")) {
      String v = str(f.get(k));
      if (!v.isEmpty()) sb.append(sb.isEmpty() ? "" : ", ").append(v);
    }
    return sb.isEmpty() ? p.path("type").asText("media") : sb.toString();
  }

  private static String urlOf(@Nullable JsonNode u) {
    if (u == null) return "";
    return u.isObject() ? str(u.get("url")) : str(u);
  }

  private static String shortText(String s) {
    return s.length() <= MAX_URL ? s : s.substring(0, MAX_URL) + "…";
  }

  private static String firstText(JsonNode p, String... keys) {
    for (String k : keys) if (p.hasNonNull(k)) return str(p.get(k));
    return "";
  }

  private static @Nullable JsonNode firstPresent(JsonNode p, String... keys) {
    for (String k : keys) if (p.has(k)) return p.get(k);
    return null;
  }

  /** Arguments arrive as a JSON string (OpenAI) or an object (Anthropic, GenAI); shown pretty. */
  static String arguments(@Nullable JsonNode args) {
    if (args == null || args.isNull() || args.isMissingNode()) return "";
    if (args.isTextual()) return Formats.prettyJson(args.asText());
    return pretty(args);
  }

  private static @Nullable JsonNode jsonObject(String text) {
    String t = text.strip();
    if (!t.startsWith("{") && !t.startsWith("[")) return null;
    try {
      JsonNode parsed = Json.parse(t);
      return parsed.isContainerNode() ? parsed : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String str(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) return "";
    return node.isValueNode() ? node.asText() : node.toString();
  }

  static String pretty(JsonNode node) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return node.toString();
    }
  }
}
