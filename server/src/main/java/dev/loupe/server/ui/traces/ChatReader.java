package dev.loupe.server.ui.traces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a stored input or output as a conversation, in any of the dialects clients send:
 *
 * <ul>
 *   <li>OpenAI Chat Completions: {@code {role, content, tool_calls, tool_call_id}}, content parts,
 *       a request body {@code {messages: [...]}} and a response {@code {choices: [{message}]}};
 *   <li>OpenAI Responses: input items ({@code message}, {@code function_call}, {@code
 *       function_call_output}, {@code reasoning}...), a request {@code {input, instructions}} and a
 *       response {@code {object: "response", output: [...]}};
 *   <li>Anthropic Messages: content blocks ({@code text}, {@code tool_use}, {@code tool_result},
 *       {@code image}, {@code thinking}), a request {@code {system, messages}} and a response
 *       {@code {type: "message", content}};
 *   <li>OpenTelemetry GenAI: {@code {role, parts: [...]}} with {@code text}, {@code tool_call},
 *       {@code tool_call_response}, {@code blob}, {@code uri}, {@code file}, {@code reasoning}
 *       parts, and {@code system_instructions};
 *   <li>LangChain message dicts ({@code {type: "human", content}}, {@code {type, data}}) and
 *       serialized messages ({@code {lc: 1, id: [..., "AIMessage"], kwargs}});
 *   <li>Vercel AI SDK prompt and response parts ({@code tool-call}, {@code tool-result}, {@code
 *       image}, {@code file}, {@code reasoning}) and a bare list of tool calls.
 * </ul>
 *
 * Anything else is not a conversation ({@link #read} answers null) and is shown as JSON. Images
 * stored inline (base64) are numbered in reading order and linked to {@code mediaBase + n}, which
 * serves them from this page's origin (the page's CSP allows no {@code data:} images).
 */
final class ChatReader {
  /** A conversation and the keys of its wrapper object that are not part of it. */
  record Read(List<Chat.Message> messages, @Nullable JsonNode rest) {}

  /** An image stored inline, as read: its media type and base64 data. */
  record Inline(String mime, String base64) {}

  private static final Set<String> RESPONSES_ITEMS =
      Set.of(
          "message",
          "function_call",
          "function_call_output",
          "reasoning",
          "custom_tool_call",
          "custom_tool_call_output",
          "web_search_call",
          "file_search_call",
          "computer_call",
          "computer_call_output",
          "code_interpreter_call",
          "image_generation_call",
          "mcp_call",
          "local_shell_call",
          "item_reference");
  private static final Set<String> LANGCHAIN_TYPES =
      Set.of("human", "ai", "system", "tool", "function", "chat", "generic", "developer");

  private final String mediaBase;
  private final List<Inline> inline = new ArrayList<>();
  private final ChatParts parts = new ChatParts(this);

  ChatReader(String mediaBase) {
    this.mediaBase = mediaBase;
  }

  /** The inline images met so far, in reading order. */
  List<Inline> inline() {
    return inline;
  }

  /** The URL that serves an inline image; records it. */
  String inlineSrc(String mime, String base64) {
    inline.add(new Inline(mime, base64));
    return mediaBase.isEmpty() ? "" : mediaBase + (inline.size() - 1);
  }

  /** The conversation in {@code node}, or null when it is not one. */
  @Nullable Read read(JsonNode node) {
    if (node.isArray()) {
      if (node.size() == 1 && node.get(0).isArray()) node = node.get(0); // LangChain [[...]]
      if (isConversation(node)) return new Read(messages(node), null);
      if (isToolCallList(node)) return new Read(List.of(toolCallMessage(node)), null);
      return null;
    }
    if (!node.isObject()) return null;
    for (String key : List.of("messages", "input", "prompt")) {
      JsonNode list = node.get(key);
      if (list != null && list.isArray() && isConversation(list)) {
        List<Chat.Message> out = new ArrayList<>(system(node));
        out.addAll(messages(list));
        return new Read(out, rest(node, key, "system", "instructions", "system_instructions"));
      }
    }
    if (node.path("prompt").isTextual()
        && node.size() <= 2
        && (node.size() == 1 || node.has("system"))) {
      // a Vercel AI SDK ai.prompt: {system?, prompt}
      List<Chat.Message> out = new ArrayList<>(system(node));
      out.add(
          new Chat.Message(
              "user",
              "",
              "",
              List.of(Chat.Part.text(Chat.Kind.TEXT, "text", node.get("prompt").asText()))));
      return new Read(out, null);
    }
    JsonNode output = node.get("output");
    if (output != null && output.isArray() && isConversation(output)) {
      return new Read(messages(output), null); // a Responses API response
    }
    JsonNode choices = node.get("choices");
    if (choices != null && choices.isArray() && !choices.isEmpty()) {
      List<Chat.Message> out = new ArrayList<>();
      for (JsonNode c : choices) {
        JsonNode m = c.has("message") ? c.get("message") : c.get("delta");
        if (m == null || !isMessage(m)) return null;
        out.add(message(m));
      }
      return new Read(out, null);
    }
    JsonNode generations = node.get("generations");
    if (generations != null && generations.isArray()) {
      List<Chat.Message> out = new ArrayList<>();
      for (JsonNode g : flat(generations)) {
        if (g.has("message") && isMessage(g.get("message"))) out.add(message(g.get("message")));
        else if (g.path("text").isTextual())
          out.add(
              new Chat.Message(
                  "assistant",
                  "",
                  "",
                  List.of(Chat.Part.text(Chat.Kind.TEXT, "text", g.get("text").asText()))));
        else return null;
      }
      return out.isEmpty() ? null : new Read(out, null);
    }
    if (isMessage(node)) return new Read(List.of(message(node)), null);
    return null;
  }

  private static List<JsonNode> flat(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : array) {
      if (n.isArray()) n.forEach(out::add);
      else out.add(n);
    }
    return out;
  }

  /** System instructions written beside the messages: Anthropic, Responses, GenAI. */
  private List<Chat.Message> system(JsonNode node) {
    List<Chat.Message> out = new ArrayList<>();
    for (String key : List.of("system", "instructions", "system_instructions")) {
      JsonNode s = node.get(key);
      if (s == null || s.isNull()) continue;
      List<Chat.Part> p = new ArrayList<>();
      if (s.isArray() && isConversation(s)) {
        out.addAll(messages(s));
        continue;
      }
      parts.content(s, p, false);
      if (!p.isEmpty()) out.add(new Chat.Message("system", "", "", p));
    }
    return out;
  }

  private static @Nullable JsonNode rest(JsonNode node, String... used) {
    var others = node.deepCopy();
    for (String k : used) ((com.fasterxml.jackson.databind.node.ObjectNode) others).remove(k);
    return others.isEmpty() ? null : others;
  }

  static boolean isConversation(JsonNode array) {
    if (!array.isArray() || array.isEmpty()) return false;
    for (JsonNode m : array) if (!isMessage(m)) return false;
    return true;
  }

  static boolean isMessage(JsonNode m) {
    if (!m.isObject()) return false;
    if (m.path("role").isTextual()
        && (m.has("content")
            || m.has("parts")
            || m.has("tool_calls")
            || m.has("function_call")
            || m.has("type"))) return true;
    String type = m.path("type").asText("");
    if (RESPONSES_ITEMS.contains(type)) return true;
    if (LANGCHAIN_TYPES.contains(type) && (m.has("content") || m.path("data").has("content")))
      return true;
    return langChainClass(m) != null;
  }

  /** {@code {lc: 1, type: "constructor", id: [..., "HumanMessage"], kwargs}}: the class name. */
  private static @Nullable String langChainClass(JsonNode m) {
    if (!"constructor".equals(m.path("type").asText()) || !m.path("kwargs").isObject()) return null;
    JsonNode id = m.path("id");
    if (!id.isArray() || id.isEmpty()) return null;
    String cls = id.get(id.size() - 1).asText("");
    return cls.endsWith("Message") || cls.endsWith("MessageChunk") ? cls : null;
  }

  /** A Vercel AI SDK {@code ai.response.toolCalls}: tool calls with no message around them. */
  private static boolean isToolCallList(JsonNode array) {
    if (array.isEmpty()) return false;
    for (JsonNode c : array)
      if (!c.isObject() || !(c.has("toolCallId") || "tool_call".equals(c.path("type").asText())))
        return false;
    return true;
  }

  private Chat.Message toolCallMessage(JsonNode calls) {
    List<Chat.Part> out = new ArrayList<>();
    for (JsonNode c : calls) parts.part(c, out);
    return new Chat.Message("assistant", "", "", out);
  }

  List<Chat.Message> messages(JsonNode array) {
    List<Chat.Message> out = new ArrayList<>(array.size());
    for (JsonNode m : array) out.add(message(m));
    return out;
  }

  Chat.Message message(JsonNode m) {
    String cls = langChainClass(m);
    if (cls != null) return langChain(roleOfClass(cls), m.get("kwargs"));
    String type = m.path("type").asText("");
    if (!m.path("role").isTextual()) {
      if (LANGCHAIN_TYPES.contains(type))
        return langChain(roleOfType(type, m), m.path("data").isObject() ? m.get("data") : m);
      if (RESPONSES_ITEMS.contains(type)) return responsesItem(type, m);
    }
    String role = m.path("role").asText();
    List<Chat.Part> out = new ArrayList<>();
    JsonNode content = m.has("parts") ? m.get("parts") : m.get("content");
    parts.content(content, out, role.equals("tool"));
    for (JsonNode c : m.path("tool_calls")) parts.toolCall(c, out);
    JsonNode legacy = m.get("function_call");
    if (legacy != null && legacy.isObject())
      out.add(
          Chat.Part.toolCall(
              "function_call",
              "",
              ChatParts.str(legacy.get("name")),
              ChatParts.arguments(legacy.get("arguments"))));
    return new Chat.Message(
        role, ChatParts.str(m.get("name")), ChatParts.str(m.get("tool_call_id")), out);
  }

  private Chat.Message responsesItem(String type, JsonNode m) {
    List<Chat.Part> out = new ArrayList<>();
    switch (type) {
      case "function_call", "custom_tool_call" ->
          out.add(
              Chat.Part.toolCall(
                  type,
                  ChatParts.str(m.get("call_id")),
                  ChatParts.str(m.get("name")),
                  ChatParts.arguments(m.has("arguments") ? m.get("arguments") : m.get("input"))));
      case "function_call_output", "custom_tool_call_output", "computer_call_output" -> {
        parts.toolResult(type, ChatParts.str(m.get("call_id")), "", m.get("output"), out);
        return new Chat.Message("tool", "", ChatParts.str(m.get("call_id")), out);
      }
      case "reasoning" -> {
        for (JsonNode s : m.path("summary")) parts.part(s, out, Chat.Kind.REASONING);
        for (JsonNode c : m.path("content")) parts.part(c, out, Chat.Kind.REASONING);
        if (out.isEmpty())
          out.add(Chat.Part.text(Chat.Kind.REASONING, type, "(reasoning not recorded)"));
      }
      case "message" -> parts.content(m.get("content"), out, false);
      default -> out.add(Chat.Part.json(Chat.Kind.OTHER, type, ChatParts.pretty(m)));
    }
    return new Chat.Message("assistant", "", "", out);
  }

  private Chat.Message langChain(String role, JsonNode d) {
    List<Chat.Part> out = new ArrayList<>();
    parts.content(d.get("content"), out, role.equals("tool"));
    JsonNode calls = d.path("tool_calls");
    if (calls.isEmpty()) calls = d.path("additional_kwargs").path("tool_calls");
    for (JsonNode c : calls) parts.toolCall(c, out);
    if (role.equals("chat")) role = d.path("role").asText("chat");
    return new Chat.Message(
        role, ChatParts.str(d.get("name")), ChatParts.str(d.get("tool_call_id")), out);
  }

  private static String roleOfType(String type, JsonNode m) {
    return switch (type) {
      case "human" -> "user";
      case "ai" -> "assistant";
      case "chat", "generic" -> m.path("role").asText(m.path("data").path("role").asText("chat"));
      default -> type;
    };
  }

  private static String roleOfClass(String cls) {
    String base = cls.replace("MessageChunk", "").replace("Message", "");
    return switch (base) {
      case "Human" -> "user";
      case "AI" -> "assistant";
      case "" -> "chat";
      default -> base.toLowerCase(Locale.ROOT);
    };
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }
}
