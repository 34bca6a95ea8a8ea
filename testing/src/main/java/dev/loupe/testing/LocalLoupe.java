package dev.loupe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.InitProject;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Loupe server with in-memory storage on a free port, holding one project with known keys,
 * read back over its public HTTP API. For tests that export OTLP and check what a user would see.
 *
 * <pre>{@code
 * try (LocalLoupe loupe = LocalLoupe.start()) {
 *   // export to loupe.otlpEndpoint() with loupe.basicAuthHeader(), then:
 *   JsonNode trace = loupe.trace(traceId, 3);
 * }
 * }</pre>
 */
public final class LocalLoupe implements AutoCloseable {
  /** The id of the one project the server holds. */
  public static final String PROJECT_ID = "local-loupe";

  /** The project's Langfuse-style public key (Basic auth user). */
  public static final String PUBLIC_KEY = "pk-lf-local-loupe";

  /** The project's Langfuse-style secret key (Basic auth password). */
  public static final String SECRET_KEY = "sk-lf-local-loupe";

  /** The project's Lemma API key (Bearer auth). */
  public static final String LEMMA_KEY = "lma_local_loupe_key_0123456789";

  /** How long {@link #trace(String, int)} waits for a trace to be complete. */
  public static final Duration AWAIT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoupeServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  private LocalLoupe(LoupeServer server) {
    this.server = server;
  }

  /** Starts a server: in-memory storage, port 0, no separate OTLP port, start-up output muted. */
  public static LocalLoupe start() {
    return new LocalLoupe(
        LoupeServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withOtlpPort(-1)
                .withStorage(ServerConfig.StorageKind.MEMORY)
                .withInitProject(InitProject.of(PROJECT_ID, PUBLIC_KEY, SECRET_KEY, LEMMA_KEY)),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * The OTLP/HTTP traces endpoint on the main port: {@code <baseUrl>/api/public/otel/v1/traces}.
   */
  public String otlpEndpoint() {
    return baseUrl() + "/api/public/otel/v1/traces";
  }

  /** The {@code Authorization} header value for the project's key pair: {@code Basic <base64>}. */
  public String basicAuthHeader() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((PUBLIC_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8));
  }

  /** The environment a user sets to point the Loupe SDK at this server with the Basic pair. */
  public Map<String, String> env() {
    return Map.of(
        "LOUPE_BASE_URL",
        baseUrl(),
        "LOUPE_PUBLIC_KEY",
        PUBLIC_KEY,
        "LOUPE_SECRET_KEY",
        SECRET_KEY);
  }

  /**
   * {@code GET /api/public/traces/{traceId}} once.
   *
   * @throws AssertionError if the status is not 200, with the status and body
   */
  public JsonNode trace(String traceId) {
    return get("/api/public/traces/" + traceId);
  }

  /**
   * {@code GET /api/public/traces/{traceId}}, repeated until the trace has at least {@code
   * observations} observations (ingest may lag the export a little) or {@link #AWAIT} has passed.
   *
   * @throws AssertionError if the trace is not there, or not complete, in time, with the last
   *     status and body
   */
  public JsonNode trace(String traceId, int observations) {
    long deadline = System.nanoTime() + AWAIT.toNanos();
    while (true) {
      HttpResponse<String> res = send("/api/public/traces/" + traceId);
      if (res.statusCode() == 200) {
        JsonNode trace = parse(res.body());
        if (trace.path("observations").size() >= observations) return trace;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "trace "
                + traceId
                + " did not have "
                + observations
                + " observations within "
                + AWAIT.toSeconds()
                + " s; last answer: "
                + res.statusCode()
                + " "
                + res.body());
      }
      sleep();
    }
  }

  /**
   * {@code GET <baseUrl><pathAndQuery>} with the Basic pair, as JSON.
   *
   * @param pathAndQuery starts with {@code /}, e.g. {@code /api/public/observations?type=TOOL}
   * @throws AssertionError if the status is not 200, with the status and body
   */
  public JsonNode get(String pathAndQuery) {
    HttpResponse<String> res = send(pathAndQuery);
    if (res.statusCode() != 200) {
      throw new AssertionError(
          "GET " + pathAndQuery + " answered " + res.statusCode() + ": " + res.body());
    }
    return parse(res.body());
  }

  /** The trace's observations by name; of two with one name, the later in the list wins. */
  public static Map<String, JsonNode> observationsByName(JsonNode trace) {
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode o : trace.path("observations")) byName.put(o.path("name").asText(), o);
    return byName;
  }

  /**
   * The trace's observation with this name.
   *
   * @throws AssertionError if there is none, listing the names there are
   */
  public static JsonNode observationNamed(JsonNode trace, String name) {
    Map<String, JsonNode> byName = observationsByName(trace);
    JsonNode found = byName.get(name);
    if (found == null) {
      throw new AssertionError("no observation named " + name + "; names: " + byName.keySet());
    }
    return found;
  }

  /** Stops the server and drops its data. */
  @Override
  public void close() {
    server.close();
  }

  private HttpResponse<String> send(String pathAndQuery) {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
            .header("Authorization", basicAuthHeader())
            .build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + pathAndQuery + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + pathAndQuery, e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("response is not JSON: " + body, e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a trace", e);
    }
  }
}
