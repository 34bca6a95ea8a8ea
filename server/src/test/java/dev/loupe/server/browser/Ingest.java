package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The public API as a client sees it: Basic auth, the batch ingestion endpoint ({@code POST
 * /api/public/ingestion}) and the metrics query ({@code GET /api/public/metrics}).
 */
final class Ingest {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong EVENT_SEQ = new AtomicLong();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String authorization;

  Ingest(String baseUrl, String publicKey, String secretKey) {
    this.baseUrl = baseUrl;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
  }

  /** One batch of events; fails unless every event was accepted. */
  void send(List<ObjectNode> events) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode batch = body.putArray("batch");
    events.forEach(batch::add);
    HttpResponse<String> r =
        call(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/public/ingestion"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    assertThat(r.statusCode()).as(r.body()).isIn(200, 207);
    assertThat(read(r.body()).path("errors")).as(r.body()).isEmpty();
  }

  /** Sends events in batches of at most {@code size}. */
  void sendAll(List<ObjectNode> events, int size) {
    for (int i = 0; i < events.size(); i += size)
      send(new ArrayList<>(events.subList(i, Math.min(events.size(), i + size))));
  }

  /** The {@code data} rows of a metrics query. */
  JsonNode metrics(String query) {
    HttpResponse<String> r =
        get("/api/public/metrics?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return read(r.body()).path("data");
  }

  /** A read API answer that must be 200. */
  JsonNode getJson(String path) {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return read(r.body());
  }

  private HttpResponse<String> get(String path) {
    return call(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Authorization", authorization)
            .build());
  }

  private HttpResponse<String> call(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An ingestion event envelope around {@code body}. */
  static ObjectNode event(String type, ObjectNode body) {
    ObjectNode e = JSON.createObjectNode();
    e.put("id", "ui-event-" + EVENT_SEQ.incrementAndGet());
    e.put("timestamp", Instant.now().toString());
    e.put("type", type);
    e.set("body", body);
    return e;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + json, e);
    }
  }
}
