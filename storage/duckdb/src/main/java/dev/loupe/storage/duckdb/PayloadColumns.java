package dev.loupe.storage.duckdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.jspecify.annotations.Nullable;

/** The {@code payload_at BIGINT, payload_len INTEGER} columns of a data row: its {@link PayloadRef}, or NULLs. */
final class PayloadColumns {
  private PayloadColumns() {}

  static void append(DuckDBAppender a, @Nullable PayloadRef ref) throws SQLException {
    if (ref == null) {
      a.appendNull();
      a.appendNull();
    } else {
      a.append(ref.position()).append(ref.length());
    }
  }

  /** The {@code count} payload fields of the row whose payload columns start at {@code at}; null when it has none. */
  static @Nullable String @Nullable [] read(ResultSet rs, int at, PayloadLog log, int count) throws SQLException {
    long position = rs.getLong(at);
    if (rs.wasNull()) return null;
    return PayloadCodec.decode(log.read(PayloadRef.of(position, rs.getInt(at + 1))), count);
  }
}
