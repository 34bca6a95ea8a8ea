package dev.loupe.storage.duckdb;

import dev.loupe.model.Times;
import dev.loupe.model.Trace;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;

/** Trace rows: appender column order and the select list, kept side by side with the DDL in {@link Schema}. */
final class TraceRows {
  /** The {@code traces} columns, aliased {@code t}; {@link #decode} reads them starting at a given column. */
  static final String COLUMNS = "t.seq, t.key, t.project_id, t.id, t.name, epoch_us(t.timestamp), t.user_id, "
      + "t.session_id, t.tags, t.environment, t.release, t.version, t.is_public";
  static final int COLUMN_COUNT = 13;

  /** The {@code trace_payloads} columns, aliased {@code p}. */
  static final String PAYLOAD_COLUMNS = "p.input, p.output, p.metadata";

  private TraceRows() {}

  static void append(DuckDBAppender traces, DuckDBAppender payloads, long seq, RowKey key, Trace t)
      throws SQLException {
    traces.beginRow()
        .append(seq).append(key.key()).append(t.projectId()).append(t.id())
        .append(t.name()).appendEpochMicros(Times.toEpochMicros(t.timestamp()))
        .append(t.userId()).append(t.sessionId()).append(t.tags())
        .append(t.environment()).append(t.release()).append(t.version()).append(t.isPublic())
        .endRow();
    if (hasPayload(t)) {
      payloads.beginRow()
          .append(seq).append(key.key()).append(t.projectId()).append(t.id())
          .append(t.input()).append(t.output()).append(t.metadata())
          .endRow();
    }
  }

  /** Whether the trace has a {@code trace_payloads} row. */
  static boolean hasPayload(Trace t) {
    return t.input() != null || t.output() != null || t.metadata() != null;
  }

  /** Reads {@link #COLUMNS} starting at column {@code at}. */
  static Trace decode(ResultSet rs, int at) throws SQLException {
    return Trace.builder(rs.getString(at + 2), rs.getString(at + 3), Times.fromEpochMicros(rs.getLong(at + 5)))
        .name(rs.getString(at + 4))
        .userId(rs.getString(at + 6))
        .sessionId(rs.getString(at + 7))
        .tags(strings(rs.getArray(at + 8)))
        .environment(rs.getString(at + 9))
        .release(rs.getString(at + 10))
        .version(rs.getString(at + 11))
        .isPublic(rs.getBoolean(at + 12))
        .build();
  }

  /** Reads {@link #COLUMNS} from {@code at} and {@link #PAYLOAD_COLUMNS} from {@code payloadAt}. */
  static Trace decode(ResultSet rs, int at, int payloadAt) throws SQLException {
    return withPayload(decode(rs, at), rs, payloadAt);
  }

  /** The row with the {@link #PAYLOAD_COLUMNS} read from {@code at} (all null when the row had no payload). */
  static Trace withPayload(Trace t, ResultSet rs, int at) throws SQLException {
    return t.toBuilder().input(rs.getString(at)).output(rs.getString(at + 1)).metadata(rs.getString(at + 2)).build();
  }

  static List<String> strings(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    List<String> out = new ArrayList<>(values.length);
    for (Object v : values) out.add((String) v);
    return out;
  }
}
