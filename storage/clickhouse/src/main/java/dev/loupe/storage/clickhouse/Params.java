package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bound parameters of one statement, named {@code p0, p1, ...} in the order they are added:
 * each method returns the placeholder ({@code {p3:String}}) to put in the SQL text and keeps the
 * value. {@link Sql} formats every value as ClickHouse's HTTP interface parses it ({@link
 * ParamText}: strings escaped, lists as quoted array literals); a null is never bound (client-v2
 * would send something that is not SQL NULL), so callers test for null in SQL instead.
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
    return add("Array(String)", List.copyOf(v));
  }

  /** A value of another type, given as the text ClickHouse parses for it (e.g. a Date). */
  String typed(String type, String text) {
    return add(type, text);
  }

  private String add(String type, Object value) {
    String name = "p" + values.size();
    values.put(name, value);
    return "{" + name + ":" + type + "}";
  }
}
