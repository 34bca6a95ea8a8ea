package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Json;
import dev.loupe.model.Trace;
import dev.loupe.server.ServerConfig.StorageKind;
import dev.loupe.storage.WriteBatch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on its default storage across restarts and failures. */
class DuckDbServerTest {
  @TempDir Path dir;
  final HttpClient client = HttpClient.newHttpClient();

  ServerConfig config() {
    return ServerConfig.defaults()
        .withPort(0)
        .withOtlpPort(-1)
        .withBind("127.0.0.1")
        .withStorage(StorageKind.DUCKDB)
        .withDataDir(dir);
  }

  HttpResponse<String> get(LoupeServer s, String path, String auth) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path));
    if (auth != null) b.header("Authorization", auth);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void restart_keepsKeysAndDataAndPrintsNoSecretsAgain() throws Exception {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    String auth;
    try (LoupeServer s =
        LoupeServer.start(config(), new PrintStream(first, true, StandardCharsets.UTF_8))) {
      String printed = first.toString(StandardCharsets.UTF_8);
      auth =
          TestServer.basic(
              HttpBasicsTest.find(printed, "pk-lf-[0-9a-f]+"),
              HttpBasicsTest.find(printed, "sk-lf-[0-9a-f]+"));
      s.storage()
          .observationConsumer()
          .accept(
              WriteBatch.of(
                  List.of(
                      Trace.builder(
                              "default", "t-before-restart", Instant.parse("2025-01-01T00:00:00Z"))
                          .build()),
                  List.of()));
    }

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    try (LoupeServer s =
        LoupeServer.start(config(), new PrintStream(second, true, StandardCharsets.UTF_8))) {
      HttpResponse<String> r = get(s, "/api/public/traces/t-before-restart", auth);

      assertThat(second.toString(StandardCharsets.UTF_8)).isEmpty();
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(Json.parse(r.body()).get("projectId").asText()).isEqualTo("default");
    }
  }

  @Test
  void health_is503WithTheReasonWhenStorageIsDown() throws Exception {
    try (LoupeServer s =
        LoupeServer.start(
            config(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      assertThat(get(s, "/api/public/health", null).statusCode()).isEqualTo(200);

      s.storage().close();
      HttpResponse<String> r = get(s, "/api/public/health", null);

      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(Json.parse(r.body()).get("status").asText()).isEqualTo("ERROR");
      assertThat(Json.parse(r.body()).get("message").asText()).contains("storage is closed");
    }
  }
}
