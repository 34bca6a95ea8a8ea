package dev.loupe.server;

import static dev.loupe.server.BadValuesHttpCases.NOW;
import static dev.loupe.server.BadValuesHttpCases.event;
import static dev.loupe.server.BadValuesHttpCases.generation;
import static dev.loupe.server.TestServer.AUTH_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.ServerConfig.StorageKind;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients sending only valid data, at the same time as clients sending values the store cannot
 * hold, on the DuckDB server whose writer commits concurrent requests together: every valid request
 * is acknowledged and stored.
 */
class BystanderHttpTest {
  static final int GOOD = 40, BAD = 10;
  static final String[] ABSURD = {
    event(
        "bad",
        "span-create",
        "+999999999-12-31T23:59:59Z",
        "{\"id\":\"far\",\"traceId\":\"t-far\"}"),
    event(
        "bad",
        "generation-create",
        NOW,
        "{\"id\":\"rich\",\"traceId\":\"t-rich\",\"costDetails\":{\"total\":5000000}}"),
    event(
        "bad",
        "span-create",
        NOW,
        "{\"id\":\"old\",\"traceId\":\"t-old\",\"startTime\":\"0001-01-01T00:00:00Z\"}"),
  };

  @TempDir Path dir;
  TestServer t;

  @BeforeEach
  void start() {
    t = TestServer.start(StorageKind.DUCKDB, dir);
  }

  @AfterEach
  void stop() {
    if (t != null) t.close();
  }

  @Test
  void validRequests_areAllAcknowledgedWhileOthersSendValuesTheStoreCannotHold() {
    for (int round = 0; round < 3; round++) {
      List<CompletableFuture<HttpResponse<String>>> good = new ArrayList<>();
      List<CompletableFuture<HttpResponse<String>>> bad = new ArrayList<>();
      for (int i = 0; i < GOOD + BAD; i++) {
        if (i % 5 == 2 && bad.size() < BAD) {
          bad.add(post(ABSURD[bad.size() % ABSURD.length]));
        } else {
          String id = "g-" + round + "-" + i;
          good.add(post(event("e-" + id, "generation-create", NOW, generation(id, "t-" + id, ""))));
        }
      }

      for (CompletableFuture<HttpResponse<String>> f : good) {
        HttpResponse<String> r = f.join();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
        assertThat(Json.parse(r.body()).get("errors")).as(r.body()).isEmpty();
      }
      for (CompletableFuture<HttpResponse<String>> f : bad) {
        HttpResponse<String> r = f.join();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
        assertThat(Json.parse(r.body()).get("errors")).as(r.body()).hasSize(1);
      }
      JsonNode stored =
          Json.parse(t.get("/api/public/observations?limit=100&name=gen", AUTH_A).body());
      assertThat(stored.get("meta").get("totalItems").asInt()).isEqualTo((round + 1) * GOOD);
    }
  }

  CompletableFuture<HttpResponse<String>> post(String event) {
    return t.client.sendAsync(
        HttpRequest.newBuilder(t.uri("/api/public/ingestion"))
            .header("Authorization", AUTH_A)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("{\"batch\":[" + event + "]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
