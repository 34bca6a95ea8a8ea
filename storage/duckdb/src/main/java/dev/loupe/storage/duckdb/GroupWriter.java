package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.WriteBatch;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.duckdb.DuckDBAppender;
import org.jspecify.annotations.Nullable;

/**
 * Writes one group of batches in one transaction on the writer's connection: finds the stored rows the group may
 * update (only keys the filters cannot rule out, traces from the cache first), merges, deletes the replaced rows
 * and appends the new ones with the group's {@code seq}, then commits. Owned by the writer thread.
 */
final class GroupWriter {
  private final Session session;
  private final TraceCache traceCache = new TraceCache();
  private final WriterStats stats = new WriterStats();
  private @Nullable KeyFilter traceKeys;
  private @Nullable KeyFilter observationKeys;
  private long seq;

  GroupWriter(Session session) {
    this.session = session;
  }

  /** Loads what the writer needs from the file: the last seq and the key filters (a scan of every key). */
  void prepare() throws SQLException {
    seq = Startup.lastSeq(session.connection());
    traceKeys = Startup.keyFilter(session.connection(), "traces");
    observationKeys = Startup.keyFilter(session.connection(), "observations");
  }

  /**
   * Writes the batches durably.
   *
   * @return per batch, why it was left out (its rows did not merge), or null when it was stored
   * @throws SQLException when the group failed; then nothing of it is stored
   */
  List<@Nullable RuntimeException> write(List<WriteBatch> batches) throws SQLException {
    if (traceKeys == null || observationKeys == null) prepare();
    KeyFilter traceKeys = this.traceKeys, observationKeys = this.observationKeys;
    session.execute("BEGIN TRANSACTION");
    try {
      List<@Nullable RuntimeException> failures = new ArrayList<>();
      Written written = writeInTransaction(batches, failures, traceKeys, observationKeys);
      long t0 = System.nanoTime();
      session.execute("COMMIT");
      stats.commitNanos.add(System.nanoTime() - t0);
      stats.groups.increment();
      stats.rows.add(written.traces.size() + written.observations.size());
      seq = written.seq;
      written.traces.forEach((k, t) -> {
        traceKeys.add(k.key());
        traceCache.put(k, t);
      });
      written.observations.forEach(k -> observationKeys.add(k.key()));
      return failures;
    } catch (SQLException | RuntimeException e) {
      traceCache.clear();
      rollback(e);
      throw e;
    }
  }

  WriterStats stats() {
    return stats;
  }

  private Written writeInTransaction(List<WriteBatch> batches, List<@Nullable RuntimeException> failures,
      KeyFilter traceKeys, KeyFilter observationKeys) throws SQLException {
    long t0 = System.nanoTime();
    Map<RowKey, Stored<Trace>> storedTraces = new HashMap<>();
    Set<RowKey> traceCandidates = new LinkedHashSet<>();
    Set<RowKey> observationCandidates = new LinkedHashSet<>();
    Set<Long> candidateTraceKeys = new HashSet<>();
    for (WriteBatch b : batches) {
      for (Trace t : b.traces()) {
        RowKey k = RowKey.of(t);
        Stored<Trace> cached = traceCache.get(k);
        if (cached != null) storedTraces.put(k, cached);
        else if (traceKeys.mightContain(k.key())) traceCandidates.add(k);
      }
      for (Observation o : b.observations()) {
        RowKey k = RowKey.of(o);
        if (observationKeys.mightContain(k.key())) {
          observationCandidates.add(k);
          candidateTraceKeys.add(RowKeys.of(o.projectId(), o.traceId()));
        }
      }
    }
    StoredRows stored = new StoredRows(session);
    storedTraces.putAll(stored.traces(traceCandidates));
    Map<RowKey, Stored<Observation>> storedObservations =
        stored.observations(observationCandidates, candidateTraceKeys);
    long t1 = System.nanoTime();
    stats.lookupNanos.add(t1 - t0);

    GroupMerge merge = new GroupMerge(storedTraces, storedObservations);
    for (WriteBatch b : batches) failures.add(merge.apply(b));
    Map<RowKey, Trace> traces = merge.changedTraces();
    Map<RowKey, Observation> observations = merge.changedObservations();
    storedTraces.forEach((k, s) -> {
      if (!traces.containsKey(k)) traceCache.put(k, s);
    });
    if (traces.isEmpty() && observations.isEmpty()) return new Written(seq, Map.of(), Set.of());

    long groupSeq = seq + 1;
    long t2 = System.nanoTime();
    stats.mergeNanos.add(t2 - t1);
    delete("traces", "trace_payloads", replaced(traces.keySet(), storedTraces), TraceRows::hasPayload);
    delete("observations", "observation_payloads", replaced(observations.keySet(), storedObservations),
        ObservationRows::hasPayload);
    long t3 = System.nanoTime();
    stats.deleteNanos.add(t3 - t2);
    Set<Long> touchedTraces = new LinkedHashSet<>();
    Map<RowKey, Stored<Trace>> writtenTraces = new HashMap<>();
    try (DuckDBAppender t = session.appender("traces"); DuckDBAppender tp = session.appender("trace_payloads")) {
      for (Map.Entry<RowKey, Trace> e : traces.entrySet()) {
        TraceRows.append(t, tp, groupSeq, e.getKey(), e.getValue());
        touchedTraces.add(e.getKey().key());
        writtenTraces.put(e.getKey(), new Stored<>(e.getValue(), groupSeq));
      }
    }
    try (DuckDBAppender o = session.appender("observations");
        DuckDBAppender op = session.appender("observation_payloads")) {
      for (Map.Entry<RowKey, Observation> e : observations.entrySet()) {
        ObservationRows.append(o, op, groupSeq, e.getKey(), e.getValue());
        touchedTraces.add(RowKeys.of(e.getValue().projectId(), e.getValue().traceId()));
      }
    }
    try (DuckDBAppender w = session.appender("trace_writes")) {
      for (long traceKey : touchedTraces) w.beginRow().append(traceKey).append(groupSeq).endRow();
    }
    stats.appendNanos.add(System.nanoTime() - t3);
    return new Written(groupSeq, writtenTraces, observations.keySet());
  }

  private static <T> Map<RowKey, Stored<T>> replaced(Collection<RowKey> changed, Map<RowKey, Stored<T>> stored) {
    Map<RowKey, Stored<T>> out = new HashMap<>();
    for (RowKey k : changed) {
      Stored<T> s = stored.get(k);
      if (s != null) out.put(k, s);
    }
    return out;
  }

  /**
   * Deletes the replaced versions (one live row per id) and their payload rows by seq and key; the seqs let zone
   * maps skip all other row groups. A count other than expected (a key shared by two ids) fails the group.
   */
  private <T> void delete(String table, String payloadTable, Map<RowKey, Stored<T>> rows,
      Predicate<T> hasPayload) throws SQLException {
    if (rows.isEmpty()) return;
    Set<Long> seqs = new HashSet<>(), keys = new HashSet<>();
    int payloads = 0;
    for (Map.Entry<RowKey, Stored<T>> e : rows.entrySet()) {
      RowKey k = e.getKey();
      Stored<T> s = e.getValue();
      seqs.add(s.seq());
      keys.add(k.key());
      if (hasPayload.test(s.row())) payloads++;
    }
    deleteRows(table, seqs, keys, rows.size());
    deleteRows(payloadTable, seqs, keys, payloads);
  }

  private void deleteRows(String table, Set<Long> seqs, Set<Long> keys, int expected) throws SQLException {
    PreparedStatement ps = session.statement("DELETE FROM " + table + " WHERE "
        + SeqRanges.sql("seq", Payloads.SLOTS) + " AND key = ANY(?::BIGINT[])");
    ps.setArray(SeqRanges.of(seqs, Payloads.SLOTS).bind(ps, 1), session.longs(keys));
    int deleted = ps.executeUpdate();
    if (deleted != expected) {
      throw new SQLException("expected to delete " + expected + " rows of " + table + ", deleted " + deleted);
    }
  }

  private void rollback(Exception cause) {
    try {
      session.execute("ROLLBACK");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private record Written(long seq, Map<RowKey, Stored<Trace>> traces, Set<RowKey> observations) {}
}
