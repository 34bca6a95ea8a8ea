package dev.loupe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.IngestResult;
import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.pipeline.log.IngestLog;
import dev.loupe.pipeline.log.MemoryLog;
import dev.loupe.pipeline.log.SegmentLog;
import dev.loupe.pricing.PriceTable;
import dev.loupe.pricing.Pricer;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.Storage;
import dev.loupe.storage.duckdb.DuckDbStorage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A generation written in parts, in every order, ends with the cost of the whole, on both backends
 * (in memory through the memory log, DuckDB through the segment log, as the server runs them). Each
 * write is applied before the next is stored, so writes in separate requests merge in the store.
 * Bundled prices (USD per token): gpt-4o input 2.5e-6, output 1e-5; gpt-5 standard input 1.25e-6,
 * output 1e-5, flex input 6.25e-7, output 5e-6.
 */
class IngestionTest {
  private static final Pricer PRICER = new Pricer(PriceTable.bundled());
  private static final String PROJECT = "p1";
  private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

  @TempDir Path dir;

  /** A store and the log in front of it. */
  record Backend(String name, Function<Path, Storage> storage, Function<Path, IngestLog> log) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Backend> backends() {
    return Stream.of(
        new Backend("memory", d -> new InMemoryStorage(), d -> new MemoryLog()),
        new Backend(
            "duckdb",
            d -> DuckDbStorage.open(d.resolve("data")),
            d -> SegmentLog.open(d.resolve("data").resolve("ingest-log"), 0)));
  }

  /** Storage, log and ingestion, closed in that order's reverse. */
  record Pipeline(Storage storage, IngestLog log, Ingestion ingestion) implements AutoCloseable {
    static Pipeline start(Backend backend, Path dir) {
      Storage storage = backend.storage().apply(dir);
      IngestLog log = backend.log().apply(dir);
      return new Pipeline(storage, log, Ingestion.start(storage, log, PRICER, p -> List.of()));
    }

    /** Stores and waits until the write is applied. */
    void store(IngestResult result) {
      ingestion.store(result);
      assertThat(ingestion.awaitApplied(Duration.ofSeconds(10))).as("applied in time").isTrue();
    }

    @Override
    public void close() {
      ingestion.close();
      log.close();
      storage.close();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void modelAndUsageInSeparateWrites_everyOrderEndsPricedAtTheWholeCost(Backend backend) {
    List<Observation> parts =
        List.of(
            part("g").model("gpt-4o").build(),
            part("g").usageDetails(Map.of("input", 1000L)).build(),
            part("g").usageDetails(Map.of("output", 500L)).build());
    try (Pipeline ingestion = Pipeline.start(backend, dir)) {
      Storage storage = ingestion.storage();
      int n = 0;
      for (List<Observation> order : permutations(parts)) {
        String separate = "s" + n, together = "t" + n++;
        for (Observation o : order) ingestion.store(result(withId(o, separate)));
        ingestion.store(
            new IngestResult(
                List.of(), order.stream().map(o -> withId(o, together)).toList(), List.of()));

        for (String id : List.of(separate, together)) {
          Observation stored = storage.traceStore().getObservation(PROJECT, id).orElseThrow();
          assertThat(stored.costSource()).as(id + " " + order).isEqualTo(CostSource.CALCULATED);
          assertThat(stored.totalCost()).as(id).isEqualByComparingTo("0.0075");
          assertThat(stored.mappingNotes().get(Pricer.NOTE)).as(id).startsWith("priced by gpt-4o");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void usageBeforeAnUnknownModel_isFlaggedNoPrice(Backend backend) {
    try (Pipeline ingestion = Pipeline.start(backend, dir)) {
      Storage storage = ingestion.storage();
      ingestion.store(result(part("u").usageDetails(Map.of("input", 10L)).build()));
      ingestion.store(result(part("u").model("acme-llm-7").build()));

      Observation stored = storage.traceStore().getObservation(PROJECT, "u").orElseThrow();
      assertThat(stored.costSource()).isEqualTo(CostSource.NO_PRICE);
      assertThat(stored.costDetails()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void providedCost_isKeptWhateverArrivesLater(Backend backend) {
    try (Pipeline ingestion = Pipeline.start(backend, dir)) {
      Storage storage = ingestion.storage();
      ingestion.store(
          result(
              part("p")
                  .usageDetails(Map.of("input", 1000L))
                  .costDetails(Map.of("total", new BigDecimal("0.5")))
                  .costSource(CostSource.PROVIDED)
                  .build()));
      ingestion.store(result(part("p").model("gpt-4o").build()));

      Observation stored = storage.traceStore().getObservation(PROJECT, "p").orElseThrow();
      assertThat(stored.costSource()).isEqualTo(CostSource.PROVIDED);
      assertThat(stored.totalCost()).isEqualByComparingTo("0.5");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void modelParametersSentLater_pickTheirTier(Backend backend) {
    try (Pipeline ingestion = Pipeline.start(backend, dir)) {
      Storage storage = ingestion.storage();
      ingestion.store(
          result(
              part("f")
                  .model("gpt-5")
                  .usageDetails(Map.of("input", 1000L, "output", 500L))
                  .build()));
      assertThat(storage.traceStore().getObservation(PROJECT, "f").orElseThrow().totalCost())
          .isEqualByComparingTo("0.00625"); // standard: 0.00125 + 0.005
      ingestion.store(result(part("f").modelParameters("{\"service_tier\":\"flex\"}").build()));

      assertThat(storage.traceStore().getObservation(PROJECT, "f").orElseThrow().totalCost())
          .isEqualByComparingTo("0.003125"); // flex: 0.000625 + 0.0025
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void tracesAreStoredBesideTheirObservations(Backend backend) {
    try (Pipeline ingestion = Pipeline.start(backend, dir)) {
      Storage storage = ingestion.storage();
      ingestion.store(
          new IngestResult(
              List.of(Trace.builder(PROJECT, "t1", START).name("run").build()),
              List.of(part("g").model("gpt-4o").build()),
              List.of()));

      assertThat(storage.traceStore().getTrace(PROJECT, "t1").orElseThrow().observations())
          .extracting(Observation::id)
          .containsExactly("g");
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void aCalculatedCostAboveWhatAStoreKeeps_isFlaggedNoPriceAndTheRestIsStored(Backend backend) {
    try (Pipeline ingestion = Pipeline.start(backend, dir)) {
      Storage storage = ingestion.storage();
      ingestion.store(
          new IngestResult(
              List.of(),
              List.of(
                  part("huge")
                      .model("gpt-4o")
                      .usageDetails(Map.of("output", 1_000_000_000_000L))
                      .build(),
                  part("fine").model("gpt-4o").usageDetails(Map.of("input", 1000L)).build()),
              List.of()));

      Observation huge = storage.traceStore().getObservation(PROJECT, "huge").orElseThrow();
      assertThat(huge.costSource()).isEqualTo(CostSource.NO_PRICE);
      assertThat(huge.costDetails()).isEmpty();
      assertThat(huge.usageDetails()).containsEntry("output", 1_000_000_000_000L);
      assertThat(huge.mappingNotes().get(Pricer.NOTE))
          .startsWith("priced by gpt-4o")
          .contains("not kept")
          .contains("above 999999.999999999999 USD");
      assertThat(storage.traceStore().getObservation(PROJECT, "fine").orElseThrow().totalCost())
          .isEqualByComparingTo("0.0025");
    }
  }

  private static Observation.Builder part(String id) {
    return Observation.builder(PROJECT, id, "t1", START).type(ObservationType.GENERATION);
  }

  private static Observation withId(Observation o, String id) {
    return Observation.builder(PROJECT, id, o.traceId(), o.startTime())
        .type(o.type())
        .model(o.model())
        .usageDetails(o.usageDetails())
        .build();
  }

  private static IngestResult result(Observation o) {
    return new IngestResult(List.of(), List.of(o), List.of());
  }

  private static <T> List<List<T>> permutations(List<T> items) {
    if (items.isEmpty()) return List.of(List.of());
    List<List<T>> out = new ArrayList<>();
    for (T first : items) {
      List<T> rest = new ArrayList<>(items);
      rest.remove(first);
      for (List<T> tail : permutations(rest)) {
        List<T> p = new ArrayList<>(List.of(first));
        p.addAll(tail);
        out.add(p);
      }
    }
    return out;
  }
}
