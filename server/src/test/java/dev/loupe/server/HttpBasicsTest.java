package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.AUTH_B;
import static dev.loupe.server.TestServer.KEY_A;
import static dev.loupe.server.TestServer.KEY_B;
import static dev.loupe.server.TestServer.PK_A;
import static dev.loupe.server.TestServer.PROJECT_A;
import static dev.loupe.server.TestServer.PROJECT_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.ServerConfig.StorageKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Auth, routing, limits and health over real HTTP, on in-memory storage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBasicsTest {
  Path dir;
  TestServer t;

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("loupe-test");
    t = TestServer.start(StorageKind.MEMORY, dir, c -> c.withMaxBodyBytes(1024));
  }

  @AfterAll
  void stop() throws IOException {
    if (t != null) t.close();
    TestServer.deleteRecursively(dir);
  }

  static JsonNode json(HttpResponse<String> r) {
    return Json.parse(r.body());
  }

  HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(t.uri(path)).POST(BodyPublishers.ofString(body));
  }

  @Test
  void health_isOpenAndReportsTheVersion() {
    HttpResponse<String> r = t.send(HttpRequest.newBuilder(t.uri("/api/public/health")).build());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("status").asText()).isEqualTo("OK");
    assertThat(json(r).get("version").asText())
        .isEqualTo(t.server.version())
        // the build's version filled into the resource, not a placeholder or the fallback
        .matches("\\d+\\.\\d+\\.\\d+([-.][0-9A-Za-z.-]+)?")
        .isNotEqualTo("unknown");
  }

  @Test
  void health_reportsTheApplyLagOfIngest() {
    HttpResponse<String> r = t.send(HttpRequest.newBuilder(t.uri("/api/public/health")).build());

    JsonNode ingest = json(r).get("ingest");
    assertThat(ingest.get("lagRecords").isIntegralNumber()).isTrue();
    assertThat(ingest.get("lagSeconds").isNumber()).isTrue();
    assertThat(ingest.get("applied").asLong()).isLessThanOrEqualTo(ingest.get("appended").asLong());
    assertThat(ingest.get("applyError").isNull()).isTrue();
    assertThat(ingest.get("log").get("error").isNull()).isTrue();
  }

  @Test
  void read_withoutAuthorizationIs401WithChallengeAndJson() {
    HttpResponse<String> r = t.send(HttpRequest.newBuilder(t.uri("/api/public/traces")).build());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"loupe\"");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(r).get("error").asText()).isEqualTo("Unauthorized");
    assertThat(json(r).get("message").asText()).startsWith("missing Authorization header");
  }

  @Test
  void read_wrongSecretOrUnknownKeyIs401() {
    assertThat(t.get("/api/public/traces", TestServer.basic(PK_A, "sk-wrong")).statusCode())
        .isEqualTo(401);
    assertThat(t.get("/api/public/traces", TestServer.basic("pk-unknown", "x")).statusCode())
        .isEqualTo(401);
    assertThat(t.get("/api/public/traces", AUTH_A).statusCode()).isEqualTo(200);
    assertThat(t.get("/api/public/traces", AUTH_B).statusCode()).isEqualTo(200);
  }

  @Test
  void read_bearerKeyIsNotAcceptedWhereBasicIsRequired() {
    HttpResponse<String> r =
        t.send(
            HttpRequest.newBuilder(t.uri("/api/public/traces"))
                .header("Authorization", "Bearer " + KEY_A)
                .header("X-Lemma-Project-ID", PROJECT_A)
                .build());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(json(r).get("message").asText()).contains("Basic");
  }

  HttpResponse<String> lemmaExport(String key, String projectHeader) {
    HttpRequest.Builder b =
        post("/otel/v1/traces", "{}")
            .header("Content-Type", "application/json")
            // an unsupported version is refused after auth and before the body is read: 400 proves
            // auth passed
            .header("x-langfuse-ingestion-version", "9");
    if (key != null) b.header("Authorization", "Bearer " + key);
    if (projectHeader != null) b.header("X-Lemma-Project-ID", projectHeader);
    return t.send(b.build());
  }

  @Test
  void bearer_needsTheProjectHeaderOfItsOwnProject() {
    assertThat(lemmaExport(KEY_A, PROJECT_A).statusCode()).isEqualTo(400);
    assertThat(lemmaExport(KEY_B, PROJECT_B).statusCode()).isEqualTo(400);

    HttpResponse<String> missing = lemmaExport(KEY_A, null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(missing).get("message").asText()).contains("X-Lemma-Project-ID");
    assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"loupe\"");
    assertThat(lemmaExport(KEY_A, PROJECT_B).statusCode()).isEqualTo(401);
    assertThat(lemmaExport(KEY_A, "no-such-project").statusCode()).isEqualTo(401);
    assertThat(lemmaExport("lma_wrong", PROJECT_A).statusCode()).isEqualTo(401);
    assertThat(lemmaExport(null, PROJECT_A).statusCode()).isEqualTo(401);
  }

  @Test
  void otlp_basicOnTheLemmaPathIs401ButEitherWorksOnTheStandardPath() {
    HttpResponse<String> basicOnLemma =
        t.send(
            post("/otel/v1/traces", "{}")
                .header("Authorization", AUTH_A)
                .header("x-langfuse-ingestion-version", "9")
                .build());
    HttpResponse<String> basicOnStandard =
        t.send(
            post("/v1/traces", "{}")
                .header("Authorization", AUTH_A)
                .header("x-langfuse-ingestion-version", "9")
                .build());
    HttpResponse<String> bearerOnStandard =
        t.send(
            post("/v1/traces", "{}")
                .header("Authorization", "Bearer " + KEY_A)
                .header("X-Lemma-Project-ID", PROJECT_A)
                .header("x-langfuse-ingestion-version", "9")
                .build());

    assertThat(basicOnLemma.statusCode()).isEqualTo(401);
    assertThat(basicOnStandard.statusCode()).isEqualTo(400);
    assertThat(bearerOnStandard.statusCode()).isEqualTo(400);
    assertThat(json(basicOnStandard).get("message").asText())
        .isEqualTo("x-langfuse-ingestion-version 9 is not supported (max 4)");
  }

  @Test
  void otlpPort_servesOnlyTheStandardPath() {
    HttpResponse<String> export =
        t.send(
            HttpRequest.newBuilder(t.otlpUri("/v1/traces"))
                .POST(BodyPublishers.ofString("{}"))
                .header("Authorization", AUTH_A)
                .header("x-langfuse-ingestion-version", "5")
                .build());
    HttpResponse<String> health =
        t.send(HttpRequest.newBuilder(t.otlpUri("/api/public/health")).build());

    assertThat(t.server.otlpPort()).isNotEqualTo(t.server.port()).isPositive();
    assertThat(export.statusCode()).isEqualTo(400);
    assertThat(health.statusCode()).isEqualTo(404);
  }

  @Test
  void routing_unknownPathIs404AndWrongMethodIs405() {
    HttpResponse<String> unknown = t.get("/api/public/nothing", AUTH_A);
    HttpResponse<String> wrongMethod = t.get("/api/public/ingestion", AUTH_A);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).isEqualTo("NotFound");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    assertThat(json(wrongMethod).get("error").asText()).isEqualTo("MethodNotAllowed");
  }

  @Test
  void body_overTheLimitIs413WhetherDeclaredOrStreamed() {
    byte[] big = new byte[4096];
    HttpResponse<String> declared =
        t.send(
            HttpRequest.newBuilder(t.uri("/v1/traces"))
                .header("Authorization", AUTH_A)
                .header("Content-Type", "application/x-protobuf")
                .POST(BodyPublishers.ofByteArray(big))
                .build());
    HttpResponse<String> streamed =
        t.send(
            HttpRequest.newBuilder(t.uri("/api/public/ingestion"))
                .header("Authorization", AUTH_A)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build());

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(json(declared).get("message").asText()).contains("1024 bytes");
    assertThat(streamed.statusCode()).isEqualTo(413);
    assertThat(json(streamed).get("error").asText()).isEqualTo("PayloadTooLarge");
  }

  @Test
  void ingestion_nonJsonContentTypeIs415() {
    HttpResponse<String> r =
        t.send(
            post("/api/public/ingestion", "batch")
                .header("Authorization", AUTH_A)
                .header("Content-Type", "text/plain")
                .build());

    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void start_withoutProjectsPrintsGeneratedKeysThatWork(@TempDir Path other) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withOtlpPort(-1)
            .withBind("127.0.0.1")
            .withStorage(StorageKind.MEMORY)
            .withDataDir(other);
    try (LoupeServer s =
        LoupeServer.start(config, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      String printed = out.toString(StandardCharsets.UTF_8);
      String pk = find(printed, "pk-lf-[0-9a-f]+");
      String sk = find(printed, "sk-lf-[0-9a-f]+");
      HttpResponse<String> r =
          t.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + s.port() + "/api/public/traces"))
                  .header("Authorization", TestServer.basic(pk, sk))
                  .build());

      assertThat(s.otlpPort()).isEqualTo(-1);
      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  static String find(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group();
  }
}
