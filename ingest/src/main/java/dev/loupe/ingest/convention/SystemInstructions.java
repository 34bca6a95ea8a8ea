package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * {@code gen_ai.system_instructions} put in front of the input messages as system message(s),
 * unless the input already starts with one. Accepted forms: structured messages {@code
 * [{"role":"system","parts":[...]}]} (each kept, role defaulting to system); text parts {@code
 * [{"type":"text","content":"..."}]} or strings (joined with newlines into one {@code
 * {"role":"system","content":...}}); a JSON string or plain text (one message).
 */
final class SystemInstructions {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SystemInstructions() {}

  /**
   * The input with the instructions prepended; {@code input} itself when there is nothing to add.
   */
  static @Nullable JsonNode prepend(@Nullable JsonNode input, Object instructions) {
    boolean noInput = input == null || input.isNull();
    // Checked before the instructions are parsed: neither case uses them.
    if (!noInput && (!input.isArray() || startsWithSystem(input))) return input;
    ArrayNode system = messages(instructions);
    if (system.isEmpty()) return input;
    if (noInput) return system;
    return system.addAll((ArrayNode) input);
  }

  private static boolean startsWithSystem(JsonNode messages) {
    return !messages.isEmpty() && "system".equals(messages.get(0).path("role").asText(null));
  }

  static ArrayNode messages(Object instructions) {
    JsonNode node = instructions instanceof String s ? Values.parse(s) : Values.tree(instructions);
    ArrayNode out = NODES.arrayNode();
    if (node == null) {
      if (instructions instanceof String s && !s.isBlank()) out.add(text(s));
      return out;
    }
    if (node.isTextual()) {
      if (!node.asText().isBlank()) out.add(text(node.asText()));
      return out;
    }
    if (node.isObject()) node = NODES.arrayNode().add(node);
    if (!node.isArray()) return out;
    if (allStructured(node)) {
      for (JsonNode m : node) {
        ObjectNode message = NODES.objectNode();
        message.put("role", m.path("role").asText("system"));
        m.properties()
            .forEach(
                e -> {
                  if (!e.getKey().equals("role")) message.set(e.getKey(), e.getValue());
                });
        out.add(message);
      }
      return out;
    }
    StringBuilder joined = new StringBuilder();
    for (JsonNode part : node) {
      String t =
          part.isTextual()
              ? part.asText()
              : part.isObject() && part.path("content").isTextual()
                  ? part.get("content").asText()
                  : null;
      if (t == null) continue;
      if (!joined.isEmpty()) joined.append('\n');
      joined.append(t);
    }
    if (!joined.isEmpty()) out.add(text(joined.toString()));
    return out;
  }

  private static boolean allStructured(JsonNode array) {
    if (array.isEmpty()) return false;
    for (JsonNode m : array) {
      if (!m.isObject() || !(m.has("role") || m.has("parts"))) return false;
    }
    return true;
  }

  private static ObjectNode text(String content) {
    return NODES.objectNode().put("role", "system").put("content", content);
  }
}
