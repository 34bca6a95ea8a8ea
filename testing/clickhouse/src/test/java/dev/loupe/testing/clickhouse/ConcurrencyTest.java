package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests from several threads at once: each gets its own answer, and slow ones overlap. */
class ConcurrencyTest {
  @TempDir static Path dir;
  static LocalClickHouse ch;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    ch = LocalClickHouse.start(dir);
    client = Clients.v2(ch.url(), "default");
    client
        .execute(
            "CREATE TABLE events (thread UInt32, n UInt32) ENGINE = MergeTree ORDER BY (thread, n)")
        .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    client.close();
    ch.close();
  }

  @Test
  void threadsWritingAndReadingSeeTheirOwnRows() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    client
                        .execute("INSERT INTO events VALUES (" + thread + ", " + i + ")")
                        .get(30, TimeUnit.SECONDS);
                    long seen =
                        client
                            .queryAll(
                                "SELECT count() AS c FROM events WHERE thread = {t:UInt32}",
                                Map.of("t", thread))
                            .get(0)
                            .getLong("c");
                    assertThat(seen).isEqualTo(i + 1);
                  }
                  return client
                      .queryAll(
                          "SELECT sum(n) AS s FROM events WHERE thread = {t:UInt32}",
                          Map.of("t", thread))
                      .get(0)
                      .getLong("s");
                }));
      }
      for (Future<Long> r : results) {
        assertThat(r.get(120, TimeUnit.SECONDS)).isEqualTo(190L);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(client.queryAll("SELECT count() AS c FROM events").get(0).getLong("c"))
        .isEqualTo(160);
  }

  @Test
  void slowQueriesRunSideBySide() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      long start = System.nanoTime();
      List<Future<?>> sleeps = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        sleeps.add(pool.submit(() -> client.queryAll("SELECT sleep(1)")));
      }
      for (Future<?> s : sleeps) {
        s.get(30, TimeUnit.SECONDS);
      }
      // one after the other would take 4 s
      assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(3000));
    } finally {
      pool.shutdownNow();
    }
  }
}
