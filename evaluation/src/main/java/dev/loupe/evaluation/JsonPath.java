package dev.loupe.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON path subset variables and checks use: {@code $}, then {@code .name}, {@code ['name']}
 * and {@code [index]} steps, e.g. {@code $.messages[0].content} or {@code $['customer']['tier']}.
 */
final class JsonPath {
  private final List<Object> steps;

  private JsonPath(List<Object> steps) {
    this.steps = steps;
  }

  /**
   * @throws IllegalArgumentException naming {@code field} when the path is not of the subset
   */
  static JsonPath parse(String field, String path) {
    if (!path.startsWith("$")) throw bad(field, path, "must start with $");
    List<Object> steps = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') end++;
        if (end == i + 1) throw bad(field, path, "empty name after '.'");
        steps.add(path.substring(i + 1, end));
        i = end;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) throw bad(field, path, "'[' without ']'");
        String inside = path.substring(i + 1, close).strip();
        if (inside.length() >= 2
            && (inside.startsWith("'") && inside.endsWith("'")
                || inside.startsWith("\"") && inside.endsWith("\""))) {
          steps.add(inside.substring(1, inside.length() - 1));
        } else {
          try {
            steps.add(Integer.parseInt(inside));
          } catch (NumberFormatException e) {
            throw bad(field, path, "'[" + inside + "]' is neither an index nor a quoted name");
          }
        }
        i = close + 1;
      } else {
        throw bad(field, path, "unexpected '" + c + "' at " + i);
      }
    }
    return new JsonPath(steps);
  }

  /** The selected node, or null when the path leads nowhere. */
  @Nullable JsonNode select(JsonNode root) {
    JsonNode n = root;
    for (Object step : steps) {
      if (n == null) return null;
      n =
          step instanceof Integer index
              ? (n.isArray() ? n.get(index) : null)
              : n.get((String) step);
    }
    return n == null || n.isMissingNode() ? null : n;
  }

  private static IllegalArgumentException bad(String field, String path, String why) {
    return new IllegalArgumentException(field + ": '" + path + "' " + why);
  }
}
