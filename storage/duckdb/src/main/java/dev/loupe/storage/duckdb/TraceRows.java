package dev.loupe.storage.duckdb;

import dev.loupe.model.Times;
import dev.loupe.model.Trace;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Trace rows: the load's column order and the select list, kept side by side with the DDL in {@link
 * Schema}. Input, output and metadata live in the {@link PayloadLog}; the row keeps the reference.
 */
final class TraceRows {
  /**
   * The {@code traces} columns, aliased {@code t}; {@link #decode} reads them starting at a given
   * column.
   */
  static final String COLUMNS =
      "t.seq, t.key, t.project_id, t.id, t.name, epoch_us(t.timestamp), t.user_id, "
          + "t.session_id, t.tags, t.environment, t.release, t.version, t.is_public, t.payload_at, t.payload_len";

  static final String FROM = " FROM traces t";

  /** {@link #COLUMNS} of every row: add a WHERE clause. */
  static final String SELECT = "SELECT " + COLUMNS + FROM;

  private TraceRows() {}

  /**
   * Puts the row's payload record (input, output, metadata) into {@code codec}; false when it has
   * none.
   */
  static boolean encodePayload(PayloadCodec codec, Trace t) {
    if (t.input() == null && t.output() == null && t.metadata() == null) return false;
    codec.clear().add(t.input()).add(t.output()).add(t.metadata());
    return true;
  }

  /** Adds the row to the group's load; {@code ref} is where its payload record is. */
  static void add(TableLoad traces, long seq, RowKey key, Trace t, @Nullable PayloadRef ref) {
    traces
        .beginRow()
        .add(seq)
        .add(key.key())
        .add(t.projectId())
        .add(t.id())
        .add(t.name())
        .addMicros(Times.toEpochMicros(t.timestamp()))
        .add(t.userId())
        .add(t.sessionId())
        .add(t.tags())
        .add(t.environment())
        .add(t.release())
        .add(t.version())
        .add(t.isPublic());
    PayloadColumns.add(traces, ref);
    traces.endRow();
  }

  /** Reads {@link #COLUMNS} starting at column {@code at}, the payload from the log. */
  static Trace decode(ResultSet rs, int at, PayloadLog log) throws SQLException {
    Trace.Builder b =
        Trace.builder(
                rs.getString(at + 2),
                rs.getString(at + 3),
                Times.fromEpochMicros(rs.getLong(at + 5)))
            .name(rs.getString(at + 4))
            .userId(rs.getString(at + 6))
            .sessionId(rs.getString(at + 7))
            .tags(strings(rs.getArray(at + 8)))
            .environment(rs.getString(at + 9))
            .release(rs.getString(at + 10))
            .version(rs.getString(at + 11))
            .isPublic(rs.getBoolean(at + 12));
    List<String> p = PayloadColumns.read(rs, at + 13, log, 3);
    if (p != null) b.input(p.get(0)).output(p.get(1)).metadata(p.get(2));
    return b.build();
  }

  static List<String> strings(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    List<String> out = new ArrayList<>(values.length);
    for (Object v : values) out.add((String) v);
    return out;
  }
}
