package dev.loupe.server;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar loupe-server.jar}: configuration from {@code LOUPE_*} environment variables. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    ServerConfig config;
    try {
      config = ServerConfig.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("loupe: " + e.getMessage());
      System.exit(2);
      return;
    }
    LoupeServer server;
    try {
      server = LoupeServer.start(config);
    } catch (RuntimeException e) {
      LOG.error("Loupe could not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "loupe-shutdown"));
    LOG.info(
        "Loupe {} started in {} ms: http://{}:{} (web UI at /ui), OTLP/HTTP {}, metrics {}, storage"
            + " {}{}, ingest log {}, roles {}",
        server.version(),
        ManagementFactory.getRuntimeMXBean().getUptime(),
        config.bind(),
        server.port(),
        server.otlpPort() < 0 ? "off" : "port " + server.otlpPort(),
        metricsAt(config, server),
        config.storage().name().toLowerCase(Locale.ROOT),
        switch (config.storage()) {
          case DUCKDB -> " in " + config.dataDir().toAbsolutePath();
          case CLICKHOUSE ->
              " at " + config.clickHouse().url() + " database " + config.clickHouse().database();
          case MEMORY -> "";
        },
        config.kafka() == null
            ? "embedded"
            : "Kafka topic "
                + config.kafka().topic()
                + " at "
                + config.kafka().bootstrapServers()
                + " (group "
                + config.kafka().group()
                + ")",
        String.join(",", config.roles().stream().map(Role::label).toList()));
  }

  private static String metricsAt(ServerConfig config, LoupeServer server) {
    if (!config.metrics().enabled()) return "off";
    if (!config.metrics().hasOwnPort()) return "at /metrics";
    return "at http://" + config.metrics().bind() + ":" + server.metricsPort() + "/metrics";
  }
}
