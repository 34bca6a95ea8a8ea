package dev.loupe.storage.clickhouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A WHERE clause built from conditions with bound parameters: a condition's text holds only column
 * names, functions of ours and {@code {name:Type}} placeholders; the values go to {@link
 * #params()}.
 */
final class Where {
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> params = new HashMap<>();

  /** Adds a condition with no parameter of its own. */
  Where and(String condition) {
    conditions.add(condition);
    return this;
  }

  /** Adds a condition and its one parameter. */
  Where and(String condition, String param, Object value) {
    conditions.add(condition);
    params.put(param, value);
    return this;
  }

  /** Binds a parameter used by a condition added before or after. */
  Where param(String name, Object value) {
    params.put(name, value);
    return this;
  }

  /** {@code cond AND cond ...}; {@code 1} when there is none. */
  String sql() {
    return conditions.isEmpty() ? "1" : String.join(" AND ", conditions);
  }

  Map<String, Object> params() {
    return params;
  }

  /** This clause's parameters together with {@code other}'s (names must not clash). */
  Map<String, Object> paramsWith(Map<String, Object> other) {
    Map<String, Object> all = new HashMap<>(params);
    all.putAll(other);
    return all;
  }
}
