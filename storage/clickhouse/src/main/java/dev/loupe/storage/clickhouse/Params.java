package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The bound parameters of one statement, named {@code p0, p1, ...} in the order they are added:
 * each method returns the placeholder ({@code {p3:String}}) to put in the SQL text and keeps the
 * value. Values are formatted here, as ClickHouse's HTTP interface parses them: client-v2 sends a
 * Java list as its {@code toString()}, and a null as something that is not SQL NULL, so arrays are
 * written as quoted literals and a null is never bound (callers test for null in SQL instead).
 */
final class Params {
  private final Map<String, Object> values = new HashMap<>();

  Map<String, Object> map() {
    return values;
  }

  String string(String v) {
    return add("String", v);
  }

  String int64(long v) {
    return add("Int64", v);
  }

  String uint64(long v) {
    return add("UInt64", Long.toUnsignedString(v));
  }

  String float64(double v) {
    return add("Float64", Double.toString(v));
  }

  /** An instant as Int64 microseconds since 1970, how every time column holds it. */
  String micros(Instant t) {
    return int64(Times.toEpochMicros(t));
  }

  String strings(Collection<String> v) {
    return add("Array(String)", arrayLiteral(v));
  }

  /** {@code ['a', 'b\'c']}: a ClickHouse array of string literals. */
  static String arrayLiteral(Collection<String> v) {
    StringBuilder sb = new StringBuilder("[");
    for (String s : v) {
      if (sb.length() > 1) sb.append(", ");
      sb.append('\'');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' || c == '\'') sb.append('\\');
        sb.append(c);
      }
      sb.append('\'');
    }
    return sb.append(']').toString();
  }

  private String add(String type, Object value) {
    String name = "p" + values.size();
    values.put(name, value);
    return "{" + name + ":" + type + "}";
  }
}
