package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Trace;
import dev.loupe.storage.EvalConfig;
import dev.loupe.storage.WriteBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A file without the evaluation tables opens with them created, its traces kept, and evaluation
 * configs stored from then on: a version-6 file, and a version-8 one as a build with the alert
 * tables but not these wrote it (the two were built side by side).
 */
class SchemaV7Test {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @ParameterizedTest
  @ValueSource(ints = {6, 8})
  void open_createsTheEvaluationTablesInAFileWithout(int version) throws Exception {
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      storage
          .observationConsumer()
          .accept(
              WriteBatch.of(List.of(Trace.builder("p", "a", T0).name("agent").build()), List.of()));
    }
    // what a version-6 build left: no evaluation tables
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE eval_configs");
      s.execute("DROP TABLE eval_jobs");
      s.execute("DROP TABLE eval_watermarks");
      s.execute("DELETE FROM schema_version");
      s.execute("INSERT INTO schema_version(version) VALUES (" + version + ")");
    }

    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      assertThat(storage.traceStore().getTrace("p", "a")).isPresent();
      EvalConfig rule = new EvalConfig("p", EvalConfig.Kind.RULE, "r", "rule", "{}", T0, T0);
      storage.evaluationStore().putConfig(rule);
      assertThat(storage.evaluationStore().getConfig("p", EvalConfig.Kind.RULE, "r"))
          .contains(rule);
    }
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Schema.VERSION);
    }
  }
}
