package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.UsageScope;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version-4 file (before usage scopes) opens at the current version with every old row counted.
 */
class SchemaV5Test {
  @TempDir Path dir;

  private static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");

  @Test
  void open_migratesVersion4_oldRowsCountTheirOwnUsage_newRowsMayNot() throws Exception {
    Files.createDirectories(dir);
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schema_version(version INTEGER NOT NULL, applied_at TIMESTAMP)");
      s.execute("INSERT INTO schema_version VALUES (4, now()::TIMESTAMP)");
      s.execute(V4_OBSERVATIONS + ", " + String.join(", ", SchemaV3.MEASURE_COLUMNS) + ")");
      s.execute(
          "INSERT INTO observations (seq, key, project_id, id, trace_key, trace_id, type, start_time,"
              + " level, model, usage_input, usage_output, total_cost, cost_total, cost_source,"
              + " environment, input_tokens, output_tokens, total_tokens) VALUES (1, "
              + RowKeys.of("p", "old")
              + ", 'p', 'old', 9, 't', 'GENERATION', '2026-03-02 10:00:00', 'DEFAULT', 'gpt-4o',"
              + " 100, 20, 0.25, 0.25, 'CALCULATED', 'default', 100, 20, 120)");
    }
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      Observation old = storage.traceStore().getObservation("p", "old").orElseThrow();
      assertThat(old.usageScope()).isEqualTo(UsageScope.OWN);
      assertThat(old.usageDetails()).isEqualTo(Map.of("input", 100L, "output", 20L));

      storage
          .observationConsumer()
          .accept(
              WriteBatch.of(
                  List.of(),
                  List.of(
                      Observation.builder("p", "agent", "t", DAY.plusSeconds(36_000))
                          .type(ObservationType.AGENT)
                          .model("gpt-4o")
                          .usageDetails(Map.of("input", 100L, "output", 20L))
                          .usageScope(UsageScope.DESCENDANTS)
                          .build())));
      assertThat(storage.traceStore().getObservation("p", "agent").orElseThrow().usageScope())
          .isEqualTo(UsageScope.DESCENDANTS);
      List<MetricsRow> rows =
          storage
              .analyticsStore()
              .query(
                  MetricsQuery.builder("p", MetricsView.OBSERVATIONS, DAY, DAY.plusSeconds(86_400))
                      .dimension(Dimension.USAGE_SCOPE)
                      .metric(Measure.COUNT, Aggregation.COUNT)
                      .metric(Measure.TOTAL_TOKENS, Aggregation.SUM)
                      .metric(Measure.TOTAL_COST, Aggregation.SUM)
                      .build());
      assertThat(rows)
          .extracting(r -> r.dimensions().get("usageScope"), r -> r.values().get("sum_totalTokens"))
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("OWN", 120L),
              org.assertj.core.groups.Tuple.tuple("DESCENDANTS", 0L));
    }
    try (DuckDbStorage reopened = DuckDbStorage.open(dir)) {
      assertThat(reopened.check().ok()).isTrue();
      assertThat(reopened.traceStore().getObservation("p", "agent").orElseThrow().usageScope())
          .isEqualTo(UsageScope.DESCENDANTS);
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version), count(*) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Schema.VERSION);
      assertThat(rs.getInt(2)).as("one row per version applied").isEqualTo(2);
    }
  }

  /** The version-4 observations table, as that build created it, without its measure columns. */
  private static final String V4_OBSERVATIONS =
      """
      CREATE TABLE observations(
        seq BIGINT NOT NULL, key BIGINT NOT NULL, project_id VARCHAR NOT NULL, id VARCHAR NOT NULL,
        trace_key BIGINT NOT NULL, trace_id VARCHAR NOT NULL, parent_observation_id VARCHAR,
        type VARCHAR NOT NULL, name VARCHAR,
        start_time TIMESTAMP NOT NULL, end_time TIMESTAMP, completion_start_time TIMESTAMP,
        level VARCHAR NOT NULL, model VARCHAR,
        usage_input BIGINT, usage_output BIGINT, usage_total BIGINT, usage_other MAP(VARCHAR, BIGINT),
        cost_input DECIMAL(18,12), cost_output DECIMAL(18,12), cost_total DECIMAL(18,12),
        cost_other MAP(VARCHAR, DECIMAL(18,12)), total_cost DECIMAL(18,12),
        cost_source VARCHAR NOT NULL, priced_model_id VARCHAR, environment VARCHAR NOT NULL,
        version VARCHAR, release VARCHAR, prompt_name VARCHAR, prompt_version INTEGER,
        payload_at BIGINT, payload_len INTEGER""";
}
