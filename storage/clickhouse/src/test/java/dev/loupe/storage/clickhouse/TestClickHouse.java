package dev.loupe.storage.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;

/**
 * The ClickHouse the tests use, one per JVM: {@code LOUPE_TEST_CLICKHOUSE_URL} when set (a real
 * server: user {@code default}, no password, or {@code LOUPE_TEST_CLICKHOUSE_USER} / {@code
 * _PASSWORD}), else the real engine in this process ({@code LocalClickHouse} of
 * loupe-testing-clickhouse, on JDK 22+; loaded by name, as this module compiles for Java 21). Each
 * test gets a database of its own.
 */
final class TestClickHouse {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static String url;

  private TestClickHouse() {}

  /** Settings for a new, empty database; aborts the test when no ClickHouse is available. */
  static ClickHouseSettings freshDatabase() {
    String db = "loupe_it_" + RUN + "_" + DATABASES.incrementAndGet();
    return new ClickHouseSettings(
        url(),
        env("LOUPE_TEST_CLICKHOUSE_USER", "default"),
        env("LOUPE_TEST_CLICKHOUSE_PASSWORD", ""),
        db);
  }

  /**
   * A store on a new, empty database. Migrating one takes a few hundred milliseconds of DDL on the
   * engine, so the next two are opened on a background thread while the current test runs (the
   * suite opens one per test, about 350 of them); each is still a database no test has touched.
   */
  static ClickHouseStorage open() {
    Future<ClickHouseStorage> next;
    synchronized (AHEAD) {
      while (AHEAD.size() < 3)
        AHEAD.add(OPENER.submit(() -> ClickHouseStorage.open(freshDatabase())));
      next = AHEAD.poll();
    }
    try {
      return next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening a ClickHouse store", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    }
  }

  private static final Deque<Future<ClickHouseStorage>> AHEAD = new ArrayDeque<>();
  private static final ExecutorService OPENER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "clickhouse-test-opener");
            t.setDaemon(true);
            return t;
          });

  static synchronized String url() {
    if (url != null) return url;
    String given = System.getenv("LOUPE_TEST_CLICKHOUSE_URL");
    if (given != null && !given.isBlank()) return url = given.strip();
    return url = startLocal();
  }

  private static String startLocal() {
    Class<?> local;
    try {
      local = Class.forName("dev.loupe.testing.clickhouse.LocalClickHouse");
    } catch (ClassNotFoundException e) {
      throw new TestAbortedException(
          "no ClickHouse: set LOUPE_TEST_CLICKHOUSE_URL, or build with JDK 22+ for the local engine");
    }
    try {
      Path dir = Files.createTempDirectory("loupe-clickhouse-it");
      AutoCloseable engine = (AutoCloseable) local.getMethod("start", Path.class).invoke(null, dir);
      String engineUrl = (String) local.getMethod("url").invoke(engine);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      engine.close();
                    } catch (Exception ignored) {
                      // the JVM is ending
                    }
                    delete(dir);
                  }));
      return engineUrl;
    } catch (ReflectiveOperationException | IOException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new TestAbortedException("local ClickHouse did not start: " + cause, cause);
    }
  }

  private static String env(String name, String otherwise) {
    String v = System.getenv(name);
    return v == null ? otherwise : v;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
