package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.ApplyThreads;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Writes one group of batches in one transaction on the writer's connection: finds the stored rows
 * the group may update (only keys the filters cannot rule out, traces from the cache first),
 * merges, deletes the replaced rows and appends the new ones with the group's {@code seq} (their
 * payloads to the {@link PayloadLog}), syncs the log, then commits. Owned by the writer thread,
 * which hands each group's merged rows to a loader thread of its own: the loader writes their
 * payload records and makes their rows ({@link TableLoad#stream streamed} loads) while the writer
 * updates the rollups, deletes the replaced rows and runs the inserts, whose sources take the rows
 * a vector at a time as the loader makes them. The loader is done with the loads and the payload
 * log before the writer goes on (commits, or rolls back and clears them).
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

  /** Observations a loader step encodes before it makes their rows: one DuckDB vector. */
  private static final int CHUNK = 2_048;

  /** The loader: one thread, gone after a few idle seconds. */
  private final ExecutorService loader = loader();

  private static ExecutorService loader() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1,
            1,
            5,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            ApplyThreads.named("loupe-duckdb-loader").factory());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

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
    rollups.prepare();
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
    // The loader encodes the payload records and makes the rows while this thread updates the
    // rollups, deletes the replaced rows and inserts the loads (their sources wait for its rows).
    loads.traces.stream(traces.size());
    loads.observations.stream(observations.size());
    loads.traceWrites.stream(traces.size() + observations.size());
    Future<Loaded> loading =
        loader.submit(() -> load(groupSeq, traces, observations, storedObservations, loads));
    try {
      // The per-trace rollup: the merged rows are known (traces, observations and the stored
      // versions they replace), nothing of them is written yet.
      rollups.write(groupSeq, traces, observations, storedObservations);
      stats.lap(WriterStats.Stage.ROLLUP);
      delete("traces", replaced(traces.keySet(), storedTraces));
      delete("observations", replaced(observations.keySet(), storedObservations));
      stats.lap(WriterStats.Stage.DELETE);
      loads.insert(session);
      stats.lap(WriterStats.Stage.INSERT);
    } catch (SQLException | RuntimeException e) {
      Throwable cause = failure(loading); // the loader's failure is why the insert failed
      if (cause instanceof IOException io) throw withSuppressed(io, e);
      if (cause instanceof RuntimeException re) throw withSuppressed(re, e);
      throw e;
    } finally {
      awaitUninterruptibly(loading); // the loads are this thread's again
    }
    Loaded loaded = loaded(loading);
    return new Written(groupSeq, loaded.traces(), observations.keySet(), loaded.days());
  }

  /**
   * The loader's part of a group (on its thread): the payload records into the payload log, whose
   * sync it starts, and the rows into the loads, a vector at a time, so the insert can go on.
   */
  private Loaded load(
      long groupSeq,
      Map<RowKey, Trace> traces,
      Map<RowKey, Observation> observations,
      Map<RowKey, Stored<Observation>> storedObservations,
      Loads loads)
      throws IOException {
    WriterStats.Clock clock = stats.new Clock();
    clock.start();
    try {
      List<@Nullable PayloadRef> traceRefs = payloadWriter.traces(traces.values());
      clock.lap(WriterStats.Stage.PAYLOADS);
      Map<RowKey, Stored<Trace>> writtenTraces = HashMap.newHashMap(traces.size());
      Set<Long> touchedTraces = LinkedHashSet.newLinkedHashSet(traces.size());
      int i = 0;
      for (Map.Entry<RowKey, Trace> e : traces.entrySet()) {
        TraceRows.add(loads.traces, groupSeq, e.getKey(), e.getValue(), traceRefs.get(i++));
        touchedTraces.add(e.getKey().key());
        writtenTraces.put(e.getKey(), new Stored<>(e.getValue(), groupSeq));
      }
      loads.traces.finish();
      ObservationDays.Collector changedDays = new ObservationDays.Collector();
      for (Stored<Observation> s : storedObservations.values()) changedDays.add(s.row());
      clock.lap(WriterStats.Stage.APPEND);

      List<Map.Entry<RowKey, Observation>> chunk = new ArrayList<>(CHUNK);
      RowKey trace = null;
      for (Iterator<Map.Entry<RowKey, Observation>> it = observations.entrySet().iterator();
          it.hasNext(); ) {
        chunk.add(it.next());
        if (chunk.size() < CHUNK && it.hasNext()) continue;
        List<@Nullable PayloadRef> refs =
            payloadWriter.observations(chunk.stream().map(Map.Entry::getValue).toList());
        clock.lap(WriterStats.Stage.PAYLOADS);
        i = 0;
        for (Map.Entry<RowKey, Observation> e : chunk) {
          Observation o = e.getValue();
          changedDays.add(o);
          trace = RowKey.of(o.projectId(), o.traceId(), trace);
          ObservationRows.add(
              loads.observations, groupSeq, e.getKey(), trace.key(), o, refs.get(i++));
          touchedTraces.add(trace.key());
        }
        chunk.clear();
        clock.lap(WriterStats.Stage.APPEND);
      }
      loads.observations.finish();
      for (long traceKey : touchedTraces)
        loads.traceWrites.beginRow().add(traceKey).add(groupSeq).endRow();
      loads.traceWrites.finish();
      clock.lap(WriterStats.Stage.APPEND);
      payloads.startSync();
      clock.lap(WriterStats.Stage.PAYLOADS);
      return new Loaded(writtenTraces, changedDays.days());
    } catch (Throwable e) {
      RuntimeException cause =
          e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
      loads.traces.fail(cause);
      loads.observations.fail(cause);
      loads.traceWrites.fail(cause);
      throw e;
    }
  }

  /** Why the loader failed, once it is done; null when it did not. */
  private static @Nullable Throwable failure(Future<Loaded> loading) {
    awaitUninterruptibly(loading);
    try {
      loading.get();
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | CancellationException e) {
      return null; // not after awaitUninterruptibly
    }
  }

  /** What the loader made of the group; it succeeded (the inserts went through). */
  private static Loaded loaded(Future<Loaded> loading) {
    Throwable cause = failure(loading);
    if (cause != null) throw new IllegalStateException("loader failed: " + cause, cause);
    return loading.resultNow();
  }

  private static void awaitUninterruptibly(Future<?> f) {
    boolean interrupted = false;
    while (!f.isDone()) {
      try {
        f.get();
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException | CancellationException e) {
        break;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private static <T extends Throwable> T withSuppressed(T cause, Throwable also) {
    if (cause != also) cause.addSuppressed(also);
    return cause;
  }

  /** The loader's results for the group. */
  private record Loaded(Map<RowKey, Stored<Trace>> traces, Map<String, Set<Long>> days) {}

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
