package dev.loupe.examples.plain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.InitProject;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A real Loupe server with in-memory storage and a known key pair, read over its public API. */
final class LocalLoupe implements AutoCloseable {
  static final String PK = "pk-lf-example";
  static final String SK = "sk-lf-example";
  static final ObjectMapper JSON = new ObjectMapper();

  private final LoupeServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  LocalLoupe() {
    server =
        LoupeServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withOtlpPort(-1)
                .withStorage(ServerConfig.StorageKind.MEMORY)
                .withInitProject(InitProject.of("examples", PK, SK, "lma_example_key_0123456789")),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The environment a user sets to point the example at this server. */
  Map<String, String> env() {
    return Map.of("LOUPE_BASE_URL", baseUrl(), "LOUPE_PUBLIC_KEY", PK, "LOUPE_SECRET_KEY", SK);
  }

  /** {@code GET /api/public/traces/{id}} once it has at least {@code observations}. */
  JsonNode trace(String traceId, int observations) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    String last = "";
    while (System.nanoTime() < deadline) {
      String basic =
          Base64.getEncoder().encodeToString((PK + ":" + SK).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> res =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/api/public/traces/" + traceId))
                  .header("Authorization", "Basic " + basic)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      last = res.statusCode() + " " + res.body();
      if (res.statusCode() == 200) {
        JsonNode trace = JSON.readTree(res.body());
        if (trace.path("observations").size() >= observations) return trace;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("trace " + traceId + " incomplete after 10 s: " + last);
  }

  static Map<String, JsonNode> byName(JsonNode trace) {
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode o : trace.path("observations")) byName.put(o.path("name").asText(), o);
    return byName;
  }

  @Override
  public void close() {
    server.close();
  }
}
