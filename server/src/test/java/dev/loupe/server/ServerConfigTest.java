package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.server.ServerConfig.MetricsEndpoint;
import dev.loupe.server.ServerConfig.StorageKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void fromEnv_emptyEnvironmentGivesTheDefaults() {
    ServerConfig c = ServerConfig.fromEnv(Map.of());

    assertThat(c).isEqualTo(ServerConfig.defaults());
    assertThat(c.port()).isEqualTo(3000);
    assertThat(c.otlpPort()).isEqualTo(4318);
    assertThat(c.bind()).isEqualTo("0.0.0.0");
    assertThat(c.dataDir()).isEqualTo(Path.of("data"));
    assertThat(c.storage()).isEqualTo(StorageKind.DUCKDB);
    assertThat(c.maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(c.initProject()).isNull();
    assertThat(c.bodyTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void fromEnv_bodyTimeoutInSecondsOfAtLeastOne() {
    assertThat(ServerConfig.fromEnv(Map.of("LOUPE_BODY_TIMEOUT_SECONDS", "5")).bodyTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_BODY_TIMEOUT_SECONDS", "0")))
        .hasMessage("LOUPE_BODY_TIMEOUT_SECONDS must be >= 1: 0");
  }

  @Test
  void fromEnv_readsEveryVariable() {
    ServerConfig c =
        ServerConfig.fromEnv(
            Map.of(
                "LOUPE_PORT",
                "8080",
                "LOUPE_OTLP_HTTP_PORT",
                "-1",
                "LOUPE_BIND",
                "127.0.0.1",
                "LOUPE_DATA_DIR",
                "/var/loupe",
                "LOUPE_STORAGE",
                "Memory",
                "LOUPE_MAX_BODY_BYTES",
                "1000",
                "LOUPE_INIT_PROJECT_ID",
                "p1",
                "LOUPE_INIT_PROJECT_PUBLIC_KEY",
                "pk",
                "LOUPE_INIT_PROJECT_SECRET_KEY",
                "sk",
                "LOUPE_INIT_PROJECT_API_KEY",
                "lma_x"));

    assertThat(c)
        .isEqualTo(
            new ServerConfig(
                8080,
                -1,
                "127.0.0.1",
                Path.of("/var/loupe"),
                StorageKind.MEMORY,
                1000,
                new InitProject("p1", "p1", "pk", "sk", "lma_x"),
                null,
                ServerConfig.DEFAULT_BODY_TIMEOUT,
                ServerConfig.DEFAULT_MAX_APPLY_LAG,
                MetricsEndpoint.onMainPort(),
                dev.loupe.evaluation.EvaluationRunner.Settings.defaults(),
                null,
                null,
                Role.all(),
                null,
                null));
    assertThat(c.otlpPortEnabled()).isFalse();
  }

  @Test
  void fromEnv_kafkaClientPropertiesComeFromAFile(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("kafka.properties");
    java.nio.file.Files.writeString(
        file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
    var kafka =
        ServerConfig.fromEnv(
                Map.of(
                    "LOUPE_KAFKA_BOOTSTRAP_SERVERS",
                    "k:9093",
                    "LOUPE_KAFKA_PROPERTIES_FILE",
                    file.toString()))
            .kafka();
    assertThat(kafka).isNotNull();
    assertThat(kafka.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
  }

  @Test
  void fromEnv_kafkaIsImpliedByItsServers_rolesAndSessionSecretAreChecked() {
    assertThat(ServerConfig.fromEnv(Map.of()).kafka()).isNull();
    var kafka =
        ServerConfig.fromEnv(
                Map.of(
                    "LOUPE_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                    "LOUPE_KAFKA_PARTITIONS", "12",
                    "LOUPE_KAFKA_REPLICATION_FACTOR", "3"))
            .kafka();
    assertThat(kafka).isNotNull();
    assertThat(kafka.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(kafka.topic()).isEqualTo("loupe-ingest");
    assertThat(kafka.group()).isEqualTo("loupe-appliers");
    assertThat(kafka.partitions()).isEqualTo(12);
    assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_INGEST_LOG", "kafka")))
        .hasMessageContaining("LOUPE_KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_INGEST_LOG", "rabbit")))
        .hasMessageContaining("LOUPE_INGEST_LOG must be embedded or kafka");
    assertThatThrownBy(
            () ->
                ServerConfig.fromEnv(
                    Map.of(
                        "LOUPE_KAFKA_BOOTSTRAP_SERVERS", "k:9092", "LOUPE_KAFKA_PARTITIONS", "0")))
        .hasMessageContaining("partitions must be 1-10000");

    assertThatThrownBy(
            () ->
                ServerConfig.fromEnv(
                    Map.of(
                        "LOUPE_KAFKA_BOOTSTRAP_SERVERS", "k:9092",
                        "LOUPE_KAFKA_PROPERTIES_FILE", "/nonexistent/kafka.properties")))
        .hasMessageContaining("LOUPE_KAFKA_PROPERTIES_FILE /nonexistent/kafka.properties");

    assertThat(ServerConfig.fromEnv(Map.of()).roles()).isEqualTo(Role.all());
    assertThat(
            ServerConfig.fromEnv(
                    Map.of("LOUPE_KAFKA_BOOTSTRAP_SERVERS", "k:9092", "LOUPE_ROLES", " UI, query"))
                .roles())
        .containsExactlyInAnyOrder(Role.UI, Role.QUERY);
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_ROLES", "ingest,web")))
        .hasMessageContaining("LOUPE_ROLES")
        .hasMessageContaining("'web'");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_ROLES", "ingest,query")))
        .hasMessageContaining("LOUPE_ROLES without apply needs LOUPE_INGEST_LOG=kafka");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_SESSION_SECRET", "short")))
        .hasMessageContaining("LOUPE_SESSION_SECRET must have at least 32 characters");
  }

  @Test
  void fromEnv_metricsOnTheMainPortByDefault_offOrOnAPortOfTheirOwn() {
    assertThat(ServerConfig.fromEnv(Map.of()).metrics()).isEqualTo(MetricsEndpoint.onMainPort());
    assertThat(ServerConfig.fromEnv(Map.of("LOUPE_METRICS_PORT", "OFF")).metrics().enabled())
        .isFalse();
    // its own port listens where LOUPE_BIND says, unless LOUPE_METRICS_BIND says otherwise
    assertThat(
            ServerConfig.fromEnv(Map.of("LOUPE_METRICS_PORT", "9464", "LOUPE_BIND", "10.0.0.5"))
                .metrics())
        .isEqualTo(MetricsEndpoint.ownPort("10.0.0.5", 9464));
    assertThat(
            ServerConfig.fromEnv(
                    Map.of("LOUPE_METRICS_PORT", "9464", "LOUPE_METRICS_BIND", "127.0.0.1"))
                .metrics())
        .isEqualTo(MetricsEndpoint.ownPort("127.0.0.1", 9464));
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_METRICS_PORT", "-2")))
        .hasMessageStartingWith("LOUPE_METRICS_PORT must be main, off, 0");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_METRICS_PORT", "prometheus")))
        .hasMessage(
            "LOUPE_METRICS_PORT must be main, off, 0 (any free port) or 1-65535: prometheus");
  }

  @Test
  void fromEnv_readsTheApplyLagBoundInSeconds() {
    assertThat(ServerConfig.fromEnv(Map.of("LOUPE_MAX_APPLY_LAG_SECONDS", "12")).maxApplyLag())
        .isEqualTo(java.time.Duration.ofSeconds(12));
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_MAX_APPLY_LAG_SECONDS", "0")))
        .hasMessage("LOUPE_MAX_APPLY_LAG_SECONDS must be >= 1: 0");
  }

  @Test
  void fromEnv_errorsNameTheVariable() {
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_PORT", "http")))
        .hasMessage("LOUPE_PORT must be an integer: http");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_PORT", "-1")))
        .hasMessageStartingWith("LOUPE_PORT");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_OTLP_HTTP_PORT", "70000")))
        .hasMessageStartingWith("LOUPE_OTLP_HTTP_PORT");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_STORAGE", "postgres")))
        .hasMessage("LOUPE_STORAGE must be duckdb, memory or clickhouse: postgres");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_MAX_BODY_BYTES", "0")))
        .hasMessageStartingWith("LOUPE_MAX_BODY_BYTES");
  }

  @Test
  void fromEnv_initProjectNeedsItsIdAndBothHalvesOfTheKeyPair() {
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_INIT_PROJECT_PUBLIC_KEY", "pk")))
        .hasMessageStartingWith("LOUPE_INIT_PROJECT_ID is required");
    assertThatThrownBy(
            () ->
                ServerConfig.fromEnv(
                    Map.of("LOUPE_INIT_PROJECT_ID", "p", "LOUPE_INIT_PROJECT_PUBLIC_KEY", "pk")))
        .hasMessageContaining("LOUPE_INIT_PROJECT_SECRET_KEY");
    assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("LOUPE_INIT_PROJECT_ID", "has space")))
        .hasMessageStartingWith("LOUPE_INIT_PROJECT_ID:");
  }

  @Test
  void initProject_toStringHidesSecrets() {
    assertThat(InitProject.of("p", "pk-lf-1", "sk-lf-secret", "lma_secret").toString())
        .contains("pk-lf-1")
        .doesNotContain("sk-lf-secret")
        .doesNotContain("lma_secret");
  }
}
