package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the stored versions of rows a write group may update, inside the writer's transaction. Rows are looked
 * for in the groups ({@code seq}s) that wrote their trace, which zone maps turn into a few row groups; an
 * observation not found there (moved to another trace, or a key filter false positive) is looked for by key
 * over the whole table.
 */
final class StoredRows {
  private static final String TRACES = "SELECT " + TraceRows.COLUMNS + " FROM traces t WHERE "
      + SeqRanges.sql("t.seq", Payloads.SLOTS) + " AND t.key = ANY(?::BIGINT[])";
  private static final String OBSERVATIONS_IN_SEQS = "SELECT " + ObservationRows.COLUMNS
      + " FROM observations o WHERE " + SeqRanges.sql("o.seq", Payloads.SLOTS) + " AND o.key = ANY(?::BIGINT[])";
  private static final String OBSERVATIONS_ANYWHERE = "SELECT " + ObservationRows.COLUMNS
      + " FROM observations o WHERE o.key = ANY(?::BIGINT[])";

  private final Session session;

  StoredRows(Session session) {
    this.session = session;
  }

  /** The stored traces among {@code keys}. */
  Map<RowKey, Stored<Trace>> traces(Collection<RowKey> keys) throws SQLException {
    if (keys.isEmpty()) return Map.of();
    Set<Long> hashes = hashes(keys);
    Set<Long> seqs = union(TraceWrites.seqs(session, hashes).values());
    if (seqs.isEmpty()) return Map.of();
    PreparedStatement ps = session.statement(TRACES);
    ps.setArray(SeqRanges.of(seqs, Payloads.SLOTS).bind(ps, 1), session.longs(hashes));
    List<Paged<Trace>> found = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Trace t = TraceRows.decode(rs, 1);
        if (keys.contains(RowKey.of(t))) found.add(new Paged<>(t, rs.getLong(1), rs.getLong(2)));
      }
    }
    Map<Payloads.Where, Trace> complete = Payloads.traceMap(session, found);
    Map<RowKey, Stored<Trace>> out = new HashMap<>();
    for (Paged<Trace> f : found) {
      out.put(RowKey.of(f.row()), new Stored<>(complete.getOrDefault(Payloads.where(f), f.row()), f.seq()));
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
    if (keys.isEmpty()) return Map.of();
    List<Paged<Observation>> found = new ArrayList<>();
    Set<Long> seqs = union(TraceWrites.seqs(session, traceKeys).values());
    if (!seqs.isEmpty()) {
      PreparedStatement ps = session.statement(OBSERVATIONS_IN_SEQS);
      ps.setArray(SeqRanges.of(seqs, Payloads.SLOTS).bind(ps, 1), session.longs(hashes(keys)));
      read(ps, keys, found);
    }
    Set<RowKey> missing = new HashSet<>(keys);
    for (Paged<Observation> f : found) missing.remove(RowKey.of(f.row()));
    if (!missing.isEmpty()) {
      PreparedStatement ps = session.statement(OBSERVATIONS_ANYWHERE);
      ps.setArray(1, session.longs(hashes(missing)));
      read(ps, missing, found);
    }
    Map<Payloads.Where, Observation> complete = Payloads.observationMap(session, found);
    Map<RowKey, Stored<Observation>> out = new HashMap<>();
    for (Paged<Observation> f : found) {
      out.put(RowKey.of(f.row()), new Stored<>(complete.getOrDefault(Payloads.whereOf(f), f.row()), f.seq()));
    }
    return out;
  }

  private static void read(PreparedStatement ps, Collection<RowKey> wanted, List<Paged<Observation>> found)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Observation o = ObservationRows.decode(rs, 1);
        if (wanted.contains(RowKey.of(o))) found.add(new Paged<>(o, rs.getLong(1), rs.getLong(2)));
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
