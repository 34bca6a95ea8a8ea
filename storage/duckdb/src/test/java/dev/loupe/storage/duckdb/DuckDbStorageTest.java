package dev.loupe.storage.duckdb;

import static dev.loupe.storage.duckdb.SameAnswers.assertEqual;
import static dev.loupe.storage.duckdb.SameAnswers.assertSameAnswers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceSummary;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStorageTest {
  static final String P = RandomRows.PROJECT;
  static final Instant T0 = RandomRows.T0;

  @TempDir Path dir;
  DuckDbStorage storage;

  @AfterEach
  void close() {
    if (storage != null) storage.close();
  }

  DuckDbStorage open() {
    storage = DuckDbStorage.open(dir);
    return storage;
  }

  @Test
  void open_createsTheDataDirectoryAndItsFile() {
    Path data = dir.resolve("nested/data");
    try (DuckDbStorage s = DuckDbStorage.open(data)) {
      assertThat(s.check().ok()).isTrue();
    }
    assertThat(data.resolve(DuckDbStorage.FILE_NAME)).isRegularFile();
  }

  @Test
  void roundTrip_everyFieldIncludingUsageAndCostTypesBeyondInputOutputTotal() {
    Trace trace = fullTrace("t1");
    Observation generation = fullGeneration("g1", trace.id());
    open().observationConsumer().accept(WriteBatch.of(List.of(trace), List.of(generation)));

    TraceDetail stored = storage.traceStore().getTrace(P, trace.id()).orElseThrow();
    assertEqual(stored, new TraceDetail(trace, List.of(generation)), "getTrace");
    assertEqual(
        storage.traceStore().getObservation(P, "g1").orElseThrow(), generation, "getObservation");
    assertEqual(
        storage.traceStore().searchObservations(ObservationQuery.builder(P).build()).items(),
        List.of(generation),
        "searchObservations");
    assertThat(stored.observations().getFirst().costDetails().get("input_cache_write"))
        .isEqualTo(new BigDecimal("0.000000123456"));
  }

  @Test
  void costs_areExactSumsAndRoundHalfEvenBeyondTwelveDecimals() {
    Trace trace = Trace.builder(P, "t1", T0).build();
    Observation a =
        Observation.builder(P, "a", "t1", T0)
            .costDetails(Map.of("total", new BigDecimal("0.1")))
            .build();
    Observation b =
        Observation.builder(P, "b", "t1", T0)
            .costDetails(Map.of("total", new BigDecimal("0.2")))
            .build();
    Observation c =
        Observation.builder(P, "c", "t2", T0)
            .costDetails(Map.of("total", new BigDecimal("0.0000000000025")))
            .build();
    open().observationConsumer().accept(WriteBatch.of(List.of(trace), List.of(a, b, c)));

    TraceSummary summary =
        storage.traceStore().searchTraces(TraceQuery.builder(P).build()).items().getFirst();
    assertThat(summary.totalCost()).isEqualTo(new BigDecimal("0.3"));
    assertThat(storage.traceStore().getObservation(P, "c").orElseThrow().totalCost())
        .isEqualTo("0.000000000002");
  }

  @Test
  void accept_sequentialWritesGiveTheSameAnswersAsInMemoryStorage() {
    InMemoryStorage spec = new InMemoryStorage();
    open();
    for (WriteBatch batch : new RandomRows(42).batches(300, 6, 20)) {
      spec.observationConsumer().accept(batch);
      storage.observationConsumer().accept(batch);
    }
    assertSameAnswers(spec.traceStore(), storage.traceStore(), P, 6, 20);
  }

  @Test
  void reopen_keepsEveryRowAndMergesLaterUpdatesIntoThem() {
    InMemoryStorage spec = new InMemoryStorage();
    List<WriteBatch> batches = new RandomRows(7).batches(200, 5, 15);
    open();
    for (WriteBatch batch : batches.subList(0, 100)) {
      spec.observationConsumer().accept(batch);
      storage.observationConsumer().accept(batch);
    }
    storage.close();
    open();
    assertSameAnswers(spec.traceStore(), storage.traceStore(), P, 5, 15);
    for (WriteBatch batch : batches.subList(100, 200)) {
      spec.observationConsumer().accept(batch);
      storage.observationConsumer().accept(batch);
    }
    assertSameAnswers(spec.traceStore(), storage.traceStore(), P, 5, 15);
  }

  @Test
  void reopen_keepsTheLastLogPositionsRecordedWithTheRows() {
    List<WriteBatch> batches = new RandomRows(11).batches(40, 5, 15);
    open();
    for (int i = 0; i < batches.size(); i++) {
      storage
          .observationConsumer()
          .accept(batches.get(i).withPositions(List.of(new LogPosition("ingest", 0, i + 1))));
    }
    storage.close();

    open();
    assertThat(storage.logPositions("ingest")).containsExactly(new LogPosition("ingest", 0, 40));
  }

  @Test
  void accept_fromManyThreadsStoresEveryBatchInFewerGroups() throws Exception {
    open();
    int threads = 16, batchesPerThread = 20;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int b = 0; b < batchesPerThread; b++)
                    storage.observationConsumer().accept(agentBatch(thread, b));
                }));
      }
      for (Future<?> f : done) f.get();
    }

    int traces = threads * batchesPerThread * 10;
    assertThat(storage.traceStore().searchTraces(TraceQuery.builder(P).build()).totalItems())
        .isEqualTo(traces);
    assertThat(
            storage
                .traceStore()
                .searchObservations(ObservationQuery.builder(P).build())
                .totalItems())
        .isEqualTo(traces * 3L);
    assertThat(storage.traceStore().getTrace(P, "trace-7-13-4").orElseThrow().observations())
        .hasSize(3);
    assertThat(storage.groupsCommitted()).isLessThan(threads * batchesPerThread);
  }

  @Test
  void accept_returnsOnlyOnceTheBatchIsDurableOnDisk() throws IOException {
    Trace trace = fullTrace("t-full");
    Observation generation = fullGeneration("g-full", trace.id());
    open().observationConsumer().accept(agentBatch(1, 1));
    storage.observationConsumer().accept(WriteBatch.of(List.of(trace), List.of(generation)));

    Path copy = dir.resolveSibling(dir.getFileName() + "-copy");
    Files.createDirectories(copy.resolve(DuckDbStorage.PAYLOADS_DIR));
    for (String name : List.of(DuckDbStorage.FILE_NAME, DuckDbStorage.FILE_NAME + ".wal")) {
      if (Files.exists(dir.resolve(name))) Files.copy(dir.resolve(name), copy.resolve(name));
    }
    try (var segments = Files.list(dir.resolve(DuckDbStorage.PAYLOADS_DIR))) {
      for (Path p : segments.toList()) {
        Files.copy(p, copy.resolve(DuckDbStorage.PAYLOADS_DIR).resolve(p.getFileName()));
      }
    }
    try (DuckDbStorage crashed = DuckDbStorage.open(copy)) {
      assertThat(crashed.traceStore().getTrace(P, "trace-1-1-0")).isPresent();
      assertEqual(
          crashed.traceStore().getTrace(P, trace.id()).orElseThrow(),
          new TraceDetail(trace, List.of(generation)),
          "getTrace of the copy");
    }
  }

  @Test
  void getTrace_aDamagedPayloadRecordFailsTheReadNamingTheRecord() throws IOException {
    Trace trace = fullTrace("t-damaged");
    open().observationConsumer().accept(WriteBatch.of(List.of(trace), List.of()));
    Path segment = dir.resolve(DuckDbStorage.PAYLOADS_DIR).resolve("000001.log");
    PayloadLogTest.flipLastByte(segment);

    assertThatThrownBy(() -> storage.traceStore().getTrace(P, trace.id()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("getTrace failed")
        .hasMessageContaining("checksum");
  }

  @Test
  void open_refusesADataFileOfTheOlderSchemaThatKeptPayloadsInDuckDb() throws Exception {
    Files.createDirectories(dir);
    try (var c = Database.open(dir.resolve(DuckDbStorage.FILE_NAME));
        var s = c.createStatement()) {
      s.execute("CREATE TABLE schema_version(version INTEGER NOT NULL, applied_at TIMESTAMP)");
      s.execute("INSERT INTO schema_version VALUES (1, current_timestamp::TIMESTAMP)");
    }
    assertThatThrownBy(() -> DuckDbStorage.open(dir))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("schema version 1");
  }

  @Test
  void accept_aBatchThatCannotMergeFailsAloneAndChangesNothing() {
    Trace stored = Trace.builder(P, "t1", T0).metadata("{\"a\":1}").name("first").build();
    open().observationConsumer().accept(WriteBatch.of(List.of(stored), List.of()));
    Trace broken = Trace.builder(P, "t1", T0).metadata("{not json").name("second").build();
    Observation other = Observation.builder(P, "o1", "t1", T0).build();

    assertThatThrownBy(
            () ->
                storage
                    .observationConsumer()
                    .accept(WriteBatch.of(List.of(broken), List.of(other))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("not JSON");
    storage.observationConsumer().accept(WriteBatch.of(List.of(), List.of(other)));

    assertEqual(
        storage.traceStore().getTrace(P, "t1").orElseThrow(),
        new TraceDetail(stored, List.of(other)),
        "getTrace");
  }

  @Test
  void accept_rejectsACostTheColumnsCannotHoldWithoutFailingOthers() {
    Observation huge =
        Observation.builder(P, "o1", "t1", T0)
            .costDetails(Map.of("total", new BigDecimal("1e30")))
            .build();

    assertThatThrownBy(
            () -> open().observationConsumer().accept(WriteBatch.of(List.of(), List.of(huge))))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("costDetails.total");
    assertThat(storage.check().ok()).isTrue();
  }

  @Test
  void close_failsLaterWritesAndCheckReportsIt() {
    open().close();

    assertThat(storage.check().ok()).isFalse();
    assertThat(storage.check().error()).contains("closed");
    assertThatThrownBy(() -> storage.observationConsumer().accept(agentBatch(0, 0)))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void open_refusesADirectoryThatIsNotWritable() throws IOException {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");

    assertThatThrownBy(() -> DuckDbStorage.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("plain-file");
  }

  /** Ten traces of three observations each; trace ids {@code trace-<thread>-<batch>-<i>}. */
  static WriteBatch agentBatch(int thread, int batch) {
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String id = "trace-%d-%d-%d".formatted(thread, batch, i);
      traces.add(Trace.builder(P, id, T0).name("agent").userId("u" + i).build());
      for (int k = 0; k < 3; k++) {
        observations.add(
            Observation.builder(P, id + "-" + k, id, T0.plusMillis(k))
                .type(k == 0 ? ObservationType.AGENT : ObservationType.GENERATION)
                .build());
      }
    }
    return WriteBatch.of(traces, observations);
  }

  static Trace fullTrace(String id) {
    return Trace.builder(P, id, T0)
        .name("support-agent")
        .userId("user-1")
        .sessionId("session-1")
        .tags(List.of("b", "a", "é 🎉"))
        .input("{\"q\":\"hi\"}")
        .output("\"bye\"")
        .metadata("{\"k\":1}")
        .environment("production")
        .release("r1")
        .version("v1")
        .isPublic(true)
        .build();
  }

  static Observation fullGeneration(String id, String traceId) {
    return Observation.builder(P, id, traceId, T0.plusMillis(5))
        .parentObservationId("root")
        .type(ObservationType.GENERATION)
        .name("chat")
        .endTime(T0.plusSeconds(2))
        .completionStartTime(T0.plusMillis(300))
        .level(Level.WARNING)
        .statusMessage("slow")
        .model("gpt-4o-mini")
        .modelParameters("{\"temperature\":0.2}")
        .input("[{\"role\":\"user\"}]")
        .output("{\"role\":\"assistant\"}")
        .metadata("{\"provider\":\"openai\"}")
        .usageDetails(
            Map.of("input", 900L, "output", 215L, "total", 1415L, "input_cached_tokens", 300L))
        .costDetails(
            Map.of(
                "input",
                new BigDecimal("0.000135"),
                "output",
                new BigDecimal("0.000129"),
                "total",
                new BigDecimal("0.0002865"),
                "input_cache_write",
                new BigDecimal("0.000000123456")))
        .costSource(CostSource.CALCULATED)
        .pricedModelId("gpt-4o-mini")
        .environment("production")
        .version("v1")
        .release("r1")
        .promptName("system")
        .promptVersion(3)
        .mappingNotes(Map.of("type", "gen_ai.operation.name=chat"))
        .build();
  }
}
