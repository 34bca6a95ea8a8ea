package dev.loupe.ingest.convention;

import dev.loupe.model.Bounds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds nested messages from flattened keys: {@code gen_ai.prompt.0.role}, {@code
 * gen_ai.prompt.0.content} → {@code [{"role":..,"content":..}]}. Numeric segments become array
 * positions (sparse indices keep their order). OpenInference wraps each entry in a namespace
 * ({@code llm.input_messages.0.message.role}, {@code ...tool_calls.0.tool_call.function.name}); an
 * object whose only key is such a namespace is replaced by its content, so both dialects read as
 * plain chat messages.
 */
final class FlatKeys {
  private static final List<String> NAMESPACES = List.of("message", "tool_call", "message_content");

  private FlatKeys() {}

  /** The group's keys as one tree (a List when the first segments are indices, else a Map). */
  static Object nest(SpanView s, KeyGroup group) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (String key : s.keys(group)) {
      Object value = s.attributes.get(key);
      if (value == null) continue;
      String[] path = group.suffix(key).split("\\.");
      if (path.length > Bounds.MAX_DEPTH) {
        throw new IllegalArgumentException(
            "attribute "
                + (key.length() > 60 ? key.substring(0, 57) + "..." : key)
                + ": "
                + path.length
                + " dotted levels, more than "
                + Bounds.MAX_DEPTH);
      }
      Map<String, Object> node = root;
      for (int i = 0; i < path.length - 1; i++) {
        Object child = node.get(path[i]);
        if (!(child instanceof Map<?, ?>)) {
          child = new LinkedHashMap<String, Object>();
          node.put(path[i], child);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) child;
        node = next;
      }
      node.put(path[path.length - 1], value);
    }
    return shape(root);
  }

  /** Turns index-keyed maps into lists and unwraps namespace objects, bottom up. */
  private static Object shape(Object value) {
    if (!(value instanceof Map<?, ?> map)) return value;
    boolean indexed = !map.isEmpty();
    Map<String, Object> shaped = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String k = (String) e.getKey();
      indexed &= isIndex(k);
      shaped.put(k, shape(e.getValue()));
    }
    if (indexed) {
      TreeMap<Integer, Object> byIndex = new TreeMap<>();
      shaped.forEach((k, v) -> byIndex.put(Integer.parseInt(k), v));
      return new ArrayList<>(byIndex.values());
    }
    if (shaped.size() == 1) {
      Map.Entry<String, Object> only = shaped.entrySet().iterator().next();
      if (NAMESPACES.contains(only.getKey()) && only.getValue() instanceof Map<?, ?>)
        return only.getValue();
    }
    return shaped;
  }

  private static boolean isIndex(String k) {
    if (k.isEmpty() || k.length() > 9) return false;
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
}
