package dev.loupe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.IngestResult;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.pipeline.log.IngestLog;
import dev.loupe.pipeline.log.MemoryLog;
import dev.loupe.pipeline.log.SegmentLog;
import dev.loupe.pricing.PriceTable;
import dev.loupe.pricing.Pricer;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.duckdb.DuckDbStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applier: it resumes where the store's recorded position says, re-applying is harmless, a slow
 * store makes ingest refuse with a retry hint instead of queueing without bound, and a store that
 * refuses writes loses nothing acknowledged.
 */
class ApplierTest {
  private static final Pricer PRICER = new Pricer(PriceTable.bundled());
  private static final String PROJECT = "p1";
  private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
  private static final Duration AWAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void restart_resumesFromTheStoredPositionAndAppliesNothingTwice() {
    Counting metrics = new Counting();
    try (Storage storage = DuckDbStorage.open(dir.resolve("data"));
        IngestLog log = SegmentLog.open(dir.resolve("log"), 0)) {
      try (Ingestion ingestion = Ingestion.start(storage, log, PRICER, p -> List.of())) {
        for (int i = 0; i < 10; i++) ingestion.store(request(i, "run"));
        assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      }
      for (int i = 10; i < 15; i++) log.append(batch(i, "run")); // acknowledged, not yet applied

      try (Ingestion ingestion = start(storage, log, metrics)) {
        assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
        assertThat(metrics.records.get()).isEqualTo(5);
      }
      assertThat(storage.logPositions("ingest")).containsExactly(new LogPosition("ingest", 0, 15));
      for (int i = 0; i < 15; i++)
        assertThat(storage.traceStore().getTrace(PROJECT, "t" + i)).isPresent();
    }
    try (Storage storage = DuckDbStorage.open(dir.resolve("data"));
        IngestLog log = SegmentLog.open(dir.resolve("log"), 15);
        Ingestion ingestion = start(storage, log, metrics)) {
      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      assertThat(ingestion.state().applied()).isEqualTo(15);
      assertThat(metrics.records.get()).isEqualTo(5);
    }
  }

  @Test
  void reapplying_fromAnEarlierPositionLeavesTheStoreAsItWas() {
    try (Storage storage = DuckDbStorage.open(dir.resolve("data"));
        IngestLog log = SegmentLog.open(dir.resolve("log"), 0)) {
      try (Ingestion ingestion = Ingestion.start(storage, log, PRICER, p -> List.of())) {
        for (int i = 0; i < 6; i++) {
          ingestion.store(request(i % 3, "run " + i)); // three traces, each updated twice
          ingestion.store(
              new IngestResult(
                  List.of(),
                  List.of(
                      Observation.builder(PROJECT, "o" + i % 3, "t" + i % 3, START)
                          .usageDetails(Map.of("output", 100L + i))
                          .build()),
                  List.of()));
        }
        assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      }
      List<TraceDetail> before = traces(storage, 3);
      storage
          .observationConsumer()
          .accept(
              WriteBatch.of(List.of(), List.of())
                  .withPositions(List.of(new LogPosition("ingest", 0, 0))));

      Counting metrics = new Counting();
      try (Ingestion ingestion = start(storage, log, metrics)) {
        assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
        assertThat(metrics.records.get()).isEqualTo(12);
      }
      assertThat(traces(storage, 3)).isEqualTo(before);
    }
  }

  /**
   * What arrives while the store writes goes into the next write, whole: a slow store (ClickHouse
   * pays a fixed cost per insert) gets fewer, larger writes instead of a queue of small ones.
   */
  @Test
  void slowStore_theRecordsThatArriveDuringAWriteAreStoredTogetherInTheNext() throws Exception {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    Counting metrics = new Counting();
    try (IngestLog log = new MemoryLog();
        Ingestion ingestion = start(storage, log, metrics)) {
      storage.hold();
      ingestion.store(request(0, "first"));
      await(() -> storage.waiting.get() == 1); // the applier is inside its first write
      for (int i = 1; i <= 30; i++) {
        ingestion.store(request(i, "during the write"));
        Thread.sleep(5); // one at a time, as requests come
      }
      Thread.sleep(300); // the reader has read them all
      storage.open();
      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      assertThat(metrics.batches).containsExactly(1, 30);
      assertThat(traces(storage, 31)).hasSize(31);
    }
  }

  @Test
  void slowStore_pastTheLagBoundIngestIsRefusedWithARetryHintAndNothingIsLost() {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    Counting metrics = new Counting();
    Ingestion.Options options =
        Ingestion.Options.defaults().withMaxApplyLag(Duration.ofMillis(200));
    try (IngestLog log = new MemoryLog();
        Ingestion ingestion =
            Ingestion.start(storage, log, PRICER, p -> List.of(), options, metrics)) {
      storage.hold();
      ingestion.store(request(1, "acknowledged before"));
      await(() -> ingestion.state().lagSeconds() > 0.2);

      assertThatThrownBy(() -> ingestion.store(request(2, "refused")))
          .isInstanceOf(ApplyLagException.class)
          .hasMessageContaining("ingest is behind")
          .satisfies(
              e -> assertThat(((ApplyLagException) e).retryAfterSeconds()).isBetween(1L, 30L));
      assertThat(metrics.lagging.get()).isEqualTo(1);
      assertThat(ingestion.state().lagRecords()).isEqualTo(1);
      // the wires ask before they read a body: refused the same way, at no decoding cost
      assertThatThrownBy(ingestion::admit).isInstanceOf(ApplyLagException.class);
      assertThat(metrics.lagging.get()).isEqualTo(2);

      storage.open();
      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      ingestion.admit(); // caught up: admitted again
      ingestion.store(request(3, "after"));
      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      assertThat(storage.traceStore().getTrace(PROJECT, "t1")).isPresent();
      assertThat(storage.traceStore().getTrace(PROJECT, "t2")).isEmpty();
      assertThat(storage.traceStore().getTrace(PROJECT, "t3")).isPresent();
      assertThat(ingestion.state().lagRecords()).isZero();
    }
  }

  @Test
  void pastAQuarterOfTheBound_aRequestWaitsForTheApplier_andIsTakenOnceItCatchesUp()
      throws Exception {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    Counting metrics = new Counting();
    Ingestion.Options options = Ingestion.Options.defaults().withMaxApplyLag(Duration.ofSeconds(6));
    try (IngestLog log = new MemoryLog();
        Ingestion ingestion =
            Ingestion.start(storage, log, PRICER, p -> List.of(), options, metrics)) {
      storage.hold();
      ingestion.store(request(1, "acknowledged before"));
      await(() -> ingestion.state().lagSeconds() > 3.1); // past a quarter of the bound, within it

      // the store stays stuck: the request waits (at most 1 s), then is taken (within the bound)
      long t0 = System.nanoTime();
      ingestion.admit();
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isBetween(Duration.ofMillis(100), Duration.ofMillis(1_500));
      assertThat(metrics.lagging.get()).isZero();

      // a request waiting while the store is stuck goes on as soon as it catches up
      var admitted = new java.util.concurrent.CompletableFuture<Long>();
      Thread.ofVirtual()
          .start(
              () -> {
                long start = System.nanoTime();
                ingestion.admit();
                admitted.complete(System.nanoTime() - start);
              });
      Thread.sleep(200);
      assertThat(admitted).isNotDone();
      storage.open();
      assertThat(Duration.ofNanos(admitted.get(5, java.util.concurrent.TimeUnit.SECONDS)))
          .isLessThan(Duration.ofMillis(1_000));
      assertThat(metrics.lagging.get()).isZero();
      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
    }
  }

  @Test
  void slowStore_aBacklogThatWouldTakeLongerThanTheBoundIsRefusedBeforeItsOldestIsThatOld() {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    storage.slow(Duration.ofMillis(20)); // 50 traces per second
    Counting metrics = new Counting();
    // apply batches of at most 4 records: the pace is learnt from full batches
    Ingestion.Options options = new Ingestion.Options(Duration.ofSeconds(1), 4, 1 << 20, true);
    try (IngestLog log = new MemoryLog();
        Ingestion ingestion =
            Ingestion.start(storage, log, PRICER, p -> List.of(), options, metrics)) {
      for (int n = 0; n < 8; n++) ingestion.store(request(1_000 + n, "sets the pace"));
      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();

      long started = System.nanoTime();
      int acknowledged = 0;
      ApplyLagException refused = null;
      for (int n = 1; n <= 2_000 && refused == null; n++) {
        try {
          ingestion.store(request(n, "burst"));
          acknowledged++;
        } catch (ApplyLagException e) {
          refused = e;
        }
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(refused).as("refused within 2,000 writes").isNotNull();
      // refused on the expected wait (about 50 records of work), long before the oldest waited 1 s
      assertThat(took).isLessThan(Duration.ofMillis(900));
      assertThat(acknowledged).isBetween(30, 150);
      assertThat(refused.getMessage()).contains("of work at the store's recent pace");

      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      for (int n = 1; n <= acknowledged; n++) {
        assertThat(storage.traceStore().getTrace(PROJECT, "t" + n)).as("t%d", n).isPresent();
      }
      assertThat(storage.traceStore().getTrace(PROJECT, "t" + (acknowledged + 1))).isEmpty();
    }
  }

  @Test
  void awaitApplied_isFalseWhileTheStoreHoldsTheWrite() {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    try (IngestLog log = new MemoryLog();
        Ingestion ingestion = Ingestion.start(storage, log, PRICER, p -> List.of())) {
      storage.hold();
      ingestion.store(request(1, "held"));

      assertThat(ingestion.awaitApplied(Duration.ofMillis(100))).isFalse();
      storage.open();
      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
    }
  }

  @Test
  void awaitVisible_returnsOnceTheWriteIsAppliedAndAtOnceWhileTheStoreFails() throws Exception {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    try (IngestLog log = new MemoryLog();
        Ingestion ingestion = Ingestion.start(storage, log, PRICER, p -> List.of())) {
      storage.hold();
      ingestion.store(request(1, "held"));
      Thread reader = Thread.ofVirtual().start(ingestion::awaitVisible);
      reader.join(300);
      assertThat(reader.isAlive()).as("a read waits for the acknowledged write").isTrue();

      storage.open();
      reader.join(AWAIT.toMillis());
      assertThat(reader.isAlive()).isFalse();
      assertThat(storage.traceStore().getTrace(PROJECT, "t1")).isPresent();

      storage.refuse(b -> true);
      ingestion.store(request(2, "refused"));
      await(() -> ingestion.state().applyError() != null);
      long t0 = System.nanoTime();
      ingestion.awaitVisible();
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .as("reads answer with what is stored while the store fails")
          .isLessThan(Duration.ofSeconds(1));
      storage.refuse(b -> false);
    }
  }

  @Test
  void anUnexpectedErrorWhileApplying_startsOverFromThePositionAndLosesNothing() {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    java.util.concurrent.atomic.AtomicBoolean failed =
        new java.util.concurrent.atomic.AtomicBoolean();
    storage.refuse(
        b -> {
          if (failed.compareAndSet(false, true)) throw new OutOfMemoryError("Java heap space");
          return false;
        });
    try (IngestLog log = SegmentLog.open(dir.resolve("log"), 0);
        Ingestion ingestion = Ingestion.start(storage, log, PRICER, p -> List.of())) {
      for (int i = 1; i <= 3; i++) ingestion.store(request(i, "run"));

      assertThat(ingestion.awaitApplied(AWAIT)).as("%s", ingestion.state()).isTrue();
      assertThat(failed).isTrue();
      for (int i = 1; i <= 3; i++)
        assertThat(storage.traceStore().getTrace(PROJECT, "t" + i)).isPresent();
      assertThat(ingestion.state().applyError()).isNull();
    }
  }

  @Test
  void aRecordTheStoreRefusesAlone_isSkippedWhileTheRecordsAroundItAreStored() {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    Counting metrics = new Counting();
    storage.refuse(b -> b.traces().stream().anyMatch(t -> t.id().equals("t2")));
    try (IngestLog log = new MemoryLog();
        Ingestion ingestion =
            Ingestion.start(
                storage, log, PRICER, p -> List.of(), Ingestion.Options.defaults(), metrics)) {
      for (int i = 1; i <= 3; i++) ingestion.store(request(i, "run"));

      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      assertThat(storage.traceStore().getTrace(PROJECT, "t1")).isPresent();
      assertThat(storage.traceStore().getTrace(PROJECT, "t2")).isEmpty();
      assertThat(storage.traceStore().getTrace(PROJECT, "t3")).isPresent();
      assertThat(ingestion.state().skipped()).isEqualTo(1);
      assertThat(metrics.skipped.get()).isEqualTo(1);
    }
  }

  @Test
  void aStoreThatRefusesEverything_skipsNothingAndAppliesAllOnceItRecovers() {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    storage.refuse(b -> true);
    try (IngestLog log = new MemoryLog();
        Ingestion ingestion = Ingestion.start(storage, log, PRICER, p -> List.of())) {
      for (int i = 1; i <= 3; i++) ingestion.store(request(i, "run"));
      await(() -> ingestion.state().applyError() != null);
      assertThat(ingestion.state().applyError()).contains("refused");

      storage.refuse(b -> false);
      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      for (int i = 1; i <= 3; i++)
        assertThat(storage.traceStore().getTrace(PROJECT, "t" + i)).isPresent();
      assertThat(ingestion.state().skipped()).isZero();
      assertThat(ingestion.state().applyError()).isNull();
    }
  }

  /**
   * The store refuses the first record three times (the batch, then the record alone twice) and
   * then recovers: a store that comes back while the applier tells a bad record from a failing
   * store must store the record, not skip it (the next record being accepted proves nothing by
   * then).
   */
  @Test
  void aStoreThatRecoversWhileARecordIsRetriedAlone_storesItAndSkipsNothing() {
    GatedStorage storage = new GatedStorage(new InMemoryStorage());
    java.util.concurrent.atomic.AtomicInteger refusals =
        new java.util.concurrent.atomic.AtomicInteger(3);
    storage.refuse(
        b ->
            b.traces().stream().anyMatch(t -> t.id().equals("t1"))
                && refusals.getAndDecrement() > 0);
    try (IngestLog log = new MemoryLog();
        Ingestion ingestion = Ingestion.start(storage, log, PRICER, p -> List.of())) {
      for (int i = 1; i <= 3; i++) ingestion.store(request(i, "run"));

      assertThat(ingestion.awaitApplied(AWAIT)).isTrue();
      for (int i = 1; i <= 3; i++)
        assertThat(storage.traceStore().getTrace(PROJECT, "t" + i)).as("t" + i).isPresent();
      assertThat(ingestion.state().skipped()).isZero();
      assertThat(refusals.get()).as("refusals left").isNotPositive();
    }
  }

  private static Ingestion start(Storage storage, IngestLog log, PipelineMetrics metrics) {
    return Ingestion.start(
        storage, log, PRICER, p -> List.of(), Ingestion.Options.defaults(), metrics);
  }

  private static IngestResult request(int n, String name) {
    WriteBatch b = batch(n, name);
    return new IngestResult(b.traces(), b.observations(), List.of());
  }

  private static WriteBatch batch(int n, String name) {
    Trace trace = Trace.builder(PROJECT, "t" + n, START).name(name).build();
    Observation o =
        Observation.builder(PROJECT, "o" + n, trace.id(), START)
            .type(ObservationType.GENERATION)
            .model("gpt-4o")
            .usageDetails(Map.of("input", 1000L))
            .build();
    return WriteBatch.of(List.of(trace), List.of(o));
  }

  private static List<TraceDetail> traces(Storage storage, int n) {
    List<TraceDetail> out = new ArrayList<>();
    for (int i = 0; i < n; i++)
      out.add(storage.traceStore().getTrace(PROJECT, "t" + i).orElseThrow());
    return out;
  }

  /** Waits for a condition the pipeline reaches by itself, failing after {@link #AWAIT}. */
  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in time");
      Thread.onSpinWait();
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Counts what the pipeline reports. */
  private static final class Counting implements PipelineMetrics {
    final AtomicInteger records = new AtomicInteger();
    final List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger lagging = new AtomicInteger();
    final AtomicInteger skipped = new AtomicInteger();

    @Override
    public void applied(int records, int rows, long bytes, long nanos) {
      this.records.addAndGet(records);
      batches.add(records);
    }

    @Override
    public void refused(Refusal reason, int traces, int observations) {
      if (reason == Refusal.LAGGING) lagging.incrementAndGet();
    }

    @Override
    public void skipped(int rows, Throwable cause) {
      skipped.incrementAndGet();
    }
  }
}
