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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads stored items back through the public API as a user would: every trace with its
 * observations' ids from the paged list ({@code /api/public/traces?page=}), a trace with its
 * observations ({@code /api/public/traces/{id}}) and single observations ({@code
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

  /**
   * Every stored trace and its observations' ids, from the list's pages ({@link
   * ServerProcess#allTraces}); null when a page could not be read, with the reason in {@code
   * failure}.
   */
  Map<String, Set<String>> all(StringBuilder failure) {
    Map<String, JsonNode> listed;
    try {
      listed = ServerProcess.allTraces(client, port);
    } catch (IOException e) {
      failure.append(abbreviate(String.valueOf(e.getMessage())));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.append("interrupted");
      return null;
    }
    Map<String, Set<String>> stored = new HashMap<>();
    listed.forEach(
        (id, t) -> {
          Set<String> ids = new HashSet<>();
          for (JsonNode o : t.path("observations")) ids.add(o.asText());
          stored.put(id, ids);
        });
    return stored;
  }

  /** What the list ({@link #all}) holds of {@code expected}. */
  static Found in(Map<String, Set<String>> stored, GoodTrace expected) {
    Set<String> ids = stored.get(expected.traceId());
    if (ids == null) return new Found(404, expected.observationIds(), "not in the list");
    List<String> missing =
        expected.observationIds().stream().filter(id -> !ids.contains(id)).toList();
    return new Found(200, missing, missing.isEmpty() ? "" : "listed: " + ids);
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
