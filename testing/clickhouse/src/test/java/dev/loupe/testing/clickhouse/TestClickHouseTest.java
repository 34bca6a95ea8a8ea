package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shared engine of a test JVM, run in a JVM of its own (it stays up until that JVM exits, and
 * the engine takes one directory per process, so it cannot share this one with the other tests).
 */
class TestClickHouseTest {
  @Test
  void oneEngineForTheJvmThatSuitesReachByUrl() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                TestClickHouseTest.class.getName()));
    pb.environment().remove("LOUPE_TEST_CLICKHOUSE_URL");
    Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).isEqualTo("same url: true, real server: false, answer: 42\n");
    assertThat(p.exitValue()).isZero();
  }

  /** The child: two calls give one engine, and a client reaches it. */
  public static void main(String[] args) throws IOException {
    String url = TestClickHouse.url();
    try (Client client = Clients.v2(url, "default")) {
      long answer = client.queryAll("SELECT 6 * 7 AS a").get(0).getLong("a");
      System.out.printf(
          "same url: %s, real server: %s, answer: %d%n",
          url.equals(TestClickHouse.url()), TestClickHouse.isRealServer(), answer);
    }
    // as a test JVM ends (surefire exits): the endpoint's listener thread keeps a JVM alive
    System.exit(0);
  }
}
