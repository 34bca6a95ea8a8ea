package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.WriteBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version-8 file (no index on the trace directory) opens at version 9 with the index built, its
 * traces readable and written after it. (DuckDB uses the index once a table is large enough; the
 * timings are in RATIONALE.md.)
 */
class SchemaV9Test {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void open_migratesVersion8_indexesTheTraceDirectory() throws Exception {
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      storage.observationConsumer().accept(batch("a"));
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP INDEX trace_writes_key");
      s.execute("DELETE FROM schema_version");
      s.execute("INSERT INTO schema_version(version) VALUES (8)");
      assertThat(indexes(s)).isZero();
    }

    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      assertThat(storage.traceStore().getTrace("p", "a").orElseThrow().observations())
          .extracting(Observation::id)
          .containsExactly("a-gen");
      storage.observationConsumer().accept(batch("b"));
      assertThat(storage.traceStore().getTrace("p", "b").orElseThrow().observations())
          .extracting(Observation::id)
          .containsExactly("b-gen");
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertThat(indexes(s)).isEqualTo(1);
      try (ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(Schema.VERSION);
      }
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
  }

  private static int indexes(Statement s) throws Exception {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'trace_writes_key'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static WriteBatch batch(String traceId) {
    return WriteBatch.of(
        List.of(Trace.builder("p", traceId, T0).name("agent").build()),
        List.of(
            Observation.builder("p", traceId + "-gen", traceId, T0)
                .type(ObservationType.GENERATION)
                .name("llm")
                .build()));
  }
}
