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
import org.jspecify.annotations.Nullable;

/**
 * Writes one group of batches in one transaction on the writer's connection: finds the stored rows
 * the group may update (only keys the filters cannot rule out, traces from the cache first),
 * merges, deletes the replaced rows and appends the new ones with the group's {@code seq} (their
 * payloads to the {@link PayloadLog}), syncs the log, then commits. Owned by the writer thread.
 */
final class GroupWriter {
  private final Session session;
  private final long recordsFrom;
  private final PayloadLog payloads;
  private final PayloadWriter payloadWriter;
  private final TraceCache traceCache = new TraceCache();
  private final TraceRollups rollups;
  private final WriterStats stats = new WriterStats();
  private final ObservationDays days;
  private @Nullable KeyFilter traceKeys;
  private @Nullable KeyFilter observationKeys;
  private @Nullable Loads loads;
  private long seq;

  /**
   * @param recordsFrom the first write group whose observations' records have a row part ({@link
   *     SchemaV11#recordsFrom})
   */
  GroupWriter(Session session, PayloadLog payloads, ObservationDays days, long recordsFrom) {
    this.recordsFrom = recordsFrom;
    this.session = session;
    this.days = days;
    this.payloads = payloads;
    this.payloadWriter = new PayloadWriter(payloads);
    this.rollups = new TraceRollups(session);
  }

  /**
   * Loads what the writer needs from the file: the last seq and the key filters (a scan of every
   * key).
   */
  void prepare() throws SQLException {
    if (loads == null) loads = Loads.open(session);
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
    if (traceKeys == null || observationKeys == null || loads == null) prepare();
    KeyFilter traceKeys = this.traceKeys, observationKeys = this.observationKeys;
    Loads loads = this.loads;
    stats.start();
    session.execute("BEGIN TRANSACTION");
    try {
      List<@Nullable RuntimeException> failures = new ArrayList<>();
      Written written = writeInTransaction(batches, failures, traceKeys, observationKeys, loads);
      LogPositions.write(session, stored(batches, failures));
      payloads.awaitSync();
      stats.lap(WriterStats.Stage.PAYLOAD_SYNC);
      session.execute("COMMIT");
      days.changed(written.days); // after the commit: see ObservationDays
      stats.lap(WriterStats.Stage.COMMIT);
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
      loads.clear();
      rollback(e);
      throw new SQLException("payload log write failed: " + e.getMessage(), e);
    } catch (SQLException | RuntimeException e) {
      traceCache.clear();
      loads.clear();
      rollback(e);
      throw e;
    }
  }

  WriterStats stats() {
    return stats;
  }

  /** The batches that were stored (a batch left out keeps its positions out too). */
  private static List<WriteBatch> stored(
      List<Write> batches, List<@Nullable RuntimeException> failures) {
    List<WriteBatch> out = new ArrayList<>(batches.size());
    for (int i = 0; i < batches.size(); i++)
      if (failures.get(i) == null) out.add(batches.get(i).batch());
    return out;
  }

  private Written writeInTransaction(
      List<Write> batches,
      List<@Nullable RuntimeException> failures,
      KeyFilter traceKeys,
      KeyFilter observationKeys,
      Loads loads)
      throws SQLException, IOException {
    Map<RowKey, Stored<Trace>> storedTraces = new HashMap<>();
    Set<RowKey> traceCandidates = new LinkedHashSet<>();
    Set<RowKey> observationCandidates = new LinkedHashSet<>();
    Set<Long> candidateTraceKeys = new HashSet<>();
    for (Write w : batches) {
      WriteBatch b = w.batch();
      RowKey k = null;
      for (Trace t : b.traces()) {
        k = RowKey.of(t.projectId(), t.id(), k);
        Stored<Trace> cached = traceCache.get(k);
        if (cached != null) storedTraces.put(k, cached);
        else if (traceKeys.mightContain(k.key())) traceCandidates.add(k);
      }
      for (Observation o : b.observations()) {
        k = RowKey.of(o);
        if (observationKeys.mightContain(k.key())) {
          observationCandidates.add(k);
          candidateTraceKeys.add(RowKeys.of(o.projectId(), o.traceId()));
        }
      }
    }
    StoredRows stored = new StoredRows(session, payloads, recordsFrom);
    storedTraces.putAll(stored.traces(traceCandidates));
    Map<RowKey, Stored<Observation>> storedObservations =
        stored.observations(observationCandidates, candidateTraceKeys);
    stats.lap(WriterStats.Stage.LOOKUP);

    GroupMerge merge = new GroupMerge(storedTraces, storedObservations);
    for (Write w : batches) failures.add(merge.apply(w.batch(), w.onMerge()));
    Map<RowKey, Trace> traces = merge.changedTraces();
    Map<RowKey, Observation> observations = merge.changedObservations();
    storedTraces.forEach(
        (k, s) -> {
          if (!traces.containsKey(k)) traceCache.put(k, s);
        });
    stats.lap(WriterStats.Stage.MERGE);
    if (traces.isEmpty() && observations.isEmpty()) {
      return new Written(seq, Map.of(), Set.of(), Map.of());
    }

    long groupSeq = seq + 1;
    List<@Nullable PayloadRef> traceRefs = payloadWriter.traces(traces.values());
    List<@Nullable PayloadRef> observationRefs = payloadWriter.observations(observations.values());
    payloads.startSync();
    stats.lap(WriterStats.Stage.PAYLOADS);
    // The per-trace rollup: the merged rows are known (traces, observations and the stored
    // versions they replace), nothing of them is written yet.
    rollups.write(groupSeq, traces, observations, storedObservations);
    stats.lap(WriterStats.Stage.ROLLUP);
    delete("traces", replaced(traces.keySet(), storedTraces));
    delete("observations", replaced(observations.keySet(), storedObservations));
    stats.lap(WriterStats.Stage.DELETE);
    Set<Long> touchedTraces = LinkedHashSet.newLinkedHashSet(traces.size());
    Map<RowKey, Stored<Trace>> writtenTraces = HashMap.newHashMap(traces.size());
    int i = 0;
    for (Map.Entry<RowKey, Trace> e : traces.entrySet()) {
      TraceRows.add(loads.traces, groupSeq, e.getKey(), e.getValue(), traceRefs.get(i++));
      touchedTraces.add(e.getKey().key());
      writtenTraces.put(e.getKey(), new Stored<>(e.getValue(), groupSeq));
    }
    i = 0;
    RowKey trace = null;
    ObservationDays.Collector changedDays = new ObservationDays.Collector();
    for (Stored<Observation> s : storedObservations.values()) changedDays.add(s.row());
    for (Map.Entry<RowKey, Observation> e : observations.entrySet()) {
      Observation o = e.getValue();
      changedDays.add(o);
      trace = RowKey.of(o.projectId(), o.traceId(), trace);
      ObservationRows.add(
          loads.observations, groupSeq, e.getKey(), trace.key(), o, observationRefs.get(i++));
      touchedTraces.add(trace.key());
    }
    for (long traceKey : touchedTraces)
      loads.traceWrites.beginRow().add(traceKey).add(groupSeq).endRow();
    stats.lap(WriterStats.Stage.APPEND);
    loads.insert(session);
    stats.lap(WriterStats.Stage.INSERT);
    return new Written(groupSeq, writtenTraces, observations.keySet(), changedDays.days());
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

  /** The group's rows of each table, inserted in bulk ({@link TableLoad}). */
  private record Loads(TableLoad traces, TableLoad observations, TableLoad traceWrites) {
    static Loads open(Session s) throws SQLException {
      return new Loads(
          TableLoad.open(s.connection(), "traces"),
          TableLoad.open(s.connection(), "observations"),
          TableLoad.open(s.connection(), "trace_writes"));
    }

    void insert(Session s) throws SQLException {
      traces.insert(s);
      observations.insert(s);
      traceWrites.insert(s);
    }

    void clear() {
      traces.clear();
      observations.clear();
      traceWrites.clear();
    }
  }

  private record Written(
      long seq,
      Map<RowKey, Stored<Trace>> traces,
      Set<RowKey> observations,
      Map<String, Set<Long>> days) {}
}
