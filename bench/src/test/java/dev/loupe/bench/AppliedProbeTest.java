package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The applied measurement against a real server on a DuckDB data dir: a short load, counted. */
class AppliedProbeTest {
  @TempDir Path dir;

  @Test
  void measure_findsEveryAcknowledgedSpanVisible() throws Exception {
    ServerConfig config =
        ServerConfig.fromEnv(
            Map.of(
                "LOUPE_PORT",
                "0",
                "LOUPE_OTLP_HTTP_PORT",
                "-1",
                "LOUPE_DATA_DIR",
                dir.toString(),
                "LOUPE_INIT_PROJECT_ID",
                "bench",
                "LOUPE_INIT_PROJECT_PUBLIC_KEY",
                ServerProcess.PUBLIC_KEY,
                "LOUPE_INIT_PROJECT_SECRET_KEY",
                ServerProcess.SECRET_KEY));
    try (LoupeServer server =
        LoupeServer.start(config, new PrintStream(OutputStream.nullOutputStream()))) {
      String url = "http://localhost:" + server.port();
      HttpLoad load = new HttpLoad(url, ServerProcess.PUBLIC_KEY, ServerProcess.SECRET_KEY);
      AppliedProbe probe =
          new AppliedProbe(url, ServerProcess.PUBLIC_KEY, ServerProcess.SECRET_KEY);
      assertThat(probe.visible()).isZero();
      load.run(1, 64, Duration.ofMillis(300), 99);
      probe.awaitVisible(load.acknowledged());
      long warm = probe.visible();

      HttpLoad.Result[] run = new HttpLoad.Result[1];
      AppliedProbe.Result applied =
          probe.measure(
              load::acknowledged, () -> run[0] = load.run(2, 64, Duration.ofMillis(1_500), 7));

      assertThat(warm).isEqualTo(load.acknowledged() - run[0].spans()).isPositive();
      assertThat(applied.spans()).isEqualTo(run[0].spans()).isPositive();
      assertThat(probe.visible()).isEqualTo(load.acknowledged());
      assertThat(applied.appliedSeconds()).isGreaterThanOrEqualTo(1.4);
      assertThat(applied.samples()).isPositive();
      assertThat(applied.spansPerSecond()).isPositive();
    }
  }
}
