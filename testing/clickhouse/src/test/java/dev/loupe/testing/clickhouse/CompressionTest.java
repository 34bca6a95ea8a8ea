package dev.loupe.testing.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each compression the client can be set to: requests decode, answers encode as it expects. (With
 * useHttpCompression and compressClientRequest the client compresses in pure Java and is slow: the
 * small insert keeps that case quick.)
 */
class CompressionTest {
  @TempDir static Path dir;
  static LocalClickHouse ch;

  @BeforeAll
  static void start() {
    ch = LocalClickHouse.start(dir);
  }

  @AfterAll
  static void stop() {
    ch.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "default",
        "no-compression",
        "native-both-ways",
        "http-lz4-both-ways",
        "http-response-only"
      })
  void insertAndQueryRoundTrip(String mode) throws Exception {
    UnaryOperator<Client.Builder> settings =
        switch (mode) {
          case "default" -> b -> b;
          case "no-compression" ->
              b -> b.compressServerResponse(false).compressClientRequest(false);
          case "native-both-ways" ->
              b -> b.compressServerResponse(true).compressClientRequest(true);
          case "http-lz4-both-ways" ->
              b ->
                  b.useHttpCompression(true)
                      .compressServerResponse(true)
                      .compressClientRequest(true);
          case "http-response-only" -> b -> b.useHttpCompression(true).compressServerResponse(true);
          default -> throw new IllegalArgumentException(mode);
        };
    try (Client client =
        settings
            .apply(
                new Client.Builder().addEndpoint(ch.url()).setUsername("default").setPassword(""))
            .build()) {
      String table = "c_" + mode.replace('-', '_');
      client
          .execute(
              "CREATE TABLE " + table + " (id UInt32, s String) ENGINE = MergeTree ORDER BY id")
          .get(10, TimeUnit.SECONDS);
      StringBuilder rows = new StringBuilder();
      for (int i = 0; i < 5_000; i++) {
        rows.append("{\"id\":").append(i).append(",\"s\":\"row number ").append(i).append("\"}\n");
      }
      byte[] body = rows.toString().getBytes(StandardCharsets.UTF_8);
      var insert =
          client
              .insert(table, new ByteArrayInputStream(body), ClickHouseFormat.JSONEachRow)
              .get(30, TimeUnit.SECONDS);
      assertThat(insert.getWrittenRows()).isEqualTo(5_000);
      assertThat(
              client.queryAll("SELECT s FROM " + table + " WHERE id = 4999").get(0).getString("s"))
          .isEqualTo("row number 4999");
      // an answer of several 1 MiB blocks
      var big = client.queryAll("SELECT number AS n, repeat('x', 100) AS s FROM numbers(30000)");
      assertThat(big).hasSize(30_000);
      assertThat(big.get(29_999).getLong("n")).isEqualTo(29_999);
    }
  }
}
