package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.server.ServerConfig.StorageKind;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code LOUPE_STORAGE=clickhouse} and its {@code LOUPE_CLICKHOUSE_*} settings. */
class ClickHouseConfigTest {
  static final Map<String, String> ON_KAFKA =
      Map.of(
          "LOUPE_STORAGE", "clickhouse",
          "LOUPE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");

  private static ServerConfig config(Map<String, String> base, String... more) {
    Map<String, String> env = new HashMap<>(base);
    for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
    return ServerConfig.fromEnv(env);
  }

  @Test
  void everyVariableIsRead_userAndDatabaseHaveDefaults() {
    ServerConfig c =
        config(
            ON_KAFKA,
            "LOUPE_CLICKHOUSE_URL",
            "https://ch.internal:8443",
            "LOUPE_CLICKHOUSE_USER",
            "loupe",
            "LOUPE_CLICKHOUSE_PASSWORD",
            " pass word ",
            "LOUPE_CLICKHOUSE_DATABASE",
            "observability");
    assertThat(c.storage()).isEqualTo(StorageKind.CLICKHOUSE);
    assertThat(c.clickHouse())
        .isEqualTo(
            new ClickHouseConfig(
                "https://ch.internal:8443", "loupe", " pass word ", "observability"));

    ServerConfig d = config(ON_KAFKA, "LOUPE_CLICKHOUSE_URL", "http://127.0.0.1:8123");
    assertThat(d.clickHouse())
        .isEqualTo(new ClickHouseConfig("http://127.0.0.1:8123", "default", "", "loupe"));
    assertThat(d.kafka()).isNotNull();
  }

  @Test
  void clickHouseWithoutAUrl_orAUrlForAnotherBackend_isAnError() {
    assertThatThrownBy(() -> config(ON_KAFKA))
        .hasMessageContaining("LOUPE_STORAGE=clickhouse needs LOUPE_CLICKHOUSE_URL");
    // never implied by the URL: switching backends leaves the data behind
    assertThatThrownBy(() -> config(Map.of("LOUPE_CLICKHOUSE_URL", "http://ch:8123")))
        .hasMessageContaining("LOUPE_CLICKHOUSE_URL is set but LOUPE_STORAGE is duckdb");
    assertThat(config(Map.of()).clickHouse()).isNull();
  }

  @Test
  void theUrlIsSchemeHostAndPort() {
    for (String[] bad :
        new String[][] {
          {"ch:8123", "scheme"},
          {"tcp://ch:9000", "scheme is not http(s)"},
          {"http://ch", "no port"},
          {"http://ch:8123/loupe", "more than scheme, host and port"},
          {"http://ch:8123/?database=x", "more than scheme, host and port"},
          {"http://bob:secret@ch:8123", "more than scheme, host and port"},
          {"http://ch:8123 x", "LOUPE_CLICKHOUSE_URL"}
        }) {
      assertThatThrownBy(() -> config(ON_KAFKA, "LOUPE_CLICKHOUSE_URL", bad[0]))
          .as(bad[0])
          .hasMessageContaining("LOUPE_CLICKHOUSE_URL must be http(s)://host:port")
          .hasMessageContaining(bad[1]);
    }
    assertThatThrownBy(() -> config(ON_KAFKA, "LOUPE_CLICKHOUSE_URL", "http://bob:secret@ch:8123"))
        .message()
        .doesNotContain("secret");
    assertThat(config(ON_KAFKA, "LOUPE_CLICKHOUSE_URL", "http://ch:8123/").clickHouse())
        .isNotNull();
  }

  @Test
  void theDatabaseIsAPlainName() {
    assertThatThrownBy(
            () ->
                config(
                    ON_KAFKA,
                    "LOUPE_CLICKHOUSE_URL",
                    "http://ch:8123",
                    "LOUPE_CLICKHOUSE_DATABASE",
                    "loupe; DROP TABLE x"))
        .hasMessageContaining("LOUPE_CLICKHOUSE_DATABASE must be a name");
    assertThatThrownBy(
            () ->
                config(
                    ON_KAFKA,
                    "LOUPE_CLICKHOUSE_URL",
                    "http://ch:8123",
                    "LOUPE_CLICKHOUSE_DATABASE",
                    "1st"))
        .hasMessageContaining("LOUPE_CLICKHOUSE_DATABASE");
  }

  /**
   * Several nodes share ClickHouse through Kafka; the embedded log only when asked for by name,
   * which says this is the one node on that database.
   */
  @Test
  void clickHouseNeedsKafka_unlessTheEmbeddedLogIsAskedForExplicitly() {
    Map<String, String> alone = Map.of("LOUPE_STORAGE", "clickhouse");
    assertThatThrownBy(() -> config(alone, "LOUPE_CLICKHOUSE_URL", "http://ch:8123"))
        .hasMessageContaining("needs the Kafka ingest log (LOUPE_KAFKA_BOOTSTRAP_SERVERS)")
        .hasMessageContaining("LOUPE_INGEST_LOG=embedded");
    ServerConfig single =
        config(alone, "LOUPE_CLICKHOUSE_URL", "http://ch:8123", "LOUPE_INGEST_LOG", "embedded");
    assertThat(single.kafka()).isNull();
    assertThat(single.storage()).isEqualTo(StorageKind.CLICKHOUSE);
    // without apply, the node needs others to apply its log: Kafka, whatever the storage
    assertThatThrownBy(
            () ->
                config(
                    alone,
                    "LOUPE_CLICKHOUSE_URL",
                    "http://ch:8123",
                    "LOUPE_INGEST_LOG",
                    "embedded",
                    "LOUPE_ROLES",
                    "ingest,query"))
        .hasMessageContaining("LOUPE_ROLES without apply needs LOUPE_INGEST_LOG=kafka");
  }

  @Test
  void inCode_withClickHouseChoosesItAndAnotherStorageDropsIt() {
    ClickHouseConfig s = new ClickHouseConfig("http://ch:8123", "default", "", "loupe");
    ServerConfig c = ServerConfig.defaults().withClickHouse(s);
    assertThat(c.storage()).isEqualTo(StorageKind.CLICKHOUSE);
    assertThat(c.clickHouse()).isEqualTo(s);
    ServerConfig back = c.withStorage(StorageKind.DUCKDB);
    assertThat(back.clickHouse()).isNull();
    assertThatThrownBy(() -> ServerConfig.defaults().withStorage(StorageKind.CLICKHOUSE))
        .hasMessageContaining("LOUPE_STORAGE=clickhouse needs LOUPE_CLICKHOUSE_URL");
  }
}
