package dev.loupe.pipeline;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.pipeline.log.IngestLog;
import dev.loupe.pipeline.log.LogEntry;
import dev.loupe.pipeline.log.LogReader;
import dev.loupe.storage.ApplyThreads;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the ingest log to the store: one thread takes the records in order ({@link Prefetch}
 * reads and decodes the next batch meanwhile), writes each batch of records as one write batch
 * through the priced write side, with the positions after its last records, so rows and position
 * commit together; then tells the log (compaction) and wakes whoever waits for the position.
 *
 * <p>Failures: a batch the store refuses is retried, one record at a time once it fails as a whole,
 * with a growing pause (0.1 s to 5 s) while the store keeps failing; the position does not move, so
 * nothing is lost and a restart retries it. A record is skipped only when the store refuses it
 * alone three times while accepting position writes just before and just after the last refusal
 * (the one after is the skip itself): the store works and refuses that record (logged as an error
 * with its offset and the store's reason, {@link PipelineMetrics#skipped}). A store that recovers
 * between two attempts stores the record at the next one; it is never mistaken for a bad record. A
 * record this build cannot decode is never skipped: the applier retries and reports it (a newer
 * Loupe's log read by an older one), and ingest backs off as the lag grows.
 */
final class Applier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
  private static final long MAX_PAUSE_MILLIS = 5_000;

  private final IngestLog log;
  private final ObservationConsumer writes;
  private final PipelineMetrics metrics;
  private final Ingestion.Options options;
  private final @Nullable IntToLongFunction stored;
  private volatile Prefetch prefetch;
  private final Thread thread;
  private volatile Map<Integer, Long> applied;
  private volatile @Nullable String error;
  private volatile boolean stopping;
  private volatile long skipped;

  /**
   * Records stored per second of store time, smoothed over recent full batches (ones that reached
   * the batch bounds: the pace at which a backlog is worked off); 0 before the first. Small batches
   * are left out: their commit's fixed cost would make a backlog look far slower to apply than it
   * is, since the applier takes it in large batches.
   */
  private volatile double recordsPerSecond;

  Applier(
      IngestLog log,
      ObservationConsumer writes,
      Map<Integer, Long> start,
      @Nullable IntToLongFunction stored,
      Ingestion.Options options,
      PipelineMetrics metrics) {
    this.log = log;
    this.stored = stored;
    this.writes = writes;
    this.metrics = metrics;
    this.options = options;
    this.applied = Map.copyOf(start);
    this.prefetch = prefetch();
    this.thread = ApplyThreads.named("loupe-applier").unstarted(this::run);
  }

  void start() {
    prefetch.start();
    thread.start();
  }

  /**
   * How long applying {@code records} waiting records should take at the store's recent pace (zero
   * before a batch was stored): the wait a record appended now can expect, known before the oldest
   * waiting record has been waiting that long.
   */
  Duration expectedWait(long records) {
    double rate = recordsPerSecond;
    if (rate <= 0 || records <= 0) return Duration.ZERO;
    return Duration.ofNanos((long) Math.min(records / rate * 1e9, 3.6e12));
  }

  private void rate(int records, long nanos) {
    if (records <= 0 || nanos <= 0) return;
    double now = records / (nanos / 1e9), before = recordsPerSecond;
    recordsPerSecond = before <= 0 ? now : 0.7 * before + 0.3 * now;
  }

  /** Partition → next offset to apply, as last recorded in the store. */
  Map<Integer, Long> applied() {
    return applied;
  }

  /** Why applying or reading the log fails now (retried meanwhile), or null. */
  @Nullable String error() {
    String reading = prefetch.error();
    return reading != null ? reading : error;
  }

  long skipped() {
    return skipped;
  }

  /**
   * Waits until every partition's applied position reaches {@code target}'s; false when {@code
   * timeout} passed first.
   */
  boolean await(Map<Integer, Long> target, Duration timeout) throws InterruptedException {
    return reached(target) || awaitSlowly(target, timeout);
  }

  private synchronized boolean awaitSlowly(Map<Integer, Long> target, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(target)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Stops after the batch under way; what is left is applied on the next start. */
  @Override
  public void close() {
    stopping = true;
    try {
      thread.join(10_000);
      if (thread.isAlive()) thread.interrupt();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    prefetch.close();
  }

  private boolean reached(Map<Integer, Long> target) {
    Map<Integer, Long> now = applied;
    for (Map.Entry<Integer, Long> e : target.entrySet())
      if (now.getOrDefault(e.getKey(), 0L) < e.getValue()) return false;
    return true;
  }

  /**
   * A reader of the log from the recorded position, reading ahead on its own thread. For a log
   * shared by nodes ({@code stored} given), a partition starts where the store says when the reader
   * is given it: another node may have applied it further since this one last did.
   */
  private Prefetch prefetch() {
    Map<Integer, Long> from = applied;
    IntToLongFunction store = stored;
    LogReader reader =
        log.reader(
            store == null
                ? p -> from.getOrDefault(p, 0L)
                : p -> Math.max(from.getOrDefault(p, 0L), store.applyAsLong(p)));
    return new Prefetch(reader, options.applyBatchRecords(), options.applyBatchBytes());
  }

  /**
   * Applies batch after batch. An unexpected error (out of memory, a bug) in this thread or the
   * reading one does not stop applying: after a pause, reading starts over from the recorded
   * position, so the records of the failed batch are read and applied again.
   */
  private void run() {
    while (!stopping) {
      try {
        Prefetch.Batch batch = prefetch.take();
        if (batch != null) apply(batch.items());
        else if (prefetch.dead()) startOver(null);
      } catch (InterruptedException e) {
        return; // closing
      } catch (Throwable e) {
        try {
          startOver(e);
        } catch (InterruptedException closing) {
          return;
        }
      }
    }
  }

  private void startOver(@Nullable Throwable cause) throws InterruptedException {
    if (cause != null) {
      error = "applying stopped: " + cause;
      metrics.applyFailed(cause);
      LOG.error("applying the ingest log stopped; starting over from the recorded position", cause);
    }
    pause(1_000);
    prefetch.close();
    prefetch = prefetch();
    prefetch.start();
  }

  /**
   * Stores the entries, retrying as the class says; returns once stored or stopping. Before each
   * attempt, entries of partitions the reader no longer holds are left to their new applier.
   */
  private void apply(List<Prefetch.Item> given) throws InterruptedException {
    long pause = 100;
    List<Prefetch.Item> entries = given;
    while (!stopping) {
      entries = prefetch.owned(entries);
      if (entries.isEmpty()) return;
      try {
        store(entries);
        return;
      } catch (IllegalArgumentException e) { // a record this build cannot decode
        fail(e);
      } catch (StorageException e) {
        fail(e);
        if (!e.overCapacity()) {
          applyOneByOne(entries);
          return;
        }
      }
      pause(pause);
      pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
    }
  }

  /** Sleeps {@code millis}, or less when closing. */
  private void pause(long millis) throws InterruptedException {
    for (long end = System.currentTimeMillis() + millis; !stopping; ) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) return;
      Thread.sleep(Math.min(left, 100));
    }
  }

  private void applyOneByOne(List<Prefetch.Item> given) throws InterruptedException {
    long pause = 100;
    for (int i = 0; i < given.size() && !stopping; ) {
      Prefetch.Item e = given.get(i);
      if (prefetch.owned(List.of(e)).isEmpty() // its partition went to another applier
          || tryStore(e)
          || tryStore(e)
          || storeWorksWithout(e)) {
        i++;
        pause = 100;
        continue;
      }
      pause(pause); // the store refuses everything: wait for it, skip nothing
      pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
    }
  }

  /**
   * Tells a record the store refuses from a store that refuses everything, without storing any
   * other record first (a write that went past it could not be taken back, and a store that
   * recovered just then would look like a bad record): writes the position before {@code e}, which
   * changes nothing, and tries {@code e} once more. When that fails, the write of the position
   * after {@code e} both proves the store still works and skips it. True when the position moved
   * past {@code e} (stored or skipped).
   */
  private boolean storeWorksWithout(Prefetch.Item e) {
    LogEntry entry = e.entry();
    if (!tryPositions(Map.of(entry.partition(), entry.offset()))) return false;
    if (tryStore(e)) return true;
    Map<Integer, Long> next = after(List.of(e));
    if (!tryPositions(next)) return false;
    skip(e); // reads the refusal's reason from error
    error = null;
    applied(next);
    return true;
  }

  /** Writes positions alone (no rows); false when the store refuses it. */
  private boolean tryPositions(Map<Integer, Long> positions) {
    try {
      writes.accept(WriteBatch.of(List.of(), List.of()).withPositions(positions(positions)));
      return true;
    } catch (IllegalArgumentException | StorageException ex) {
      fail(ex);
      return false;
    }
  }

  private boolean tryStore(Prefetch.Item e) {
    try {
      store(List.of(e));
      return true;
    } catch (IllegalArgumentException | StorageException ex) {
      fail(ex);
      return false;
    }
  }

  /** Writes the entries' rows with the positions after them, in one store write. */
  private void store(List<Prefetch.Item> entries) {
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    long bytes = 0;
    for (Prefetch.Item e : entries) {
      WriteBatch b = e.decoded();
      traces.addAll(b.traces());
      observations.addAll(b.observations());
      bytes += e.entry().bytes();
    }
    Map<Integer, Long> next = after(entries);
    long t0 = System.nanoTime();
    writes.accept(WriteBatch.of(traces, observations).withPositions(positions(next)));
    long nanos = System.nanoTime() - t0;
    boolean full =
        entries.size() >= options.applyBatchRecords()
            || bytes >= options.applyBatchBytes() - options.applyBatchBytes() / 4;
    if (full) rate(entries.size(), nanos);
    error = null;
    metrics.applied(entries.size(), traces.size() + observations.size(), bytes, nanos);
    applied(next);
  }

  private void skip(Prefetch.Item item) {
    skipped++;
    LogEntry e = item.entry();
    int rows = item.rows() == null ? 0 : item.rows().size();
    String why = error;
    LOG.error(
        "ingest log record at partition {} offset {} ({} rows, appended {}) was skipped: the store"
            + " refuses it while it stores the record after it: {}",
        e.partition(),
        e.offset(),
        rows,
        e.appendedAt(),
        why);
    metrics.skipped(rows, new StorageException(String.valueOf(why), null));
  }

  private void fail(RuntimeException e) {
    error = e.getMessage();
    metrics.applyFailed(e);
    LOG.warn("applying the ingest log failed, retrying: {}", e.getMessage());
  }

  private void applied(Map<Integer, Long> next) {
    Map<Integer, Long> now = new HashMap<>(applied);
    now.putAll(next);
    applied = Map.copyOf(now);
    prefetch.applied(next);
    synchronized (this) {
      notifyAll();
    }
  }

  private static Map<Integer, Long> after(List<Prefetch.Item> entries) {
    Map<Integer, Long> next = new HashMap<>();
    for (Prefetch.Item i : entries)
      next.merge(i.entry().partition(), i.entry().offset() + 1, Math::max);
    return next;
  }

  private List<LogPosition> positions(Map<Integer, Long> next) {
    List<LogPosition> out = new ArrayList<>(next.size());
    next.forEach((p, n) -> out.add(new LogPosition(log.name(), p, n)));
    return out;
  }
}
