package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReplacingMergeTree as a store relies on: rows of one key written in separate inserts stay
 * separate parts until a merge, FINAL reads see the newest version, OPTIMIZE ... FINAL merges.
 */
class MergeSemanticsTest {
  @TempDir static Path dir;
  static LocalClickHouse ch;
  static Client client;

  @BeforeAll
  static void start() {
    ch = LocalClickHouse.start(dir);
    client = Clients.v2(ch.url(), "default");
  }

  @AfterAll
  static void stop() {
    client.close();
    ch.close();
  }

  @Test
  void finalReadsAndOptimizeFinalGiveTheNewestVersion() throws Exception {
    exec(
        "CREATE TABLE traces (id String, name String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY id"
            + " SETTINGS merge_selecting_sleep_ms = 3600000, max_merge_selecting_sleep_ms = 3600000");
    exec("SYSTEM STOP MERGES traces");
    exec("INSERT INTO traces VALUES ('a', 'first', 1), ('b', 'only', 1)");
    exec("INSERT INTO traces VALUES ('a', 'third', 3)");
    exec("INSERT INTO traces VALUES ('a', 'second', 2)");

    assertThat(client.queryAll("SELECT count() AS c FROM traces").get(0).getLong("c")).isEqualTo(4);
    List<GenericRecord> merged = client.queryAll("SELECT id, name FROM traces FINAL ORDER BY id");
    assertThat(merged)
        .extracting(r -> r.getString("id") + "=" + r.getString("name"))
        .containsExactly("a=third", "b=only");

    exec("SYSTEM START MERGES traces");
    exec("OPTIMIZE TABLE traces FINAL");
    List<GenericRecord> rows = client.queryAll("SELECT id, name FROM traces ORDER BY id");
    assertThat(rows)
        .extracting(r -> r.getString("id") + "=" + r.getString("name"))
        .containsExactly("a=third", "b=only");
    assertThat(
            client
                .queryAll("SELECT count() AS c FROM system.parts WHERE table = 'traces' AND active")
                .get(0)
                .getLong("c"))
        .isEqualTo(1);
  }

  private static void exec(String sql) throws Exception {
    client.execute(sql).get(30, TimeUnit.SECONDS);
  }
}
