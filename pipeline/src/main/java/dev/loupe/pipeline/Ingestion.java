package dev.loupe.pipeline;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.IngestResult;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.Observation;
import dev.loupe.pipeline.PipelineMetrics.Refusal;
import dev.loupe.pipeline.log.Appended;
import dev.loupe.pipeline.log.IngestLog;
import dev.loupe.pipeline.log.Lag;
import dev.loupe.pipeline.log.LogFullException;
import dev.loupe.pipeline.log.RecordCodec;
import dev.loupe.pricing.Pricer;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one ingestion step every wire calls once its bytes are normalized: the rows are priced on the
 * request thread, appended to the ingest log and acknowledged once the append is durable; the
 * applier (one thread) applies the log to the store in order, merging by (projectId, id) and
 * pricing the merged generations again where the merge changed what their price depends on. Every
 * generation ends priced ({@code CALCULATED}), {@code PROVIDED}, or flagged {@code NO_PRICE},
 * whatever order its writes arrive in and however requests race. Thread-safe.
 *
 * <pre>{@code
 * try (Ingestion ingestion = Ingestion.start(storage, log, pricer, prices::of, options, metrics)) {
 *   IngestResult normalized = otlpIngest.ingest(projectId, body, contentType, contentEncoding);
 *   ingestion.store(normalized); // priced and durable in the log: acknowledge now
 *   byte[] answer = otlpIngest.response(normalized, json);
 * }
 * }</pre>
 *
 * Reads see a write once the applier has applied it, usually milliseconds later and within {@link
 * Options#maxApplyLag()} while ingest is accepted; {@link #awaitApplied} waits for that.
 */
public final class Ingestion implements AutoCloseable {
  /** The longest {@link #admit} waits for the applier before refusing. */
  static final Duration ADMIT_WAIT = Duration.ofSeconds(1);

  private static final Duration ADMIT_POLL = Duration.ofMillis(20);

  /** {@link #admit} paces from this fraction of the lag bound on: a quarter, 0.5 s by default. */
  static final int PACE_DIVISOR = 4;

  private final IngestLog log;
  private final Pricing pricing;
  private final @Nullable Applier applier;
  private final @Nullable StoredPositions stored;
  private final Options options;
  private final PipelineMetrics metrics;
  private final Appending appending = Appending.forHeap();

  /**
   * Bounds the encoded records waiting to be durable (KiB), so the log's copies of the rows add a
   * fixed amount to what requests hold: 1/16 of the heap, 8 to 256 MiB. A request past it waits
   * (holding its ingest budget, so new bodies meet the server's 429 instead); a record larger than
   * the bound goes alone.
   */
  private static final class Appending extends java.util.concurrent.Semaphore {
    final int bound;

    private Appending(int kib) {
      super(kib, true);
      this.bound = kib;
    }

    static Appending forHeap() {
      long kib = Math.clamp(Runtime.getRuntime().maxMemory() / 16 / 1024, 8L << 10, 256L << 10);
      return new Appending((int) kib);
    }
  }

  /**
   * How the pipeline runs.
   *
   * @param maxApplyLag when the oldest acknowledged record not yet applied is older than this, new
   *     writes are refused ({@link ApplyLagException}: 429 with Retry-After) until the applier
   *     catches up: reads stay this fresh, and the log this short
   * @param applyBatchRecords the most log records the applier writes in one store write
   * @param applyBatchBytes the most bytes of records (encoded) in one store write, beyond its first
   *     record
   * @param apply whether this process applies the log (runs an applier); false for a node that only
   *     receives and reads while others apply a log shared by nodes
   */
  public record Options(
      Duration maxApplyLag, int applyBatchRecords, long applyBatchBytes, boolean apply) {
    public Options {
      requireNonNull(maxApplyLag, "maxApplyLag");
      if (maxApplyLag.isNegative() || maxApplyLag.isZero())
        throw new IllegalArgumentException("maxApplyLag must be positive: " + maxApplyLag);
      if (applyBatchRecords < 1) throw new IllegalArgumentException("applyBatchRecords < 1");
      if (applyBatchBytes < 1) throw new IllegalArgumentException("applyBatchBytes < 1");
    }

    /**
     * 2 s of lag at most (the server's default too); apply batches of up to 4,096 records and 8 MiB
     * or 1/256 of the heap, whichever is less (at least 1 MiB): the applier holds about three
     * batches (one read ahead, one decoded, one being stored), their decoded rows a few times their
     * encoded size. 8 MiB (~5,000 spans of agent traces) already amortizes a store write's fixed
     * costs; larger batches lived long enough to be promoted out of the young generation (32 MiB
     * did, under sustained ingest, and filled the old one).
     */
    public static Options defaults() {
      long bytes = Math.clamp(Runtime.getRuntime().maxMemory() / 256, 1L << 20, 8L << 20);
      return new Options(Duration.ofSeconds(2), 4_096, bytes, true);
    }

    public Options withMaxApplyLag(Duration v) {
      return new Options(v, applyBatchRecords, applyBatchBytes, apply);
    }

    public Options withApply(boolean v) {
      return new Options(maxApplyLag, applyBatchRecords, applyBatchBytes, v);
    }
  }

  private Ingestion(
      IngestLog log,
      Pricing pricing,
      @Nullable Applier applier,
      @Nullable StoredPositions stored,
      Options options,
      PipelineMetrics metrics) {
    this.log = log;
    this.pricing = pricing;
    this.applier = applier;
    this.stored = stored;
    this.options = options;
    this.metrics = metrics;
  }

  /**
   * Starts the applier: it resumes from the positions {@code storage} recorded for {@code log}. The
   * log and the storage stay the caller's to close, after this. No applier runs when {@link
   * Options#apply()} is false (the log must then be {@linkplain IngestLog#sharedByNodes() shared},
   * applied by other nodes).
   *
   * @param customPrices a project's custom prices, newest first (the server's cache of them)
   * @param metrics where the pipeline reports what it does ({@link PipelineMetrics#NOOP} for
   *     nothing)
   */
  public static Ingestion start(
      Storage storage,
      IngestLog log,
      Pricer pricer,
      Function<String, List<ModelPrice>> customPrices,
      Options options,
      PipelineMetrics metrics) {
    requireNonNull(storage, "storage");
    requireNonNull(log, "log");
    requireNonNull(options, "options");
    requireNonNull(metrics, "metrics");
    Pricing pricing =
        new Pricing(requireNonNull(pricer, "pricer"), requireNonNull(customPrices, "customPrices"));
    if (!options.apply() && !log.sharedByNodes())
      throw new IllegalArgumentException(
          "a node that does not apply needs a log other nodes apply (Kafka), not " + log);
    StoredPositions stored = log.sharedByNodes() ? new StoredPositions(storage, log.name()) : null;
    Applier applier = null;
    if (options.apply()) {
      Map<Integer, Long> start = new HashMap<>();
      for (LogPosition p : storage.logPositions(log.name())) start.put(p.partition(), p.next());
      applier =
          new Applier(
              log,
              storage.observationConsumer(pricing),
              start,
              stored == null ? null : stored::readNow,
              options,
              metrics);
      applier.start();
    }
    return new Ingestion(log, pricing, applier, stored, options, metrics);
  }

  /** {@link #start} with the default options, reporting no metrics. */
  public static Ingestion start(
      Storage storage,
      IngestLog log,
      Pricer pricer,
      Function<String, List<ModelPrice>> customPrices) {
    return start(storage, log, pricer, customPrices, Options.defaults(), PipelineMetrics.NOOP);
  }

  /**
   * Prices what one request produced and appends it to the log (its rejected items are the wire's
   * to answer). Returns once the rows are durable in the log: acknowledge then. Nothing is appended
   * for an empty result.
   *
   * @throws ApplyLagException when the applier is further behind than {@link
   *     Options#maxApplyLag()}: nothing was appended, retry later (429)
   * @throws StorageException when the log could not take the rows ({@link LogFullException} when
   *     its disk is full): nothing of them is acknowledged, retry later (503)
   */
  public void store(IngestResult normalized) {
    int traces = normalized.traces().size(), observations = normalized.observations().size();
    if (traces + observations == 0) return;
    refuseWhenBehind(traces, observations);
    WriteBatch batch = WriteBatch.of(normalized.traces(), priced(normalized.observations()));
    long t0 = System.nanoTime();
    Appended appended;
    int kib = Math.min(appending.bound, RecordCodec.estimate(batch) / 1024 + 1);
    try {
      appending.acquire(kib);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting to append to the ingest log", e, true);
    }
    try {
      appended = log.append(batch);
    } catch (LogFullException e) {
      metrics.refused(Refusal.LOG_FULL, traces, observations);
      throw e;
    } catch (StorageException e) {
      metrics.refused(Refusal.LOG_FAILED, traces, observations);
      throw e;
    } finally {
      appending.release(kib);
    }
    metrics.acknowledged(traces, observations, appended.bytes(), System.nanoTime() - t0);
  }

  /**
   * Refuses a request when the applier is further behind than {@link Options#maxApplyLag()}: the
   * wires call it before they read and decode a body, so that under overload a refused request
   * costs next to nothing and the cores go to the requests that are taken ({@link #store} checks
   * again, for a request that was decoding while the lag passed the bound). Counted as a refused
   * request of unknown size.
   *
   * <p>Before the bound, a quarter of it ({@link #PACE_DIVISOR}) paces: a request that finds the
   * applier further behind waits (polling every {@link #ADMIT_POLL}) until it is less behind, at
   * most half the bound (at most {@link #ADMIT_WAIT}); then it is taken if the applier is within
   * the bound, and refused if not. The clients, whose requests in flight wait, slow down to the
   * pace the store keeps, and the backlog stays near a quarter of the bound. Refusing at the bound
   * alone made a saw-tooth: the request threads took the cores until the backlog reached the bound,
   * then every client waited a whole second ({@code Retry-After} counts in seconds) while the store
   * caught up with the cores half idle — measured flat out, the server used 1.6 of its 2 cores,
   * each client spent a third of the run waiting, and visible p99 was ~4 s. Pacing from half the
   * bound measured p99 1.3 s, from a quarter 0.8 s, at the same throughput. Waiting here holds no
   * body (it is not read yet), only the connection.
   *
   * @throws ApplyLagException when still behind: retry later (429)
   */
  public void admit() {
    long deadline = System.nanoTime() + admitWait().toNanos();
    Duration pace = options.maxApplyLag().dividedBy(PACE_DIVISOR);
    while (waitedLonger(pace)) {
      if (System.nanoTime() >= deadline || !pause(ADMIT_POLL)) {
        ApplyLagException behind = behind(options.maxApplyLag());
        if (behind == null) return;
        metrics.refused(Refusal.LAGGING, 0, 0);
        throw behind;
      }
    }
  }

  private Duration admitWait() {
    Duration half = options.maxApplyLag().dividedBy(2);
    return half.compareTo(ADMIT_WAIT) < 0 ? half : ADMIT_WAIT;
  }

  private static boolean pause(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void refuseWhenBehind(int traces, int observations) {
    ApplyLagException behind = behind(options.maxApplyLag());
    if (behind != null) {
      metrics.refused(Refusal.LAGGING, traces, observations);
      throw behind;
    }
  }

  /**
   * Behind means: the oldest waiting record is older than the bound, or the records waiting would
   * take longer than the bound to apply at the store's recent pace. The second sees a backlog
   * building before its oldest record has waited that long: with the age alone, everything taken
   * while the age crossed the bound (at flat out, seconds of ingest at a pace the store cannot
   * keep) was acknowledged and then waited twice the bound or more to be visible. Null when not
   * behind.
   */
  private @Nullable ApplyLagException behind(Duration bound) {
    Lag lag = log.lag(applied());
    Duration expected = past(lag, bound);
    return expected == null ? null : new ApplyLagException(lag, expected, bound);
  }

  /** {@link #behind} without building the refusal: {@link #admit} asks every 20 ms. */
  private boolean waitedLonger(Duration bound) {
    return past(log.lag(applied()), bound) != null;
  }

  /** The expected wait of {@code lag} when it is past {@code bound} (by age or pace); else null. */
  private @Nullable Duration past(Lag lag, Duration bound) {
    if (lag.records() == 0) return null;
    Duration expected = expectedWait(lag);
    return lag.age().compareTo(bound) > 0 || expected.compareTo(bound) > 0 ? expected : null;
  }

  /**
   * How long the waiting records take at this process's pace; a log shared by nodes is applied by
   * several, at paces this node does not see: there the age alone decides (zero).
   */
  private Duration expectedWait(Lag lag) {
    return applier == null || log.sharedByNodes()
        ? Duration.ZERO
        : applier.expectedWait(lag.records());
  }

  /** The pipeline's figures now: how far applying is behind, the log's size and totals. */
  public IngestState state() {
    Map<Integer, Long> applied = applied();
    Lag lag = log.lag(applied);
    return new IngestState(
        sum(log.end()),
        sum(applied),
        lag.records(),
        lag.age().toNanos() / 1e9,
        applier == null ? null : applier.error(),
        applier == null ? 0 : applier.skipped(),
        log.state());
  }

  /**
   * Partition → next offset to apply: this process's applier's, and for a log shared by nodes the
   * store's positions (at most {@link StoredPositions#REFRESH} old) where they are further.
   */
  private Map<Integer, Long> applied() {
    Map<Integer, Long> local = applier == null ? Map.of() : applier.applied();
    if (stored == null) return local;
    Map<Integer, Long> out = new HashMap<>(stored.recent());
    local.forEach((p, n) -> out.merge(p, n, Math::max));
    return out;
  }

  /**
   * Waits until every write acknowledged before the call is applied, so reads see it; false when
   * {@code timeout} passed first. For tests and tools that read right after they write.
   */
  public boolean awaitApplied(Duration timeout) {
    try {
      Map<Integer, Long> target = log.end();
      if (stored == null && applier != null) return applier.await(target, timeout);
      return awaitShared(target, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits until this applier or the store (other nodes) reached {@code target}. */
  private boolean awaitShared(Map<Integer, Long> target, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<Integer, Long> now = applied();
      boolean reached = true;
      for (Map.Entry<Integer, Long> e : target.entrySet())
        if (now.getOrDefault(e.getKey(), 0L) < e.getValue()) reached = false;
      if (reached) return true;
      if (System.nanoTime() >= deadline) return false;
      Thread.sleep(10);
    }
  }

  /**
   * The read barrier: waits until every write acknowledged before the call is applied, at most
   * {@link Options#maxApplyLag()}, and not at all while the applier fails (reads then answer with
   * what is stored rather than hang; {@link #state()} says why). Returns at once when nothing waits
   * to be applied, which is the usual case; under load it waits for the apply batch under way. The
   * server calls it before each read of project data, so a client that got its ack reads its write.
   */
  public void awaitVisible() {
    if (applier != null && applier.error() != null) return;
    awaitApplied(options.maxApplyLag());
  }

  /**
   * Stops the applier after the batch under way. Records not yet applied stay in the log and are
   * applied on the next start; the log and the storage are the caller's to close.
   */
  @Override
  public void close() {
    if (applier != null) applier.close();
  }

  private List<Observation> priced(List<Observation> observations) {
    List<Observation> out = new ArrayList<>(observations.size());
    for (Observation o : observations) out.add(pricing.price(o));
    return out;
  }

  private static long sum(Map<Integer, Long> offsets) {
    long sum = 0;
    for (long v : offsets.values()) sum += v;
    return sum;
  }
}
