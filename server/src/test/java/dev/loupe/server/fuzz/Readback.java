package dev.loupe.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.fuzz.FuzzCase.GoodTrace;
import dev.loupe.server.process.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads stored items back through the public API as a user would: a trace with its observations
 * ({@code /api/public/traces/{id}}) and single observations ({@code
 * /api/public/observations/{id}}).
 */
final class Readback {
  private final HttpClient client;
  private final int port;

  Readback(HttpClient client, int port) {
    this.client = client;
    this.port = port;
  }

  /** What a read found: the status (-1 when the request failed) and the missing ids. */
  record Found(int status, List<String> missing, String detail) {
    boolean ok() {
      return status == 200 && missing.isEmpty();
    }
  }

  Found trace(GoodTrace expected) {
    HttpResponse<String> r = get("/api/public/traces/" + expected.traceId());
    if (r == null) return new Found(-1, expected.observationIds(), "request failed");
    if (r.statusCode() != 200)
      return new Found(r.statusCode(), expected.observationIds(), abbreviate(r.body()));
    Set<String> stored = new HashSet<>();
    JsonNode observations = Json.parse(r.body()).path("observations");
    for (JsonNode o : observations) stored.add(o.path("id").asText());
    List<String> missing =
        expected.observationIds().stream().filter(id -> !stored.contains(id)).toList();
    return new Found(200, missing, missing.isEmpty() ? "" : "stored: " + stored);
  }

  Found observation(String id) {
    HttpResponse<String> r = get("/api/public/observations/" + id);
    if (r == null) return new Found(-1, List.of(id), "request failed");
    return new Found(
        r.statusCode(), r.statusCode() == 200 ? List.of() : List.of(id), abbreviate(r.body()));
  }

  /** A GET; null when it could not be sent or answered in time. */
  HttpResponse<String> get(String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .header("Authorization", ServerProcess.BASIC)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
