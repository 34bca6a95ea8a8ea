package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
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
import org.duckdb.DuckDBAppender;
import org.jspecify.annotations.Nullable;

/**
 * Writes one group of batches in one transaction on the writer's connection: finds the stored rows
 * the group may update (only keys the filters cannot rule out, traces from the cache first),
 * merges, deletes the replaced rows and appends the new ones with the group's {@code seq} (their
 * payloads to the {@link PayloadLog}), syncs the log, then commits. Owned by the writer thread.
 */
final class GroupWriter {
  private final Session session;
  private final PayloadLog payloads;
  private final PayloadWriter payloadWriter;
  private final TraceCache traceCache = new TraceCache();
  private final TraceRollups rollups;
  private final WriterStats stats = new WriterStats();
  private @Nullable KeyFilter traceKeys;
  private @Nullable KeyFilter observationKeys;
  private long seq;

  GroupWriter(Session session, PayloadLog payloads) {
    this.session = session;
    this.payloads = payloads;
    this.payloadWriter = new PayloadWriter(payloads);
    this.rollups = new TraceRollups(session);
  }

  /**
   * Loads what the writer needs from the file: the last seq and the key filters (a scan of every
   * key).
   */
  void prepare() throws SQLException {
    seq = Startup.lastSeq(session.connection());
    traceKeys = Startup.keyFilter(session.connection(), "traces");
    observationKeys = Startup.keyFilter(session.connection(), "observations");
  }

  /** One caller's batch and the hook its merged observations pass through. */
  record Write(WriteBatch batch, MergeHook onMerge) {
    /** A batch whose merged rows are stored as they are. */
    static Write of(WriteBatch batch) {
      return new Write(batch, MergeHook.NONE);
    }
  }

  /**
   * Writes the batches durably.
   *
   * @return per batch, why it was left out (its rows did not merge, or its hook failed), or null
   *     when it was stored
   * @throws SQLException when the group failed; then nothing of it is stored
   */
  List<@Nullable RuntimeException> write(List<Write> batches) throws SQLException {
    if (traceKeys == null || observationKeys == null) prepare();
    KeyFilter traceKeys = this.traceKeys, observationKeys = this.observationKeys;
    session.execute("BEGIN TRANSACTION");
    try {
      List<@Nullable RuntimeException> failures = new ArrayList<>();
      Written written = writeInTransaction(batches, failures, traceKeys, observationKeys);
      long t0 = System.nanoTime();
      payloads.awaitSync();
      long t1 = System.nanoTime();
      stats.payloadSyncNanos.add(t1 - t0);
      session.execute("COMMIT");
      stats.commitNanos.add(System.nanoTime() - t1);
      stats.groups.increment();
      stats.rows.add(written.traces.size() + written.observations.size());
      seq = written.seq;
      written.traces.forEach(
          (k, t) -> {
            traceKeys.add(k.key());
            traceCache.put(k, t);
          });
      written.observations.forEach(k -> observationKeys.add(k.key()));
      return failures;
    } catch (IOException e) {
      traceCache.clear();
      rollback(e);
      throw new SQLException("payload log write failed: " + e.getMessage(), e);
    } catch (SQLException | RuntimeException e) {
      traceCache.clear();
      rollback(e);
      throw e;
    }
  }

  WriterStats stats() {
    return stats;
  }

  private Written writeInTransaction(
      List<Write> batches,
      List<@Nullable RuntimeException> failures,
      KeyFilter traceKeys,
      KeyFilter observationKeys)
      throws SQLException, IOException {
    long t0 = System.nanoTime();
    Map<RowKey, Stored<Trace>> storedTraces = new HashMap<>();
    Set<RowKey> traceCandidates = new LinkedHashSet<>();
    Set<RowKey> observationCandidates = new LinkedHashSet<>();
    Set<Long> candidateTraceKeys = new HashSet<>();
    for (Write w : batches) {
      WriteBatch b = w.batch();
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
    StoredRows stored = new StoredRows(session, payloads);
    storedTraces.putAll(stored.traces(traceCandidates));
    Map<RowKey, Stored<Observation>> storedObservations =
        stored.observations(observationCandidates, candidateTraceKeys);
    long t1 = System.nanoTime();
    stats.lookupNanos.add(t1 - t0);

    GroupMerge merge = new GroupMerge(storedTraces, storedObservations);
    for (Write w : batches) failures.add(merge.apply(w.batch(), w.onMerge()));
    Map<RowKey, Trace> traces = merge.changedTraces();
    Map<RowKey, Observation> observations = merge.changedObservations();
    storedTraces.forEach(
        (k, s) -> {
          if (!traces.containsKey(k)) traceCache.put(k, s);
        });
    if (traces.isEmpty() && observations.isEmpty()) return new Written(seq, Map.of(), Set.of());

    long groupSeq = seq + 1;
    long t2 = System.nanoTime();
    stats.mergeNanos.add(t2 - t1);
    List<@Nullable PayloadRef> traceRefs = payloadWriter.traces(traces.values());
    List<@Nullable PayloadRef> observationRefs = payloadWriter.observations(observations.values());
    payloads.startSync();
    long t3 = System.nanoTime();
    stats.payloadNanos.add(t3 - t2);
    rollups.write(groupSeq, traces, observations, storedObservations);
    long t3r = System.nanoTime();
    stats.rollupNanos.add(t3r - t3);
    delete("traces", replaced(traces.keySet(), storedTraces));
    delete("observations", replaced(observations.keySet(), storedObservations));
    long t4 = System.nanoTime();
    stats.deleteNanos.add(t4 - t3r);
    Set<Long> touchedTraces = new LinkedHashSet<>();
    Map<RowKey, Stored<Trace>> writtenTraces = new HashMap<>();
    try (DuckDBAppender t = session.appender("traces")) {
      int i = 0;
      for (Map.Entry<RowKey, Trace> e : traces.entrySet()) {
        TraceRows.append(t, groupSeq, e.getKey(), e.getValue(), traceRefs.get(i++));
        touchedTraces.add(e.getKey().key());
        writtenTraces.put(e.getKey(), new Stored<>(e.getValue(), groupSeq));
      }
    }
    try (DuckDBAppender o = session.appender("observations")) {
      int i = 0;
      for (Map.Entry<RowKey, Observation> e : observations.entrySet()) {
        ObservationRows.append(o, groupSeq, e.getKey(), e.getValue(), observationRefs.get(i++));
        touchedTraces.add(RowKeys.of(e.getValue().projectId(), e.getValue().traceId()));
      }
    }
    try (DuckDBAppender w = session.appender("trace_writes")) {
      for (long traceKey : touchedTraces) w.beginRow().append(traceKey).append(groupSeq).endRow();
    }
    stats.appendNanos.add(System.nanoTime() - t4);
    return new Written(groupSeq, writtenTraces, observations.keySet());
  }

  private static <T> Map<RowKey, Stored<T>> replaced(
      Collection<RowKey> changed, Map<RowKey, Stored<T>> stored) {
    Map<RowKey, Stored<T>> out = new HashMap<>();
    for (RowKey k : changed) {
      Stored<T> s = stored.get(k);
      if (s != null) out.put(k, s);
    }
    return out;
  }

  /**
   * Deletes the replaced versions (one live row per id) by seq and key; the seqs let zone maps skip
   * all other row groups. A count other than expected (a key shared by two ids) fails the group.
   * Their payload records stay in the log, unreferenced.
   */
  private <T> void delete(String table, Map<RowKey, Stored<T>> rows) throws SQLException {
    if (rows.isEmpty()) return;
    Set<Long> seqs = new HashSet<>(), keys = new HashSet<>();
    for (Map.Entry<RowKey, Stored<T>> e : rows.entrySet()) {
      seqs.add(e.getValue().seq());
      keys.add(e.getKey().key());
    }
    deleteRows(table, seqs, keys, rows.size());
  }

  private void deleteRows(String table, Set<Long> seqs, Set<Long> keys, int expected)
      throws SQLException {
    PreparedStatement ps =
        session.statement(
            "DELETE FROM "
                + table
                + " WHERE "
                + SeqRanges.sql("seq", SeqRanges.SLOTS)
                + " AND key = ANY(?::BIGINT[])");
    ps.setArray(SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1), session.longs(keys));
    int deleted = ps.executeUpdate();
    if (deleted != expected) {
      throw new SQLException(
          "expected to delete " + expected + " rows of " + table + ", deleted " + deleted);
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
