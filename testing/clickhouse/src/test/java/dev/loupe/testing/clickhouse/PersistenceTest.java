package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory outlasts the engine: close, start again on it, and the rows are there. */
class PersistenceTest {
  @TempDir Path dir;

  @Test
  void rowsSurviveCloseAndStartOnTheSameDirectory() throws Exception {
    try (LocalClickHouse ch = LocalClickHouse.start(dir);
        Client client = Clients.v2(ch.url(), "default")) {
      client.execute("CREATE DATABASE kept").get(10, TimeUnit.SECONDS);
      client
          .execute("CREATE TABLE kept.t (id UInt32, s String) ENGINE = MergeTree ORDER BY id")
          .get(10, TimeUnit.SECONDS);
      client
          .execute("INSERT INTO kept.t SELECT number, toString(number) FROM numbers(1000)")
          .get(10, TimeUnit.SECONDS);
    }
    try (LocalClickHouse ch = LocalClickHouse.start(dir);
        Client client = Clients.v2(ch.url(), "kept")) {
      assertThat(client.queryAll("SELECT count() AS c, sum(id) AS s FROM t").get(0))
          .satisfies(
              r -> {
                assertThat(r.getLong("c")).isEqualTo(1000);
                assertThat(r.getLong("s")).isEqualTo(999L * 1000 / 2);
              });
    }
  }
}
