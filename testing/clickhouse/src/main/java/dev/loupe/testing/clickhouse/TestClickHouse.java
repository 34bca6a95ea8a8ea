package dev.loupe.testing.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The ClickHouse a test JVM's suites share: a real server when {@code LOUPE_TEST_CLICKHOUSE_URL} is
 * set (with {@code LOUPE_TEST_CLICKHOUSE_USER}, {@code LOUPE_TEST_CLICKHOUSE_PASSWORD}), else one
 * {@link LocalClickHouse} on a temporary directory, started on first use and removed at exit.
 * Suites isolate themselves with a database of their own.
 */
public final class TestClickHouse {
  private static LocalClickHouse local;

  private TestClickHouse() {}

  /** The endpoint, e.g. "http://127.0.0.1:8123". */
  public static synchronized String url() {
    String real = env("LOUPE_TEST_CLICKHOUSE_URL", "");
    if (!real.isEmpty()) {
      return real;
    }
    if (local == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("loupe-clickhouse-");
      } catch (IOException e) {
        throw new UncheckedIOException("TestClickHouse: no temporary directory", e);
      }
      LocalClickHouse started = LocalClickHouse.start(dir);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    delete(dir);
                  }));
      local = started;
    }
    return local.url();
  }

  /** Whether the tests run against a real server rather than the engine in this JVM. */
  public static boolean isRealServer() {
    return !env("LOUPE_TEST_CLICKHOUSE_URL", "").isEmpty();
  }

  public static String user() {
    return env("LOUPE_TEST_CLICKHOUSE_USER", "default");
  }

  public static String password() {
    return env("LOUPE_TEST_CLICKHOUSE_PASSWORD", "");
  }

  private static String env(String name, String otherwise) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? otherwise : value.strip();
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless; the JVM is exiting
    }
  }
}
