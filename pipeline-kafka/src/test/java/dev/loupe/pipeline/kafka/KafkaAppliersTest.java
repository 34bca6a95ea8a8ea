package dev.loupe.pipeline.kafka;

import static dev.loupe.pipeline.kafka.Rows.PROJECT;
import static dev.loupe.pipeline.kafka.Rows.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.cluster.LocalKafka;
import dev.loupe.model.CostSource;
import dev.loupe.pipeline.Ingestion;
import dev.loupe.pipeline.PipelineMetrics;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appliers of several nodes as one consumer group over a real broker, applying into one real store
 * (DuckDB, or the in-memory spec): every node is an {@link Ingestion} with a {@link KafkaIngestLog}
 * of its own, as in separate processes.
 */
class KafkaAppliersTest {
  private static final Pricer PRICER = new Pricer(PriceTable.bundled());
  private static final Duration AWAIT = Duration.ofSeconds(30);
  @TempDir static Path shared;
  private static LocalKafka kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = LocalKafka.start(shared.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) kafka.close();
  }

  @Test
  void twoAppliersSharePartitionsAndApplyEveryRecordExactlyOnce() {
    KafkaSettings settings = KafkaIngestLogTest.settings(kafka.bootstrapServers(), 4);
    Counting a = new Counting(), b = new Counting();
    try (Storage storage = DuckDbStorage.open(dir.resolve("data"));
        KafkaIngestLog logA = KafkaIngestLog.open(settings);
        KafkaIngestLog logB = KafkaIngestLog.open(settings);
        Ingestion nodeA = start(storage, logA, a);
        Ingestion nodeB = start(storage, logB, b)) {
      Rows.await(() -> owned(logA) + owned(logB) == 4 && owned(logA) > 0 && owned(logB) > 0, AWAIT);
      for (int i = 0; i < 100; i++) (i % 2 == 0 ? nodeA : nodeB).store(request(i * 5, 5));
      assertThat(nodeA.awaitApplied(AWAIT)).isTrue(); // all of it: its own and B's partitions
      assertThat(nodeB.awaitApplied(AWAIT)).isTrue();

      long appended = sum(logA);
      Rows.await(() -> a.records.get() + b.records.get() >= appended, AWAIT);
      assertThat(a.records.get() + b.records.get()).isEqualTo(appended); // none twice
      assertThat(a.records.get()).isPositive();
      assertThat(b.records.get()).isPositive();
      for (int i = 0; i < 500; i++) {
        TraceDetail t = storage.traceStore().getTrace(PROJECT, "t" + i).orElseThrow();
        assertThat(t.observations())
            .singleElement()
            .satisfies(o -> assertThat(o.costSource()).isEqualTo(CostSource.CALCULATED));
      }
      assertThat(nodeA.state().lagRecords()).isZero();
      assertThat(storage.logPositions(logA.name())).hasSize(4);
    }
  }

  @Test
  void recordsAKilledApplierReadButDidNotCommitAreAppliedByTheOtherMember() {
    KafkaSettings settings = KafkaIngestLogTest.settings(kafka.bootstrapServers(), 2);
    Counting a = new Counting(), b = new Counting();
    try (Storage storage = DuckDbStorage.open(dir.resolve("data"));
        KafkaIngestLog logA = KafkaIngestLog.open(settings);
        KafkaIngestLog logB = KafkaIngestLog.open(settings)) {
      // node A stores its first write, then dies mid-apply: it read more than it stored
      try (Ingestion nodeA = start(new FailingStorage(storage, 1), logA, a)) {
        Rows.await(() -> owned(logA) == 2, AWAIT);
        for (int i = 0; i < 60; i++) {
          nodeA.store(request(i * 5, 5));
          if (i == 0) Rows.await(() -> a.records.get() > 0, AWAIT);
        }
        Rows.await(() -> a.failures.get() > 0, AWAIT);
        logA.readers().forEach(KafkaLogReader::crash); // no commit, no goodbye to the group
        long appliedByA = a.records.get();
        assertThat(appliedByA).isPositive().isLessThan(sum(logA));

        try (Ingestion nodeB = start(storage, logB, b)) { // joins once A's session expires
          Rows.await(() -> owned(logB) == 2, AWAIT);
          assertThat(nodeB.awaitApplied(AWAIT)).isTrue();
          // B starts where the store says A got to: what A stored is not applied again (the
          // count follows the store's commit, which the positions show first)
          long expected = sum(logA) - appliedByA;
          Rows.await(() -> b.records.get() >= expected, AWAIT);
          assertThat(b.records.get()).isEqualTo(expected);
          for (int i = 0; i < 300; i++)
            assertThat(storage.traceStore().getTrace(PROJECT, "t" + i)).isPresent();
        }
      }
    }
  }

  @Test
  void anApplierWhoseStoreFailsPastTheHandOverLeavesTheRevokedPartitionToItsNewOwner() {
    KafkaSettings settings = KafkaIngestLogTest.settings(kafka.bootstrapServers(), 2);
    Counting a = new Counting(), b = new Counting();
    try (Storage storage = DuckDbStorage.open(dir.resolve("data"));
        KafkaIngestLog logA = KafkaIngestLog.open(settings);
        KafkaIngestLog logB = KafkaIngestLog.open(settings)) {
      FailingStorage failing = new FailingStorage(storage, 0); // A's store refuses every write
      try (Ingestion nodeA = start(failing, logA, a)) {
        Rows.await(() -> owned(logA) == 2, AWAIT);
        for (int i = 0; i < 40; i++) nodeA.store(request(i * 5, 5));
        Rows.await(() -> a.failures.get() > 0, AWAIT); // A read records of both partitions
        try (Ingestion nodeB = start(storage, logB, b)) {
          // A gives one partition up after the hand-over wait (the 2 s session), unstored
          Rows.await(() -> owned(logA) == 1 && owned(logB) == 1, AWAIT);
          failing.recover();
          assertThat(nodeA.awaitApplied(AWAIT)).isTrue();
          assertThat(nodeB.awaitApplied(AWAIT)).isTrue();
          // A stored only its own partition's records, B the other's: each record once
          long appended = sum(logA);
          Rows.await(() -> a.records.get() + b.records.get() >= appended, AWAIT);
          assertThat(a.records.get() + b.records.get()).isEqualTo(appended);
          assertThat(b.records.get()).isPositive();
          for (int i = 0; i < 200; i++)
            assertThat(storage.traceStore().getTrace(PROJECT, "t" + i)).isPresent();
        }
      }
    }
  }

  @Test
  void aRestartedApplierResumesFromTheStorePositionsNotTheGroupsCommittedOffsets() {
    KafkaSettings settings = KafkaIngestLogTest.settings(kafka.bootstrapServers(), 1);
    try (Storage storage = new InMemoryStorage();
        KafkaIngestLog log = KafkaIngestLog.open(settings)) {
      for (int i = 0; i < 10; i++) log.append(Rows.batch(i, 1)); // offsets 0..9, none committed
      // the store says 0..5 are applied (a node stored them and died before committing)
      storage
          .observationConsumer()
          .accept(
              WriteBatch.of(List.of(), List.of())
                  .withPositions(List.of(new LogPosition(log.name(), 0, 6))));
      Counting c = new Counting();
      try (Ingestion node = start(storage, log, c)) {
        assertThat(node.awaitApplied(AWAIT)).isTrue();
        assertThat(c.records.get()).isEqualTo(4);
      }
      assertThat(storage.traceStore().getTrace(PROJECT, "t5")).isEmpty();
      assertThat(storage.traceStore().getTrace(PROJECT, "t6")).isPresent();
      assertThat(storage.logPositions(log.name()))
          .containsExactly(new LogPosition(log.name(), 0, 10));

      for (int i = 10; i < 15; i++) log.append(Rows.batch(i, 1));
      Counting again = new Counting();
      try (Ingestion node = start(storage, log, again)) {
        assertThat(node.awaitApplied(AWAIT)).isTrue();
        assertThat(again.records.get()).isEqualTo(5);
      }
    }
  }

  @Test
  void aNodeThatDoesNotApplyReadsLagAndVisibilityFromTheStore() {
    KafkaSettings settings = KafkaIngestLogTest.settings(kafka.bootstrapServers(), 2);
    try (Storage storage = new InMemoryStorage();
        KafkaIngestLog receiving = KafkaIngestLog.open(settings);
        KafkaIngestLog applying = KafkaIngestLog.open(settings);
        Ingestion receiver =
            Ingestion.start(
                storage,
                receiving,
                PRICER,
                p -> List.of(),
                Ingestion.Options.defaults().withApply(false),
                PipelineMetrics.NOOP)) {
      for (int i = 0; i < 20; i++) receiver.store(request(i, 1));
      assertThat(receiver.awaitApplied(Duration.ofMillis(500))).isFalse(); // nobody applies yet
      assertThat(receiver.state().lagRecords()).isEqualTo(20);
      try (Ingestion applier = start(storage, applying, new Counting())) {
        assertThat(applier.awaitApplied(AWAIT)).isTrue();
        assertThat(receiver.awaitApplied(AWAIT)).isTrue(); // through the store's positions
        assertThat(storage.traceStore().getTrace(PROJECT, "t19")).isPresent();
        assertThat(receiver.state().lagRecords()).isZero();
        assertThat(receiver.state().applied()).isEqualTo(20);
      }
    }
  }

  private static Ingestion start(Storage storage, KafkaIngestLog log, PipelineMetrics metrics) {
    return Ingestion.start(
        storage, log, PRICER, p -> List.of(), Ingestion.Options.defaults(), metrics);
  }

  private static int owned(KafkaIngestLog log) {
    return log.readers().stream().mapToInt(r -> r.owned().size()).sum();
  }

  private static long sum(KafkaIngestLog log) {
    return log.end().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Counts what a node applied. */
  static final class Counting implements PipelineMetrics {
    final AtomicLong records = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    @Override
    public void applied(int records, int rows, long bytes, long nanos) {
      this.records.addAndGet(records);
    }

    @Override
    public void applyFailed(Throwable cause) {
      failures.incrementAndGet();
    }
  }
}
