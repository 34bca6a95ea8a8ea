package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.AUTH_B;
import static dev.loupe.server.TestServer.KEY_B;
import static dev.loupe.server.TestServer.PROJECT_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.ServerConfig.StorageKind;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest over real HTTP against one storage backend, with the Langfuse TypeScript SDK's captured
 * requests: each test gets a fresh server, posts, then reads the result back through the public
 * API.
 */
abstract class IngestHttpCases {
  static final Path FIXTURES =
      Path.of(System.getProperty("loupe.repo.root", "."), "..", "shared", "fixtures", "otlp");
  static final String PB_TRACE_ID = "396c755178e02d53e01e4b43d953b483";

  private final StorageKind storage;
  @TempDir Path dir;
  TestServer t;

  private final UnaryOperator<ServerConfig> customize;

  IngestHttpCases(StorageKind storage) {
    this(storage, c -> c);
  }

  /** The cases on {@code storage} with more configuration (the Kafka ingest log). */
  IngestHttpCases(StorageKind storage, UnaryOperator<ServerConfig> customize) {
    this.storage = storage;
    this.customize = customize;
  }

  @BeforeEach
  void start() {
    t = TestServer.start(storage, dir, customize);
  }

  @AfterEach
  void stop() {
    if (t != null) t.close();
  }

  static byte[] fixture(String name) {
    try {
      return Files.readAllBytes(FIXTURES.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + name + " (set -Dloupe.repo.root)", e);
    }
  }

  HttpResponse<byte[]> export(
      URI uri, byte[] body, String contentType, String encoding, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .POST(BodyPublishers.ofByteArray(body))
            .header("Content-Type", contentType);
    if (encoding != null) b.header("Content-Encoding", encoding);
    if (headers.length > 0) b.headers(headers);
    return t.sendForBytes(b.build());
  }

  /** An export as project A (Basic auth). */
  HttpResponse<byte[]> exportAsA(URI uri, byte[] body, String contentType, String encoding) {
    return export(uri, body, contentType, encoding, "Authorization", AUTH_A);
  }

  static byte[] gunzip(byte[] gz) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode read(String path, String auth) {
    HttpResponse<String> r = t.get(path, auth);
    assertThat(r.statusCode()).as("%s -> %s", path, r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void langfusePath_protobufSeedIsStoredAndReadBack() throws Exception {
    HttpResponse<byte[]> r =
        exportAsA(
            t.uri("/api/public/otel/v1/traces"),
            fixture("langfuse-ts-seed.pb"),
            "application/x-protobuf",
            null);

    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
    assertThat(
            ExportTraceServiceResponse.parseFrom(r.body()).getPartialSuccess().getRejectedSpans())
        .isZero();

    JsonNode trace = read("/api/public/traces/" + PB_TRACE_ID, AUTH_A);
    assertThat(trace.get("name").asText()).isEqualTo("handle-request");
    assertThat(trace.get("userId").asText()).isEqualTo("user-123");
    assertThat(trace.get("sessionId").asText()).isEqualTo("session-abc");
    assertThat(trace.get("tags").toString()).contains("seed", "harness");
    assertThat(trace.get("metadata").get("tenant").asText()).isEqualTo("acme");
    assertThat(trace.get("observations")).hasSize(6);
    JsonNode draft = observationNamed(trace, "draft-reply");
    assertThat(draft.get("type").asText()).isEqualTo("GENERATION");
    assertThat(draft.get("model").asText()).isEqualTo("gpt-4o");
    assertThat(draft.get("usageDetails").get("input").asLong()).isEqualTo(42);
    assertThat(draft.get("usageDetails").get("output").asLong()).isEqualTo(17);
    assertThat(draft.get("input").isArray()).isTrue();
    assertThat(draft.get("parentObservationId").asText()).isEqualTo("79e90d93e8360154");
    assertThat(observationNamed(trace, "polish-reply").get("level").asText()).isEqualTo("ERROR");
    assertThat(observationNamed(trace, "lookup-order").get("type").asText()).isEqualTo("TOOL");
    assertThat(read("/api/public/traces?sessionId=session-abc", AUTH_A).get("data")).hasSize(1);
    assertThat(t.get("/api/public/traces/" + PB_TRACE_ID, AUTH_B).statusCode()).isEqualTo(404);
  }

  static JsonNode observationNamed(JsonNode trace, String name) {
    for (JsonNode o : trace.get("observations")) if (name.equals(o.get("name").asText())) return o;
    throw new AssertionError("no observation " + name + " in " + trace);
  }

  @Test
  void standardPath_gzipJsonIsAcceptedAndAnsweredInJson() {
    byte[] json = gunzip(fixture("langfuse-ts-seed.json.gz"));
    String traceId =
        Json.parse(new String(json, StandardCharsets.UTF_8))
            .get("resourceSpans")
            .get(0)
            .get("scopeSpans")
            .get(0)
            .get("spans")
            .get(0)
            .get("traceId")
            .asText();

    HttpResponse<byte[]> r =
        exportAsA(
            t.uri("/v1/traces"), fixture("langfuse-ts-seed.json.gz"), "application/json", "gzip");

    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Json.parse(text(r)).isObject()).isTrue();
    assertThat(read("/api/public/traces/" + traceId, AUTH_A).get("observations")).hasSize(6);
  }

  @Test
  void badSpanIds_areRejectedInThePartialSuccessWhileTheGoodSpansAreStored() throws Exception {
    // the seed's JSON with the cache-miss span's spanId broken: 5 of its 6 spans are valid
    String json = new String(fixture("langfuse-ts-seed.json"), StandardCharsets.UTF_8);
    String broken = json.replaceFirst("\"spanId\":\"[0-9a-f]{16}\"", "\"spanId\":\"not-hex\"");
    assertThat(broken).isNotEqualTo(json);
    String traceId = Json.parse(json).at("/resourceSpans/0/scopeSpans/0/spans/0/traceId").asText();

    HttpResponse<byte[]> r =
        exportAsA(
            t.uri("/api/public/otel/v1/traces"),
            broken.getBytes(StandardCharsets.UTF_8),
            "application/json",
            null);

    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    JsonNode partial = Json.parse(text(r)).get("partialSuccess");
    assertThat(partial.get("rejectedSpans").asText()).isEqualTo("1");
    assertThat(partial.get("errorMessage").asText()).contains("spanId");
    JsonNode stored = read("/api/public/traces/" + traceId, AUTH_A).get("observations");
    assertThat(stored).hasSize(5);
    assertThat(stored.findValuesAsText("name"))
        .doesNotContain("cache-miss")
        .contains("draft-reply");

    // the same in protobuf: a span with an all-zero trace id beside a good one
    ExportTraceServiceRequest pb =
        ExportTraceServiceRequest.parseFrom(fixture("langfuse-ts-seed.pb"));
    var scope = pb.getResourceSpans(0).getScopeSpans(0).toBuilder();
    scope.setSpans(
        0,
        scope.getSpans(0).toBuilder()
            .setTraceId(com.google.protobuf.ByteString.copyFrom(new byte[16])));
    ExportTraceServiceRequest withBad =
        pb.toBuilder()
            .setResourceSpans(0, pb.getResourceSpans(0).toBuilder().setScopeSpans(0, scope))
            .build();
    HttpResponse<byte[]> rp =
        exportAsA(
            t.uri("/api/public/otel/v1/traces"),
            withBad.toByteArray(),
            "application/x-protobuf",
            null);
    assertThat(rp.statusCode()).isEqualTo(200);
    var response = ExportTraceServiceResponse.parseFrom(rp.body());
    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(1);
    assertThat(response.getPartialSuccess().getErrorMessage()).contains("traceId");
    assertThat(read("/api/public/traces/" + PB_TRACE_ID, AUTH_A).get("observations")).hasSize(5);
  }

  @Test
  void lemmaPath_bearerKeyWritesIntoItsProject() throws Exception {
    String traceId =
        HexFormat.of()
            .formatHex(
                ExportTraceServiceRequest.parseFrom(gunzip(fixture("langfuse-ts-seed.pb.gz")))
                    .getResourceSpans(0)
                    .getScopeSpans(0)
                    .getSpans(0)
                    .getTraceId()
                    .toByteArray());
    HttpResponse<byte[]> r =
        export(
            t.uri("/otel/v1/traces"),
            fixture("langfuse-ts-seed.pb.gz"),
            "application/x-protobuf",
            "gzip",
            "Authorization",
            "Bearer " + KEY_B,
            "X-Lemma-Project-ID",
            PROJECT_B);

    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(read("/api/public/traces/" + traceId, AUTH_B).get("projectId").asText())
        .isEqualTo(PROJECT_B);
    assertThat(t.get("/api/public/traces/" + traceId, AUTH_A).statusCode()).isEqualTo(404);
  }

  @Test
  void otlpPort_acceptsTheStandardExport() {
    HttpResponse<byte[]> r =
        exportAsA(
            t.otlpUri("/v1/traces"),
            fixture("langfuse-ts-seed.pb"),
            "application/x-protobuf",
            null);

    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(read("/api/public/observations?traceId=" + PB_TRACE_ID, AUTH_A).get("data"))
        .hasSize(6);
  }

  @Test
  void badBodies_malformedIs400AndUnknownMediaTypeIs415() {
    HttpResponse<byte[]> malformed =
        exportAsA(
            t.uri("/api/public/otel/v1/traces"),
            new byte[] {0x0a, (byte) 0xff, 0x01, 0x02},
            "application/x-protobuf",
            null);
    HttpResponse<byte[]> badJson =
        exportAsA(
            t.uri("/api/public/otel/v1/traces"),
            "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8),
            "application/json",
            null);
    HttpResponse<byte[]> badGzip =
        exportAsA(
            t.uri("/api/public/otel/v1/traces"),
            fixture("langfuse-ts-seed.pb"),
            "application/x-protobuf",
            "gzip");
    HttpResponse<byte[]> unknownType =
        exportAsA(
            t.uri("/api/public/otel/v1/traces"),
            fixture("langfuse-ts-seed.pb"),
            "text/plain",
            null);

    assertThat(malformed.statusCode()).as(text(malformed)).isEqualTo(400);
    assertThat(Json.parse(text(malformed)).get("error").asText()).isEqualTo("BadRequest");
    assertThat(badJson.statusCode()).as(text(badJson)).isEqualTo(400);
    assertThat(badGzip.statusCode()).as(text(badGzip)).isEqualTo(400);
    assertThat(unknownType.statusCode()).as(text(unknownType)).isEqualTo(415);
    assertThat(read("/api/public/traces", AUTH_A).get("data")).isEmpty();
  }

  @Test
  void ingestionBatch_answers207PerEventAndStoresTheGoodOnes() {
    String batch =
        """
        {"batch": [
          {"id": "e1", "timestamp": "2025-03-01T10:00:00.000Z", "type": "trace-create",
           "body": {"id": "lf-t1", "name": "batch trace", "userId": "u9", "timestamp": "2025-03-01T10:00:00.000Z"}},
          {"id": "e2", "timestamp": "2025-03-01T10:00:01.000Z", "type": "generation-create",
           "body": {"id": "lf-g1", "traceId": "lf-t1", "name": "gen", "model": "gpt-4o",
                    "startTime": "2025-03-01T10:00:01.000Z", "endTime": "2025-03-01T10:00:02.500Z",
                    "usageDetails": {"input": 10, "output": 5}}},
          {"id": "e3", "timestamp": "2025-03-01T10:00:01.000Z", "type": "no-such-type", "body": {}}
        ]}""";
    HttpResponse<byte[]> r =
        exportAsA(
            t.uri("/api/public/ingestion"),
            batch.getBytes(StandardCharsets.UTF_8),
            "application/json",
            null);

    assertThat(r.statusCode()).as(text(r)).isEqualTo(207);
    JsonNode body = Json.parse(text(r));
    assertThat(body.get("successes").toString())
        .isEqualTo("[{\"id\":\"e1\",\"status\":201},{\"id\":\"e2\",\"status\":201}]");
    assertThat(body.get("errors")).hasSize(1);
    assertThat(body.get("errors").get(0).get("id").asText()).isEqualTo("e3");
    assertThat(body.get("errors").get(0).get("status").asInt()).isEqualTo(400);
    assertThat(body.get("errors").get(0).get("message").asText()).contains("type");
    JsonNode trace = read("/api/public/traces/lf-t1", AUTH_A);
    assertThat(trace.get("name").asText()).isEqualTo("batch trace");
    assertThat(trace.get("observations").get(0).get("latency").decimalValue())
        .isEqualByComparingTo("1.5");
  }

  @Test
  void ingestionBatch_invalidEnvelopeIs400() {
    HttpResponse<byte[]> r =
        exportAsA(
            t.uri("/api/public/ingestion"),
            "{\"events\": []}".getBytes(StandardCharsets.UTF_8),
            "application/json",
            null);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Json.parse(text(r)).get("message").asText()).contains("batch");
  }
}
