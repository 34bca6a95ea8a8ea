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

/**
 * Finds the stored versions of rows a write group may update, inside the writer's transaction. Rows
 * are looked for in the groups ({@code seq}s) that wrote their trace, which zone maps turn into a
 * few row groups; an observation not found there (moved to another trace, or a key filter false
 * positive) is looked for by key over the whole table.
 */
final class StoredRows {
  private static final String TRACES =
      "SELECT "
          + TraceRows.COLUMNS
          + " FROM traces t WHERE "
          + SeqRanges.sql("t.seq", SeqRanges.SLOTS)
          + " AND t.key = ANY(?::BIGINT[])";
  private static final String OBSERVATIONS_IN_SEQS =
      "SELECT "
          + ObservationRows.COLUMNS
          + " FROM observations o WHERE "
          + SeqRanges.sql("o.seq", SeqRanges.SLOTS)
          + " AND o.key = ANY(?::BIGINT[])";
  private static final String OBSERVATIONS_ANYWHERE =
      "SELECT " + ObservationRows.COLUMNS + " FROM observations o WHERE o.key = ANY(?::BIGINT[])";

  private final Session session;
  private final PayloadLog payloads;

  StoredRows(Session session, PayloadLog payloads) {
    this.session = session;
    this.payloads = payloads;
  }

  /** The stored traces among {@code keys}. */
  Map<RowKey, Stored<Trace>> traces(Collection<RowKey> keys) throws SQLException {
    if (keys.isEmpty()) return Map.of();
    Set<Long> hashes = hashes(keys);
    Set<Long> seqs = union(TraceWrites.seqs(session, hashes).values());
    if (seqs.isEmpty()) return Map.of();
    PreparedStatement ps = session.statement(TRACES);
    ps.setArray(SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1), session.longs(hashes));
    Map<RowKey, Stored<Trace>> out = new HashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Trace t = TraceRows.decode(rs, 1, payloads);
        if (keys.contains(RowKey.of(t))) out.put(RowKey.of(t), new Stored<>(t, rs.getLong(1)));
      }
    }
    return out;
  }

  /**
   * The stored observations among {@code keys}.
   *
   * @param traceKeys the keys of the traces the incoming rows name, where the stored rows most
   *     likely are
   */
  Map<RowKey, Stored<Observation>> observations(Collection<RowKey> keys, Collection<Long> traceKeys)
      throws SQLException {
    if (keys.isEmpty()) return Map.of();
    Map<RowKey, Stored<Observation>> found = new HashMap<>();
    Set<Long> seqs = union(TraceWrites.seqs(session, traceKeys).values());
    if (!seqs.isEmpty()) {
      PreparedStatement ps = session.statement(OBSERVATIONS_IN_SEQS);
      ps.setArray(SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1), session.longs(hashes(keys)));
      read(ps, keys, found);
    }
    Set<RowKey> missing = new HashSet<>(keys);
    missing.removeAll(found.keySet());
    if (!missing.isEmpty()) {
      PreparedStatement ps = session.statement(OBSERVATIONS_ANYWHERE);
      ps.setArray(1, session.longs(hashes(missing)));
      read(ps, missing, found);
    }
    return found;
  }

  private void read(
      PreparedStatement ps, Collection<RowKey> wanted, Map<RowKey, Stored<Observation>> found)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Observation o = ObservationRows.decode(rs, 1, payloads);
        if (wanted.contains(RowKey.of(o))) found.put(RowKey.of(o), new Stored<>(o, rs.getLong(1)));
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
}
