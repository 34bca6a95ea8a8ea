package dev.loupe.storage.clickhouse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Query parameter values as the text ClickHouse parses for {@code {name:Type}}: the HTTP interface
 * reads a parameter in the "escaped" text format (backslash escapes are interpreted), and an array
 * as its literal {@code ['a','b']} (not escaped again: the server reads it as it is). client-v2
 * sends {@code String.valueOf(value)}, so every value is formatted here first: a string with a
 * backslash, a tab or a quote would otherwise reach the server altered or unparsable.
 */
final class ParamText {
  private ParamText() {}

  static Map<String, Object> of(Map<String, Object> params) {
    Map<String, Object> out = HashMap.newHashMap(params.size());
    params.forEach((k, v) -> out.put(k, text(v)));
    return out;
  }

  static String text(Object v) {
    if (v instanceof String s) return escaped(s);
    if (v instanceof List<?> list) {
      StringBuilder b = new StringBuilder("[");
      for (Object e : list) {
        if (b.length() > 1) b.append(',');
        b.append(e instanceof String s ? quoted(s) : String.valueOf(e));
      }
      return b.append(']').toString();
    }
    return String.valueOf(v);
  }

  /** The escaped format: backslash, tab, newline, carriage return and NUL as escapes. */
  private static String escaped(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\0' -> b.append("\\0");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A string literal in single quotes, quote and backslash escaped. */
  private static String quoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\'' -> b.append("\\'");
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\0' -> b.append("\\0");
        default -> b.append(c);
      }
    }
    return b.append('\'').toString();
  }
}
