package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientRoundTripTest {
  @TempDir static Path dir;
  static LocalClickHouse ch;
  static Client client;

  @BeforeAll
  static void start() {
    ch = LocalClickHouse.start(dir);
    client =
        new Client.Builder().addEndpoint(ch.url()).setUsername("default").setPassword("").build();
  }

  @AfterAll
  static void stop() {
    client.close();
    ch.close();
  }

  @Test
  void roundTrip() throws Exception {
    assertThat(client.ping()).isTrue();
    client.execute("CREATE DATABASE IF NOT EXISTS rt").get(10, TimeUnit.SECONDS);
    client
        .execute(
            "CREATE TABLE rt.t (id UInt64, name String, v UInt32) ENGINE = ReplacingMergeTree(v) ORDER BY id")
        .get(10, TimeUnit.SECONDS);
    String rows = "{\"id\":1,\"name\":\"a\",\"v\":1}\n{\"id\":2,\"name\":\"b\",\"v\":1}\n";
    var insert =
        client
            .insert(
                "rt.t",
                new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)),
                ClickHouseFormat.JSONEachRow)
            .get(10, TimeUnit.SECONDS);
    assertThat(insert.getWrittenRows()).isEqualTo(2);
    List<GenericRecord> got =
        client.queryAll("SELECT id, name FROM rt.t WHERE id = {id:UInt64}", Map.of("id", 2));
    assertThat(got).hasSize(1);
    assertThat(got.get(0).getString("name")).isEqualTo("b");
  }
}
