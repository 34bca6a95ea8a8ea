package dev.loupe.storage.duckdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code payload_at BIGINT, payload_len INTEGER} columns of a data row: its {@link PayloadRef},
 * or NULLs.
 */
final class PayloadColumns {
  private PayloadColumns() {}

  static void add(TableLoad a, @Nullable PayloadRef ref) {
    if (ref == null) a.addNull().addNull();
    else a.add(ref.position()).add((Integer) ref.length());
  }

  /**
   * The payload fields of the row whose payload columns start at {@code at}, at least {@code count}
   * of them; null when the row has none.
   */
  static @Nullable List<@Nullable String> read(ResultSet rs, int at, PayloadLog log, int count)
      throws SQLException {
    long position = rs.getLong(at);
    if (rs.wasNull()) return null;
    PayloadRef ref = PayloadRef.of(position, rs.getInt(at + 1));
    List<@Nullable String> fields;
    try {
      fields = PayloadCodec.decode(log.read(ref));
    } catch (RuntimeException e) {
      throw new SQLException("payload of the row cannot be read: " + e.getMessage(), e);
    }
    if (fields.size() < count) {
      throw new SQLException(
          "payload " + ref + " has " + fields.size() + " fields, expected " + count);
    }
    return fields;
  }
}
