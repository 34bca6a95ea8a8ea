package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaV3Test {
  @TempDir Path dir;

  /** The version-2 observations table, as that build created it. */
  private static final String V2_OBSERVATIONS =
      """
      CREATE TABLE observations(
        seq BIGINT NOT NULL, key BIGINT NOT NULL, project_id VARCHAR NOT NULL, id VARCHAR NOT NULL,
        trace_key BIGINT NOT NULL, trace_id VARCHAR NOT NULL, parent_observation_id VARCHAR,
        type VARCHAR NOT NULL, name VARCHAR,
        start_time TIMESTAMP NOT NULL, end_time TIMESTAMP, completion_start_time TIMESTAMP,
        level VARCHAR NOT NULL, model VARCHAR,
        usage_input BIGINT, usage_output BIGINT, usage_total BIGINT, usage_other MAP(VARCHAR, BIGINT),
        cost_input DECIMAL(38,12), cost_output DECIMAL(38,12), cost_total DECIMAL(38,12),
        cost_other MAP(VARCHAR, DECIMAL(38,12)), total_cost DECIMAL(38,12),
        cost_source VARCHAR NOT NULL, priced_model_id VARCHAR, environment VARCHAR NOT NULL,
        version VARCHAR, release VARCHAR, prompt_name VARCHAR, prompt_version INTEGER,
        payload_at BIGINT, payload_len INTEGER)""";

  @Test
  void open_migratesVersion2AndComputesTheDerivedMeasuresFromStoredUsageAndCost() throws Exception {
    Files.createDirectories(dir);
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schema_version(version INTEGER NOT NULL, applied_at TIMESTAMP)");
      s.execute("INSERT INTO schema_version VALUES (2, now()::TIMESTAMP)");
      s.execute(V2_OBSERVATIONS);
      s.execute(
          "INSERT INTO observations (seq, key, project_id, id, trace_key, trace_id, type, start_time,"
              + " level, usage_input, usage_output, usage_other, cost_input, cost_other, total_cost,"
              + " cost_source, environment) VALUES"
              + " (1, 1, 'p', 'o1', 9, 't', 'GENERATION', '2026-03-02 10:00:00', 'DEFAULT', 100, 20,"
              + " MAP {'input_cached_tokens': 30, 'output_reasoning_tokens': 7, 'input_audio_tokens': 5},"
              + " 0.001, MAP {'input_cached_tokens': 0.0002, 'output_reasoning_tokens': 0.003}, 0.0042,"
              + " 'CALCULATED', 'default'),"
              + " (1, 2, 'p', 'o2', 9, 't', 'SPAN', '2026-03-02 10:00:00', 'DEFAULT', NULL, NULL, NULL,"
              + " NULL, NULL, NULL, 'NONE', 'default')");
    }
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      MetricsRow row =
          storage
              .analyticsStore()
              .query(
                  MetricsQuery.builder(
                          "p",
                          MetricsView.OBSERVATIONS,
                          Instant.parse("2026-03-01T00:00:00Z"),
                          Instant.parse("2026-03-03T00:00:00Z"))
                      .metric(Measure.INPUT_TOKENS, Aggregation.SUM)
                      .metric(Measure.OUTPUT_TOKENS, Aggregation.SUM)
                      .metric(Measure.TOTAL_TOKENS, Aggregation.SUM)
                      .metric(Measure.CACHED_INPUT_TOKENS, Aggregation.SUM)
                      .metric(Measure.REASONING_TOKENS, Aggregation.SUM)
                      .metric(Measure.INPUT_COST, Aggregation.SUM)
                      .metric(Measure.OUTPUT_COST, Aggregation.SUM)
                      .metric(Measure.OUTPUT_COST, Aggregation.COUNT)
                      .metric(Measure.INPUT_COST, Aggregation.MIN)
                      .build())
              .getFirst();
      assertThat(row.values())
          .containsEntry("sum_inputTokens", 135L)
          .containsEntry("sum_outputTokens", 27L)
          .containsEntry("sum_totalTokens", 162L)
          .containsEntry("sum_cachedInputTokens", 30L)
          .containsEntry("sum_reasoningTokens", 7L)
          .containsEntry("sum_inputCost", new BigDecimal("0.0012"))
          .containsEntry("sum_outputCost", new BigDecimal("0.003"))
          .containsEntry("min_inputCost", new BigDecimal("0.0012"));
    }
    try (DuckDbStorage reopened = DuckDbStorage.open(dir)) {
      assertThat(reopened.check().ok()).isTrue();
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

  @Test
  void open_migratesVersion3CostColumnsTo64BitDecimals() throws Exception {
    Files.createDirectories(dir);
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schema_version(version INTEGER NOT NULL, applied_at TIMESTAMP)");
      s.execute("INSERT INTO schema_version VALUES (3, now()::TIMESTAMP)");
      s.execute(V2_OBSERVATIONS);
      for (String column : SchemaV3.MEASURE_COLUMNS) {
        s.execute("ALTER TABLE observations ADD COLUMN " + column.replace("(18,12)", "(38,12)"));
      }
      s.execute(
          "INSERT INTO observations (seq, key, project_id, id, trace_key, trace_id, type, start_time,"
              + " level, cost_input, total_cost, input_cost, cost_source, environment) VALUES"
              + " (1, 1, 'p', 'o1', 9, 't', 'GENERATION', '2026-03-02 10:00:00', 'DEFAULT',"
              + " 0.000123456789, 0.250000000001, 0.000123456789, 'CALCULATED', 'default')");
    }
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      MetricsRow row =
          storage
              .analyticsStore()
              .query(
                  MetricsQuery.builder(
                          "p",
                          MetricsView.OBSERVATIONS,
                          Instant.parse("2026-03-01T00:00:00Z"),
                          Instant.parse("2026-03-03T00:00:00Z"))
                      .metric(Measure.TOTAL_COST, Aggregation.SUM)
                      .metric(Measure.INPUT_COST, Aggregation.SUM)
                      .build())
              .getFirst();
      assertThat(row.values())
          .containsEntry("sum_totalCost", new BigDecimal("0.250000000001"))
          .containsEntry("sum_inputCost", new BigDecimal("0.000123456789"));
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'observations' AND column_name = 'total_cost'")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("DECIMAL(18,12)");
    }
  }
}
