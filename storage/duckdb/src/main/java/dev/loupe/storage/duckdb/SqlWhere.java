package dev.loupe.storage.duckdb;

import dev.loupe.model.Times;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A WHERE clause built from fixed SQL fragments and bound parameters: user input only ever travels
 * as a parameter. Text is appended in order, parameters bound in the same order.
 */
final class SqlWhere {
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  /** Adds {@code fragment} (with its {@code ?} placeholders) joined by AND. */
  SqlWhere and(String fragment, Object... values) {
    sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(fragment);
    params.addAll(List.of(values));
    return this;
  }

  /** Adds {@code column = ?} when the value is not null. */
  SqlWhere eq(String column, @Nullable Object value) {
    return value == null ? this : and(column + " = ?", value);
  }

  /** Adds {@code from <= column < to} for the bounds that are set. */
  SqlWhere range(String column, @Nullable Instant from, @Nullable Instant to) {
    if (from != null) and(column + " >= make_timestamp(?::BIGINT)", Times.toEpochMicros(from));
    if (to != null) and(column + " < make_timestamp(?::BIGINT)", Times.toEpochMicros(to));
    return this;
  }

  String sql() {
    return sql.toString();
  }

  /** The parameters in binding order, to nest this clause in another's fragment. */
  Object[] params() {
    return params.toArray();
  }

  /** Binds the parameters from position {@code first}; returns the next free position. */
  int bind(Session s, PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (Object p : params) {
      switch (p) {
        case Strings list -> ps.setArray(i++, s.strings(list.values()));
        case Long l -> ps.setLong(i++, l);
        case Integer n -> ps.setInt(i++, n);
        case Double d -> ps.setDouble(i++, d);
        case String str -> ps.setString(i++, str);
        default -> throw new IllegalArgumentException("unsupported parameter type " + p.getClass());
      }
    }
    return i;
  }

  /** A VARCHAR[] parameter. */
  record Strings(List<String> values) {}
}
