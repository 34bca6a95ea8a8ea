package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on ClickHouse that cannot reach it does not start, and says where it tried: the operator
 * reads the URL and the variable that gave it, not a stack trace from the client.
 */
class ClickHouseStartTest {
  @TempDir Path dir;

  @Test
  void unreachableClickHouse_failsTheStartNamingTheUrlAndItsVariable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "http://127.0.0.1:" + port;
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withOtlpPort(-1)
            .withBind("127.0.0.1")
            .withDataDir(dir)
            .withClickHouse(new ClickHouseConfig(url, "default", "", "loupe"));
    long t0 = System.nanoTime();
    Throwable failure =
        catchThrowable(
            () -> {
              try (LoupeServer s =
                  LoupeServer.start(config, new PrintStream(new ByteArrayOutputStream()))) {
                s.port();
              }
            });
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage())
        .contains("cannot open the ClickHouse store at " + url + " (LOUPE_CLICKHOUSE_URL)")
        .contains("database loupe (LOUPE_CLICKHOUSE_DATABASE)");
    assertThat(took).as("time to give up").isLessThan(Duration.ofSeconds(60));
  }
}
