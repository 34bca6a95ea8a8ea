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
      TraceRows.SELECT
          + " WHERE "
          + SeqRanges.sql("t.seq", SeqRanges.SLOTS)
          + " AND t.key = ANY(?::BIGINT[])";
  private static final String OBSERVATIONS_IN_SEQS =
      ObservationRows.SELECT
          + " WHERE "
          + SeqRanges.sql("o.seq", SeqRanges.SLOTS)
          + " AND o.key = ANY(?::BIGINT[])";
  private static final String OBSERVATIONS_ANYWHERE =
      ObservationRows.SELECT + " WHERE o.key = ANY(?::BIGINT[])";

  private final Session session;
  private final PayloadLog payloads;

  /** Seqs per trace key read so far: traces and their observations share them. */
  private final Map<Long, Set<Long>> seqsByTrace = new HashMap<>();

  StoredRows(Session session, PayloadLog payloads) {
    this.session = session;
    this.payloads = payloads;
  }

  /** The stored traces among {@code keys}. */
  Map<RowKey, Stored<Trace>> traces(Collection<RowKey> keys) throws SQLException {
    if (keys.isEmpty()) return Map.of();
    Set<Long> hashes = hashes(keys);
    Set<Long> seqs = seqsOf(hashes);
    if (seqs.isEmpty()) return Map.of();
    PreparedStatement ps = session.statement(TRACES);
    ps.setArray(SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1), session.longs(hashes));
    Map<RowKey, Stored<Trace>> out = new HashMap<>();
    read(ps, keys, rs -> TraceRows.decode(rs, 1, payloads), out);
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
    Set<Long> seqs = seqsOf(traceKeys);
    if (!seqs.isEmpty()) {
      PreparedStatement ps = session.statement(OBSERVATIONS_IN_SEQS);
      ps.setArray(SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1), session.longs(hashes(keys)));
      read(ps, keys, rs -> ObservationRows.decode(rs, 1, payloads), found);
    }
    Set<RowKey> missing = new HashSet<>(keys);
    missing.removeAll(found.keySet());
    if (!missing.isEmpty()) {
      PreparedStatement ps = session.statement(OBSERVATIONS_ANYWHERE);
      ps.setArray(1, session.longs(hashes(missing)));
      read(ps, missing, rs -> ObservationRows.decode(rs, 1, payloads), found);
    }
    return found;
  }

  private interface Decoder<T> {
    T decode(ResultSet rs) throws SQLException;
  }

  /**
   * Adds the rows of {@code ps} (columns seq, key, project_id, id, ...) that are {@code wanted};
   * rows that only share a key are skipped before their payload is read.
   */
  private static <T> void read(
      PreparedStatement ps,
      Collection<RowKey> wanted,
      Decoder<T> decoder,
      Map<RowKey, Stored<T>> found)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        RowKey k = new RowKey(rs.getString(3), rs.getString(4), rs.getLong(2));
        if (wanted.contains(k)) found.put(k, new Stored<>(decoder.decode(rs), rs.getLong(1)));
      }
    }
  }

  private static Set<Long> hashes(Collection<RowKey> keys) {
    Set<Long> out = new HashSet<>();
    for (RowKey k : keys) out.add(k.key());
    return out;
  }

  /** The seqs of every group that wrote these traces; each trace's are read once per group. */
  private Set<Long> seqsOf(Collection<Long> traceKeys) throws SQLException {
    Set<Long> unread = new HashSet<>(traceKeys);
    unread.removeAll(seqsByTrace.keySet());
    if (!unread.isEmpty()) {
      Map<Long, Set<Long>> read = TraceWrites.seqs(session, unread);
      for (long k : unread) seqsByTrace.put(k, read.getOrDefault(k, Set.of()));
    }
    Set<Long> out = new HashSet<>();
    for (long k : traceKeys) out.addAll(seqsByTrace.get(k));
    return out;
  }
}
