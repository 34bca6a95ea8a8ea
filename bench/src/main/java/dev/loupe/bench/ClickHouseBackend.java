package dev.loupe.bench;

import dev.loupe.cluster.ClickHouseProcess;
import dev.loupe.storage.Storage;
import dev.loupe.storage.clickhouse.ClickHouseSettings;
import dev.loupe.storage.clickhouse.ClickHouseStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The scale-out store: {@link ClickHouseStorage} (the production client and write path) on a
 * ClickHouse at {@code --clickhouse-url}, or else on the engine of module {@code
 * testing/clickhouse} started as a process of its own (it needs Java 22+ and FFM; this module is
 * Java 21) on {@code <data-dir>/clickhouse}, its class path from {@code --engine-classpath} or
 * {@code bench/target/classpath.txt}. The data lives in database {@value #DATABASE}.
 */
final class ClickHouseBackend implements AnalyticsBackend {
  static final String DATABASE = "loupe_bench";
  private static final Duration MERGE_LIMIT = Duration.ofMinutes(10);

  private final String url;
  private final @Nullable ClickHouseProcess engine;
  private final HttpClient http = HttpClient.newHttpClient();

  private ClickHouseBackend(String url, @Nullable ClickHouseProcess engine) {
    this.url = url;
    this.engine = engine;
  }

  static ClickHouseBackend start(Map<String, String> opt, Path dir) {
    if (opt.containsKey("clickhouse-url")) {
      return new ClickHouseBackend(opt.get("clickhouse-url"), null);
    }
    String classpath = opt.get("engine-classpath");
    if (classpath == null) {
      Path file = Path.of("bench/target/classpath.txt");
      try {
        classpath = Files.readString(file).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "--storage clickhouse: no --clickhouse-url and no engine class path in " + file, e);
      }
    }
    long t0 = System.nanoTime();
    ClickHouseProcess engine =
        ClickHouseProcess.start(
            dir.resolve("clickhouse"), 0, classpath, dir.resolve("clickhouse-engine.log"));
    System.out.printf(
        "engine    : ClickHouse (chDB) at %s, up in %.1f s (pid %d)%n",
        engine.url(), (System.nanoTime() - t0) / 1e9, engine.pid());
    return new ClickHouseBackend(engine.url(), engine);
  }

  @Override
  public String describe() {
    return engine == null
        ? "ClickHouse at " + url + ", database " + DATABASE
        : "ClickHouse engine of testing/clickhouse (chDB 26.7, a process of its own) at "
            + url
            + ", database "
            + DATABASE;
  }

  @Override
  public boolean holdsData() {
    return Long.parseLong(
            query(
                "SELECT count() FROM system.tables WHERE database = '"
                    + DATABASE
                    + "' AND name = 'observations'"))
        > 0;
  }

  @Override
  public Storage open() {
    return ClickHouseStorage.open(ClickHouseSettings.local(url, DATABASE));
  }

  @Override
  public String settle(Storage storage) {
    long t0 = System.nanoTime(), deadline = t0 + MERGE_LIMIT.toNanos();
    long merges;
    while ((merges = Long.parseLong(query(inDatabase("SELECT count() FROM system.merges")))) > 0
        && System.nanoTime() < deadline) {
      sleep();
    }
    return String.format(
        "merges    : %s %.1f s after open; active parts: %s",
        merges == 0 ? "none running" : merges + " still running",
        (System.nanoTime() - t0) / 1e9,
        query(
                inDatabase(
                    "SELECT arrayStringConcat(groupArray(concat(table, ' ', toString(n))), ', ')"
                        + " FROM (SELECT table, count() AS n FROM system.parts",
                    " AND active AND table IN ('traces', 'observations') GROUP BY table"
                        + " ORDER BY table)"))
            .strip());
  }

  @Override
  public String disk() {
    String[] f =
        query(
                inDatabase(
                    "SELECT sum(bytes_on_disk), sum(data_uncompressed_bytes), sum(rows)"
                        + " FROM system.parts",
                    " AND active"))
            .strip()
            .split("\t");
    long bytes = Long.parseLong(f[0]);
    return String.format(
        "disk      : %,d bytes = %s in active parts (%s uncompressed, %,d rows in %s)%s",
        bytes,
        Footprint.human(bytes),
        Footprint.human(Long.parseLong(f[1])),
        Long.parseLong(f[2]),
        DATABASE,
        engine == null ? "" : "; engine RSS " + Footprint.rssMiB(engine.pid()) + " MiB");
  }

  long pid() {
    return engine == null ? -1 : engine.pid();
  }

  private static String inDatabase(String select) {
    return inDatabase(select, "");
  }

  private static String inDatabase(String select, String more) {
    return select + " WHERE database = '" + DATABASE + "'" + more;
  }

  /** One statement over ClickHouse's HTTP interface; its TabSeparated answer. */
  private String query(String sql) {
    HttpRequest post =
        HttpRequest.newBuilder(URI.create(url + "/"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(sql))
            .build();
    try {
      HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200)
        throw new IllegalStateException("ClickHouse answered " + r.statusCode() + ": " + r.body());
      return r.body().strip();
    } catch (IOException e) {
      throw new UncheckedIOException("ClickHouse at " + url + ": " + sql, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for merges", e);
    }
  }

  @Override
  public void close() {
    if (engine != null) engine.close();
  }
}
