package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Times;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code observations.duration_us}: written from the merged row, filled by the migration of a
 * version-9 file with the same values, and what latency percentiles read.
 */
class SchemaV10Test {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void open_migratesVersion9_durationsAsTheWriterComputesThem_samePercentiles() throws Exception {
    List<Observation> rows = new ArrayList<>();
    Map<String, Long> expected = new HashMap<>(); // whole microseconds; no end, no duration
    for (int i = 0; i < 40; i++) {
      Instant start = T0.plusSeconds(i);
      Observation.Builder b =
          Observation.builder("p", "o" + i, "t" + (i % 7), start)
              .type(ObservationType.GENERATION)
              .model(i % 2 == 0 ? "gpt-4o" : "claude-sonnet-4");
      long micros = i * 7_919L % 5_003;
      if (i % 10 != 3) {
        b.endTime(start.plusNanos(1_000L * micros + 999)); // the 999 ns below a microsecond drop
        expected.put("o" + i, micros);
      } else {
        expected.put("o" + i, null);
      }
      rows.add(b.build());
    }
    Map<String, Long> written;
    List<MetricsRow> percentiles;
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      storage.observationConsumer().accept(WriteBatch.of(List.of(), rows));
      percentiles = storage.analyticsStore().query(latencyByModel());
    }
    written = durations();
    for (Observation o : rows) {
      assertThat(written.get(o.id())).as(o.id()).isEqualTo(expected.get(o.id()));
    }
    assertThat(percentiles).hasSize(2);
    assertThat(percentiles.getFirst().values().get("p50_latency")).isNotNull();

    // what a version-9 build left: the table without the column
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("ALTER TABLE observations DROP COLUMN duration_us");
      s.execute("UPDATE schema_version SET version = 9");
    }
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      assertThat(storage.analyticsStore().query(latencyByModel())).isEqualTo(percentiles);
    }
    assertThat(durations()).isEqualTo(written);
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Schema.VERSION);
    }
  }

  /** The writer's rule and the migration's SQL agree, out to the times that saturate. */
  @Test
  void micros_isWhatTheMigrationsSqlComputes_evenForTimesThatSaturate() throws Exception {
    long edge = 1L << 62;
    long[][] pairs = {
      {0, 1_500_000},
      {1_700_000_000_000_000L, 1_700_000_000_000_001L},
      {1_700_000_000_000_000L, 1_699_999_999_000_000L},
      {5, 5},
      {-edge, edge},
      {edge, -edge},
      {edge + 1, 0},
      {0, edge + 1},
      {-edge - 1, 0},
      {edge + 1, edge + 1},
      {edge + 7, edge + 3},
      {edge - 1, -edge + 1},
      {-edge + 1, edge - 1},
    };
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      for (long[] p : pairs) {
        Instant start = Times.fromEpochMicros(p[0]), end = Times.fromEpochMicros(p[1]);
        try (ResultSet rs =
            s.executeQuery(
                "SELECT "
                    + MetricsColumns.microsBetween("e", "s")
                    + " FROM (SELECT make_timestamp("
                    + p[0]
                    + "::BIGINT) AS s, make_timestamp("
                    + p[1]
                    + "::BIGINT) AS e)")) {
          rs.next();
          assertThat(SchemaV10.micros(start, end))
              .as("%d -> %d", p[0], p[1])
              .isEqualTo(rs.getLong(1));
        }
      }
    }
    assertThat(SchemaV10.micros(T0, null)).isNull();
  }

  private static MetricsQuery latencyByModel() {
    return MetricsQuery.builder("p", MetricsView.OBSERVATIONS, T0, T0.plusSeconds(3_600))
        .dimension(Dimension.PROVIDED_MODEL_NAME)
        .metric(Measure.LATENCY, Aggregation.P50)
        .metric(Measure.LATENCY, Aggregation.P95)
        .metric(Measure.LATENCY, Aggregation.P99)
        .build();
  }

  private Map<String, Long> durations() throws Exception {
    Map<String, Long> out = new HashMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, duration_us FROM observations")) {
      while (rs.next()) out.put(rs.getString(1), (Long) rs.getObject(2));
    }
    return out;
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
  }
}
