package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Trace;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.tests.ITAlertStore;
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
 * A version-6 file (before the alert tables) opens at the current version with its data intact and
 * the alert tables ready; a rule stored then survives the next open.
 */
class SchemaV8Test {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @Test
  void open_migratesVersion6_addsAlertTables_keepsData() throws Exception {
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      storage
          .observationConsumer()
          .accept(
              WriteBatch.of(List.of(Trace.builder("p", "a", T0).name("agent").build()), List.of()));
    }
    // what a version-6 build left: no alert tables
    try (Connection c =
            DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStorage.FILE_NAME));
        Statement s = c.createStatement()) {
      for (String t :
          List.of(
              "alert_channels",
              "alert_rules",
              "alert_statuses",
              "alert_events",
              "alert_deliveries")) s.execute("DROP TABLE " + t);
      s.execute("DELETE FROM schema_version");
      s.execute("INSERT INTO schema_version(version) VALUES (6)");
    }

    AlertRule rule = ITAlertStore.errorRateRule("p", "r-1", "errors", T0);
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      assertThat(storage.traceStore().getTrace("p", "a")).isPresent();
      storage.alertStore().putRule(rule);
    }
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      assertThat(storage.alertStore().getRule("p", "r-1")).contains(rule);
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
