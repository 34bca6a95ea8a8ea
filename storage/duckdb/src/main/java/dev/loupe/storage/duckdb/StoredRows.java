package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the stored versions of rows a write group may update, inside the writer's transaction. Rows are looked
 * for in the groups ({@code seq}s) that wrote their trace, which zone maps turn into a few row groups; an
 * observation not found there (moved to another trace, or a key filter false positive) is looked for by key
 * over the whole table.
 */
final class StoredRows {
  private static final String TRACES = "SELECT t.rowid, p.prow, " + TraceRows.COLUMNS + ", "
      + TraceRows.PAYLOAD_COLUMNS + " FROM traces t LEFT JOIN (SELECT rowid AS prow, * FROM trace_payloads"
      + " WHERE seq = ANY(?::BIGINT[]) AND key = ANY(?::BIGINT[])) p"
      + " ON p.seq = t.seq AND p.key = t.key AND p.project_id = t.project_id AND p.id = t.id"
      + " WHERE t.seq = ANY(?::BIGINT[]) AND t.key = ANY(?::BIGINT[])";

  private static final String OBSERVATIONS_SELECT = "SELECT o.rowid, p.prow, " + ObservationRows.COLUMNS + ", "
      + ObservationRows.PAYLOAD_COLUMNS + " FROM observations o LEFT JOIN (SELECT rowid AS prow, *"
      + " FROM observation_payloads WHERE %s key = ANY(?::BIGINT[])) p"
      + " ON p.seq = o.seq AND p.key = o.key AND p.project_id = o.project_id AND p.id = o.id"
      + " WHERE %s o.key = ANY(?::BIGINT[])";
  private static final String OBSERVATIONS_IN_SEQS =
      OBSERVATIONS_SELECT.formatted("seq = ANY(?::BIGINT[]) AND", "o.seq = ANY(?::BIGINT[]) AND");
  private static final String OBSERVATIONS_ANYWHERE = OBSERVATIONS_SELECT.formatted("", "");

  private final Session session;

  StoredRows(Session session) {
    this.session = session;
  }

  /** The stored traces among {@code keys}. */
  Map<RowKey, Stored<Trace>> traces(Collection<RowKey> keys) throws SQLException {
    Map<RowKey, Stored<Trace>> out = new HashMap<>();
    if (keys.isEmpty()) return out;
    Set<Long> hashes = hashes(keys);
    Set<Long> seqs = union(TraceWrites.seqs(session, hashes).values());
    if (seqs.isEmpty()) return out;
    PreparedStatement ps = session.statement(TRACES);
    ps.setArray(1, session.longs(seqs));
    ps.setArray(2, session.longs(hashes));
    ps.setArray(3, session.longs(seqs));
    ps.setArray(4, session.longs(hashes));
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Trace t = TraceRows.decode(rs, 3, 3 + TraceRows.COLUMN_COUNT);
        RowKey key = RowKey.of(t);
        if (keys.contains(key)) out.put(key, new Stored<>(t, rs.getLong(3), rs.getLong(1), nullableLong(rs, 2)));
      }
    }
    return out;
  }

  /**
   * The stored observations among {@code keys}.
   *
   * @param traceKeys the keys of the traces the incoming rows name, where the stored rows most likely are
   */
  Map<RowKey, Stored<Observation>> observations(Collection<RowKey> keys, Collection<Long> traceKeys)
      throws SQLException {
    Map<RowKey, Stored<Observation>> out = new HashMap<>();
    if (keys.isEmpty()) return out;
    Set<Long> seqs = union(TraceWrites.seqs(session, traceKeys).values());
    if (!seqs.isEmpty()) {
      PreparedStatement ps = session.statement(OBSERVATIONS_IN_SEQS);
      ps.setArray(1, session.longs(seqs));
      ps.setArray(2, session.longs(hashes(keys)));
      ps.setArray(3, session.longs(seqs));
      ps.setArray(4, session.longs(hashes(keys)));
      read(ps, keys, out);
    }
    Set<RowKey> missing = new HashSet<>(keys);
    missing.removeAll(out.keySet());
    if (!missing.isEmpty()) {
      PreparedStatement ps = session.statement(OBSERVATIONS_ANYWHERE);
      ps.setArray(1, session.longs(hashes(missing)));
      ps.setArray(2, session.longs(hashes(missing)));
      read(ps, missing, out);
    }
    return out;
  }

  private static void read(PreparedStatement ps, Collection<RowKey> wanted, Map<RowKey, Stored<Observation>> out)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Observation o = ObservationRows.decode(rs, 3, 3 + ObservationRows.COLUMN_COUNT);
        RowKey key = RowKey.of(o);
        if (wanted.contains(key)) out.put(key, new Stored<>(o, rs.getLong(3), rs.getLong(1), nullableLong(rs, 2)));
      }
    }
  }

  private static Set<Long> hashes(Collection<RowKey> keys) {
    Set<Long> out = new HashSet<>();
    for (RowKey k : keys) out.add(k.key());
    return out;
  }

  private static Set<Long> union(Collection<Set<Long>> sets) {
    Set<Long> out = new HashSet<>();
    sets.forEach(out::addAll);
    return out;
  }

  private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
