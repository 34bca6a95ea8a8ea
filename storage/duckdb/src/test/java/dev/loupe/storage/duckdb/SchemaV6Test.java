package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceSummary;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version-5 file (before {@code trace_rollups}) opens at the current version with one rollup per
 * trace computed from its stored rows, and later writes keep those rollups exact.
 */
class SchemaV6Test {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void open_migratesVersion5_fillsRollupsFromStoredRows_laterWritesAddToThem() throws Exception {
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      storage
          .observationConsumer()
          .accept(
              WriteBatch.of(
                  List.of(
                      Trace.builder("p", "a", T0).name("agent").userId("u1").build(),
                      Trace.builder("p", "b", T0.plusSeconds(60)).name("other").build()),
                  List.of(
                      generation("a1", "a", T0, 2, "0.10", Level.DEFAULT),
                      generation("a2", "a", T0.plusSeconds(1), 3, "0.20", Level.ERROR),
                      generation("b1", "b", T0.plusSeconds(60), 1, "0.05", Level.DEFAULT))));
    }
    // what a version-5 build left: the same tables without trace_rollups
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE trace_rollups");
      s.execute("UPDATE schema_version SET version = 5");
    }

    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      TraceSummary a = byCost(storage).items().get(0);
      assertThat(a.trace().id()).isEqualTo("a");
      assertThat(a.totalCost()).isEqualByComparingTo("0.30");
      assertThat(a.errorCount()).isEqualTo(1);
      assertThat(a.totalTokens()).isEqualTo(2 * 15 + 3 * 15);
      assertThat(a.latency()).isEqualTo(Duration.ofSeconds(4)); // a1 starts at 0 s, a2 ends at 4 s

      // a migrated rollup read back from the table, then added to
      storage
          .observationConsumer()
          .accept(
              WriteBatch.of(
                  List.of(),
                  List.of(
                      generation("b2", "b", T0.plusSeconds(70), 10, "1.00", Level.DEFAULT),
                      // a replaced version: the trace's sums are counted again, not added
                      generation("a1", "a", T0, 2, "0.40", Level.DEFAULT))));
      Page<TraceSummary> page = byCost(storage);
      assertThat(page.items())
          .extracting(t -> t.trace().id(), t -> t.totalCost().stripTrailingZeros())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("b", new BigDecimal("1.05")),
              org.assertj.core.groups.Tuple.tuple("a", new BigDecimal("0.6")));
      assertThat(page.items().get(0).latency()).isEqualTo(Duration.ofSeconds(20));
      assertThat(page.items().get(0).totalTokens()).isEqualTo(15 + 10 * 15);
    }
  }

  private static Page<TraceSummary> byCost(DuckDbStorage storage) {
    return storage
        .traceStore()
        .searchTraces(
            TraceQuery.builder("p").orderBy(TraceQuery.OrderBy.COST, SortDirection.DESC).build());
  }

  /** A generation of {@code seconds} with 10 input and 5 output tokens per second, priced. */
  private static Observation generation(
      String id, String trace, Instant start, int seconds, String cost, Level level) {
    return Observation.builder("p", id, trace, start)
        .type(ObservationType.GENERATION)
        .endTime(start.plusSeconds(seconds))
        .level(level)
        .model("gpt-4o")
        .usageDetails(Map.of("input", 10L * seconds, "output", 5L * seconds))
        .costDetails(Map.of("total", new BigDecimal(cost)))
        .costSource(CostSource.CALCULATED)
        .build();
  }
}
