package dev.loupe.server.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's promise end to end: the seed's real Langfuse TypeScript SDK (unmodified, from the
 * npm registry) and a Lemma-style setup send to a real server (real HTTP, real DuckDB file, keys
 * from LOUPE_INIT_*), and every trace reads back through the public API as sent — also after a
 * restart on the same data directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITSeedHarness {
  static final String PROJECT = "seed-project";
  static final String PK = "pk-lf-seed-public";
  static final String SK = "sk-lf-seed-secret";
  static final String LEMMA_KEY = "lma_seed_bearer_key_0123456789";
  static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString((PK + ":" + SK).getBytes(StandardCharsets.UTF_8));
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  final HttpClient http = HttpClient.newHttpClient();
  final List<String> storedTraceIds = new ArrayList<>();
  LoupeServer server;
  Harness harness;

  @BeforeAll
  void start() throws Exception {
    harness = Harness.prepared();
    server = startServer();
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  private LoupeServer startServer() {
    return LoupeServer.start(
        ServerConfig.fromEnv(
            Map.of(
                "LOUPE_PORT",
                "0",
                "LOUPE_OTLP_HTTP_PORT",
                "-1",
                "LOUPE_BIND",
                "127.0.0.1",
                "LOUPE_DATA_DIR",
                dataDir.toString(),
                "LOUPE_INIT_PROJECT_ID",
                PROJECT,
                "LOUPE_INIT_PROJECT_PUBLIC_KEY",
                PK,
                "LOUPE_INIT_PROJECT_SECRET_KEY",
                SK,
                "LOUPE_INIT_PROJECT_API_KEY",
                LEMMA_KEY)));
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  @Test
  @Order(1)
  void langfuseSdk_everyWireVariantReadsBackAsSent() throws Exception {
    Harness.Run run = harness.run(Map.of(), "bash", "run-seed.sh", baseUrl(), PK, SK);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("4 passed, 0 failed");
    for (String variant :
        List.of("seed/json+none", "seed/protobuf+none", "seed/json+gzip", "seed/protobuf+gzip")) {
      assertThat(run.output())
          .as(run.output())
          .containsPattern(variant.replace("+", "\\+") + " OK traceId=[0-9a-f]{32}");
    }
    List<String> ids = run.traceIds();
    assertThat(ids).hasSize(4);
    for (String id : ids) SeedTraceAssertions.assertSeedTrace(getTrace(id), id);
    storedTraceIds.addAll(ids);
  }

  @Test
  @Order(2)
  void lemmaWire_realSdkWithBearerKeyAndProjectHeader() throws Exception {
    Harness.Run run =
        harness.run(
            Map.of(
                "LEMMA_BASE_URL", baseUrl() + "/otel/v1/traces",
                "LEMMA_API_KEY", LEMMA_KEY,
                "LEMMA_PROJECT_ID", PROJECT),
            "node",
            "lemma-seed.mjs");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.traceIds()).hasSize(1);
    String id = run.traceIds().getFirst();
    SeedTraceAssertions.assertSeedTrace(getTrace(id), id);
    storedTraceIds.add(id);
  }

  @Test
  @Order(3)
  void lemmaWire_capturedSeedBodiesInProtobufAndJson() throws Exception {
    Path fixtures =
        Path.of(System.getProperty("loupe.repo.root", ".."))
            .resolveSibling("shared")
            .resolve("fixtures")
            .resolve("otlp");
    for (String[] f :
        new String[][] {
          {"langfuse-ts-seed.pb", "application/x-protobuf", ""},
          {"langfuse-ts-seed.json", "application/json", ""},
          {"langfuse-ts-seed.pb.gz", "application/x-protobuf", "gzip"},
          {"langfuse-ts-seed.json.gz", "application/json", "gzip"}
        }) {
      byte[] body = Files.readAllBytes(fixtures.resolve(f[0]));
      HttpRequest.Builder req =
          HttpRequest.newBuilder(URI.create(baseUrl() + "/otel/v1/traces"))
              .header("Authorization", "Bearer " + LEMMA_KEY)
              .header("X-Lemma-Project-ID", PROJECT)
              .header("Content-Type", f[1])
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (!f[2].isEmpty()) req.header("Content-Encoding", f[2]);
      HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(res.statusCode()).as(f[0] + ": " + res.body()).isEqualTo(200);
      String id = traceIdOf(body, f);
      SeedTraceAssertions.assertSeedTrace(getTrace(id), id);
      storedTraceIds.add(id);
    }
  }

  @Test
  @Order(4)
  void restart_onTheSameDataDirReturnsTheSameTraces() throws Exception {
    assertThat(storedTraceIds).hasSizeGreaterThanOrEqualTo(9);
    List<JsonNode> before = new ArrayList<>();
    for (String id : storedTraceIds) before.add(getTrace(id));
    server.close();
    server = startServer();
    for (int i = 0; i < storedTraceIds.size(); i++) {
      JsonNode after = getTrace(storedTraceIds.get(i));
      assertThat(after).isEqualTo(before.get(i));
      SeedTraceAssertions.assertSeedTrace(after, storedTraceIds.get(i));
    }
    JsonNode list = getJson("/api/public/traces?userId=user-123&limit=100");
    assertThat(list.path("meta").path("totalItems").asLong()).isEqualTo(storedTraceIds.size());
  }

  @Test
  @Order(5)
  void langfuseClient_authCheckHealthTraceUrlAndTheSeedTraceRead() throws Exception {
    String traceId = storedTraceIds.getFirst();
    Harness client = Harness.langfuseClient();
    Harness.Run run =
        client.run(
            Map.of(
                "LANGFUSE_BASE_URL", baseUrl(),
                "LANGFUSE_PUBLIC_KEY", PK,
                "LANGFUSE_SECRET_KEY", SK,
                "TRACE_ID", traceId),
            "node",
            "client-check.mjs");
    assertThat(run.exitCode()).as(run.output()).isZero();
    String line =
        run.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
    JsonNode result = JSON.readTree(line.substring("RESULT ".length()));
    assertThat(result.path("health").path("status").asText()).isEqualTo("OK");
    // what langfuse.auth_check() (Python) reads: data[0] with id, name, organization, metadata
    JsonNode project = result.path("projects").path("data");
    assertThat(project.size()).isEqualTo(1);
    assertThat(project.get(0).path("id").asText()).isEqualTo(PROJECT);
    assertThat(project.get(0).path("name").isTextual()).isTrue();
    assertThat(project.get(0).path("organization").path("id").isTextual()).isTrue();
    assertThat(project.get(0).path("organization").path("name").isTextual()).isTrue();
    assertThat(project.get(0).path("metadata").isObject()).isTrue();
    String traceUrl = result.path("traceUrl").asText();
    assertThat(traceUrl).isEqualTo(baseUrl() + "/project/" + PROJECT + "/traces/" + traceId);
    HttpResponse<Void> page =
        http.send(
            HttpRequest.newBuilder(URI.create(traceUrl)).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/ui/traces/" + traceId);
    JsonNode draft = null;
    for (JsonNode o : result.path("trace").path("observations")) {
      if (o.path("name").asText().equals("draft-reply")) draft = o;
    }
    assertThat(draft).as(line).isNotNull();
    assertThat(draft.path("usageDetails"))
        .isEqualTo(JSON.readTree("{\"input\":42,\"output\":17,\"total\":59}"));

    Harness.Run wrongKey =
        client.run(
            Map.of(
                "LANGFUSE_BASE_URL",
                baseUrl(),
                "LANGFUSE_PUBLIC_KEY",
                PK,
                "LANGFUSE_SECRET_KEY",
                "sk-lf-wrong"),
            "node",
            "client-check.mjs");
    assertThat(wrongKey.exitCode()).isEqualTo(1);
    assertThat(wrongKey.output()).contains("FAILED projects: 401");
  }

  @Test
  @Order(6)
  void wrongSecret_isRejectedAndSeesNothing() throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/api/public/traces"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((PK + ":wrong").getBytes(StandardCharsets.UTF_8)))
            .build();
    assertThat(http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
  }

  private JsonNode getTrace(String id) throws Exception {
    return getJson("/api/public/traces/" + id);
  }

  private JsonNode getJson(String path) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", BASIC).build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  /** The trace id inside a captured body (each capture is one trace). */
  private static String traceIdOf(byte[] body, String[] file) throws Exception {
    byte[] plain =
        file[2].isEmpty()
            ? body
            : new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))
                .readAllBytes();
    if (file[1].contains("json")) {
      return JSON.readTree(plain)
          .path("resourceSpans")
          .get(0)
          .path("scopeSpans")
          .get(0)
          .path("spans")
          .get(0)
          .path("traceId")
          .asText();
    }
    var req = io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(plain);
    return java.util.HexFormat.of()
        .formatHex(req.getResourceSpans(0).getScopeSpans(0).getSpans(0).getTraceId().toByteArray());
  }
}
