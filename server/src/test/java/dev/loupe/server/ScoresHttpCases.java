package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.AUTH_B;
import static dev.loupe.server.TestServer.PROJECT_A;
import static dev.loupe.server.TestServer.PROJECT_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.server.ServerConfig.StorageKind;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scores and score configs over real HTTP against one backend: create, read back, filters, paging,
 * idempotency, deletion, the config rules (400 naming the field), the batch's per-event answers,
 * traces carrying their scores, and project isolation. Data: project A has traces t1 (u1, s1, tags
 * a b, prod) with observation o1, and t2 (u2, dev); project B has tb. Each test uses its own score
 * names so that the tests do not see each other's scores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScoresHttpCases {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private final StorageKind storage;
  Path dir;
  TestServer t;

  ScoresHttpCases(StorageKind storage) {
    this.storage = storage;
  }

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("loupe-scores");
    t = TestServer.start(storage, dir);
    t.seed(
        WriteBatch.of(
            List.of(
                Trace.builder(PROJECT_A, "t1", T0)
                    .name("chat")
                    .userId("u1")
                    .sessionId("s1")
                    .tags(List.of("a", "b"))
                    .environment("prod")
                    .build(),
                Trace.builder(PROJECT_A, "t2", T0.plusSeconds(60))
                    .name("search")
                    .userId("u2")
                    .environment("dev")
                    .build(),
                Trace.builder(PROJECT_B, "tb", T0).name("secret").build()),
            List.of(Observation.builder(PROJECT_A, "o1", "t1", T0).name("agent").build())));
  }

  @AfterAll
  void stop() throws IOException {
    if (t != null) t.close();
    TestServer.deleteRecursively(dir);
  }

  HttpResponse<String> send(String method, String path, String auth, String body) {
    return t.send(
        HttpRequest.newBuilder(t.uri(path))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
            .build());
  }

  JsonNode ok(String method, String path, String body) {
    HttpResponse<String> r = send(method, path, AUTH_A, body);
    assertThat(r.statusCode()).as("%s %s -> %s", method, path, r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  JsonNode get(String path) {
    return ok("GET", path, null);
  }

  /** The 400's message, after checking the status. */
  String refused(String method, String path, String body) {
    HttpResponse<String> r = send(method, path, AUTH_A, body);
    assertThat(r.statusCode()).as("%s %s -> %s", method, path, r.body()).isEqualTo(400);
    return Json.parse(r.body()).path("message").asText();
  }

  static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("data").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  String config(String body) {
    return ok("POST", "/api/public/score-configs", body).path("id").asText();
  }

  @Test
  void postScore_readBackByIdAndOnTheTrace() {
    JsonNode created =
        ok(
            "POST",
            "/api/public/scores",
            "{\"id\":\"s-help\",\"traceId\":\"t1\",\"observationId\":\"o1\",\"name\":\"helpfulness\","
                + "\"value\":0.75,\"comment\":\"clear\",\"metadata\":{\"k\":1},"
                + "\"timestamp\":\"2025-03-01T10:05:00Z\"}");
    assertThat(created.toString()).isEqualTo("{\"id\":\"s-help\"}");

    JsonNode s = get("/api/public/v2/scores/s-help");
    assertThat(s.path("name").asText()).isEqualTo("helpfulness");
    assertThat(s.path("value").asDouble()).isEqualTo(0.75);
    assertThat(s.path("dataType").asText()).isEqualTo("NUMERIC");
    assertThat(s.path("source").asText()).isEqualTo("API");
    assertThat(s.path("traceId").asText()).isEqualTo("t1");
    assertThat(s.path("observationId").asText()).isEqualTo("o1");
    assertThat(s.path("comment").asText()).isEqualTo("clear");
    assertThat(s.path("metadata").toString()).isEqualTo("{\"k\":1}");
    assertThat(s.path("timestamp").asText()).isEqualTo("2025-03-01T10:05:00.000Z");
    assertThat(s.path("environment").asText()).isEqualTo("default");

    JsonNode trace = get("/api/public/traces/t1");
    List<String> onTrace = new ArrayList<>();
    trace.path("scores").forEach(n -> onTrace.add(n.path("id").asText()));
    assertThat(onTrace).contains("s-help");
    JsonNode listed = get("/api/public/traces?name=chat");
    assertThat(listed.path("data").get(0).path("scores").toString()).contains("\"s-help\"");
    assertThat(get("/api/public/traces?name=search").path("data").get(0).path("scores").size())
        .isZero();
  }

  @Test
  void postScore_sameIdUpdates_neverDuplicates() {
    String body = "{\"id\":\"s-idem\",\"traceId\":\"t2\",\"name\":\"idem\",\"value\":%s}";
    ok("POST", "/api/public/scores", body.formatted("1"));
    ok("POST", "/api/public/scores", body.formatted("3"));

    JsonNode page = get("/api/public/v2/scores?name=idem");
    assertThat(ids(page)).containsExactly("s-idem");
    assertThat(page.path("data").get(0).path("value").asDouble()).isEqualTo(3.0);
    assertThat(page.path("meta").path("totalItems").asInt()).isEqualTo(1);
  }

  @Test
  void scoreConfigs_createListGet_andTheirRulesRefuseBadScoresNamingTheField() {
    String numeric =
        config(
            "{\"name\":\"accuracy\",\"dataType\":\"NUMERIC\",\"minValue\":0,\"maxValue\":1,"
                + "\"description\":\"share right\"}");
    String categorical =
        config(
            "{\"name\":\"tone\",\"dataType\":\"CATEGORICAL\",\"categories\":"
                + "[{\"value\":1,\"label\":\"calm\"},{\"value\":0,\"label\":\"rude\"}]}");
    String bool = config("{\"name\":\"thumbs\",\"dataType\":\"BOOLEAN\"}");

    JsonNode c = get("/api/public/score-configs/" + numeric);
    assertThat(c.path("minValue").asDouble()).isEqualTo(0);
    assertThat(c.path("maxValue").asDouble()).isEqualTo(1);
    assertThat(c.path("description").asText()).isEqualTo("share right");
    assertThat(c.path("projectId").asText()).isEqualTo(PROJECT_A);
    assertThat(get("/api/public/score-configs/" + bool).path("categories").toString())
        .isEqualTo("[{\"value\":1,\"label\":\"True\"},{\"value\":0,\"label\":\"False\"}]");
    assertThat(ids(get("/api/public/score-configs?limit=100")))
        .contains(numeric, categorical, bool);

    String tmpl = "{\"traceId\":\"t1\",\"name\":\"%s\",\"value\":%s,\"configId\":\"%s\"}";
    assertThat(refused("POST", "/api/public/scores", tmpl.formatted("accuracy", "2", numeric)))
        .isEqualTo("value: 2 is above the config's maxValue 1");
    assertThat(
            refused("POST", "/api/public/scores", tmpl.formatted("tone", "\"meh\"", categorical)))
        .startsWith("value: 'meh' is not a category");
    assertThat(refused("POST", "/api/public/scores", tmpl.formatted("thumbs", "0.5", bool)))
        .startsWith("value: a BOOLEAN score is 1 or 0");
    assertThat(refused("POST", "/api/public/scores", tmpl.formatted("other", "1", numeric)))
        .startsWith("name: must be the config's name");

    String id =
        ok("POST", "/api/public/scores", tmpl.formatted("tone", "\"calm\"", categorical))
            .path("id")
            .asText();
    JsonNode s = get("/api/public/v2/scores/" + id);
    assertThat(s.path("dataType").asText()).isEqualTo("CATEGORICAL");
    assertThat(s.path("stringValue").asText()).isEqualTo("calm");
    assertThat(s.path("value").asDouble()).isEqualTo(1.0);
    assertThat(s.path("configId").asText()).isEqualTo(categorical);
  }

  @Test
  void scoreConfigs_badConfigsAre400NamingTheField() {
    String path = "/api/public/score-configs";
    assertThat(refused("POST", path, "{\"name\":\"x\",\"dataType\":\"STARS\"}"))
        .startsWith("dataType: unknown data type 'STARS'");
    assertThat(refused("POST", path, "{\"dataType\":\"NUMERIC\"}")).isEqualTo("name: required");
    assertThat(refused("POST", path, "{\"name\":\"x\",\"dataType\":\"CATEGORICAL\"}"))
        .startsWith("categories:");
    assertThat(
            refused(
                "POST",
                path,
                "{\"name\":\"x\",\"dataType\":\"NUMERIC\",\"minValue\":2,\"maxValue\":1}"))
        .startsWith("minValue: 2 is greater than maxValue 1");
    assertThat(
            refused(
                "POST",
                path,
                "{\"name\":\"x\",\"dataType\":\"CATEGORICAL\",\"categories\":[{\"label\":\"a\"}]}"))
        .isEqualTo("categories[0].value: required");
    assertThat(refused("POST", path, "{\"name\":\"x\",\"dataType\":\"TEXT\",\"colour\":1}"))
        .startsWith("colour: unknown field");
    assertThat(send("GET", path + "/nope", AUTH_A, null).statusCode()).isEqualTo(404);
  }

  @Test
  void scoreConfigs_archivedConfigTakesNoNewScores() {
    String id = config("{\"name\":\"retired\",\"dataType\":\"NUMERIC\"}");
    JsonNode patched = ok("PATCH", "/api/public/score-configs/" + id, "{\"isArchived\":true}");
    assertThat(patched.path("isArchived").asBoolean()).isTrue();

    assertThat(
            refused(
                "POST",
                "/api/public/scores",
                "{\"traceId\":\"t1\",\"name\":\"retired\",\"value\":1,\"configId\":\""
                    + id
                    + "\"}"))
        .contains("configId:", "archived");
  }

  @Test
  void postScore_sourceRules() {
    assertThat(
            refused(
                "POST",
                "/api/public/scores",
                "{\"traceId\":\"t1\",\"name\":\"n\",\"value\":1,\"source\":\"ANNOTATION\"}"))
        .startsWith("configId: an ANNOTATION score needs a score config");
    assertThat(
            refused(
                "POST",
                "/api/public/scores",
                "{\"traceId\":\"t1\",\"name\":\"n\",\"value\":1,\"source\":\"EVAL\"}"))
        .startsWith("source: EVAL is reserved");
    assertThat(refused("POST", "/api/public/scores", "{\"name\":\"n\",\"value\":1}"))
        .startsWith("traceId:");
    assertThat(refused("POST", "/api/public/scores", "{\"traceId\":\"t1\",\"value\":1}"))
        .isEqualTo("name: is required");
  }

  @Test
  void ingestionBatch_scoreCreateIs207PerEvent_badScoresNeverLoseTheGoodOnes() {
    String numeric =
        config("{\"name\":\"batchacc\",\"dataType\":\"NUMERIC\",\"minValue\":0,\"maxValue\":1}");
    String batch =
        "{\"batch\":["
            + "{\"id\":\"e-trace\",\"type\":\"trace-create\",\"timestamp\":\"2025-03-01T11:00:00Z\","
            + "\"body\":{\"id\":\"t-batch\",\"name\":\"batch\"}},"
            + event(
                "e-good",
                "{\"id\":\"sb-1\",\"traceId\":\"t-batch\",\"name\":\"batchacc\","
                    + "\"value\":0.5,\"configId\":\""
                    + numeric
                    + "\"}")
            + ","
            + event(
                "e-range",
                "{\"id\":\"sb-2\",\"traceId\":\"t-batch\",\"name\":\"batchacc\","
                    + "\"value\":5,\"configId\":\""
                    + numeric
                    + "\"}")
            + ","
            + event(
                "e-text",
                "{\"traceId\":\"t-batch\",\"name\":\"batchnote\",\"value\":\"fine\","
                    + "\"dataType\":\"TEXT\"}")
            + ","
            + event("e-shape", "{\"name\":\"batchacc\",\"value\":1}")
            + "]}";
    HttpResponse<String> r = send("POST", "/api/public/ingestion", AUTH_A, batch);

    assertThat(r.statusCode()).isEqualTo(207);
    JsonNode body = Json.parse(r.body());
    List<String> ok = new ArrayList<>();
    body.path("successes").forEach(n -> ok.add(n.path("id").asText()));
    assertThat(ok).containsExactlyInAnyOrder("e-trace", "e-good", "e-text");
    List<String> errors = new ArrayList<>();
    body.path("errors")
        .forEach(
            n ->
                errors.add(
                    n.path("id").asText()
                        + " "
                        + n.path("status").asInt()
                        + " "
                        + n.path("message").asText()));
    assertThat(errors)
        .containsExactlyInAnyOrder(
            "e-range 400 body.value: 5 is above the config's maxValue 1",
            "e-shape 400 body.traceId: a score needs a traceId, a sessionId or a datasetRunId");

    JsonNode scores = get("/api/public/v2/scores?traceId=t-batch");
    assertThat(ids(scores)).containsExactlyInAnyOrder("sb-1", "e-text");
    assertThat(send("GET", "/api/public/traces/t-batch", AUTH_A, null).statusCode()).isEqualTo(200);
    // re-sent: still two scores
    send("POST", "/api/public/ingestion", AUTH_A, batch);
    assertThat(get("/api/public/v2/scores?traceId=t-batch").path("meta").path("totalItems").asInt())
        .isEqualTo(2);
  }

  private static String event(String id, String body) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"score-create\","
        + "\"timestamp\":\"2025-03-01T11:00:01Z\",\"body\":"
        + body
        + "}";
  }

  @Test
  void listScores_filtersOfTheReference_andPaging() {
    String p = "/api/public/scores";
    ok(
        "POST",
        p,
        "{\"id\":\"f-1\",\"traceId\":\"t1\",\"name\":\"flt\",\"value\":0.2,"
            + "\"timestamp\":\"2025-03-01T10:00:00Z\"}");
    ok(
        "POST",
        p,
        "{\"id\":\"f-2\",\"traceId\":\"t1\",\"observationId\":\"o1\",\"name\":\"flt\","
            + "\"value\":0.9,\"timestamp\":\"2025-03-01T10:01:00Z\"}");
    ok(
        "POST",
        p,
        "{\"id\":\"f-3\",\"traceId\":\"t2\",\"name\":\"flt\",\"value\":0.5,"
            + "\"environment\":\"dev\",\"timestamp\":\"2025-03-01T10:02:00Z\"}");
    ok(
        "POST",
        p,
        "{\"id\":\"f-4\",\"sessionId\":\"s1\",\"name\":\"flt\",\"value\":\"ok\","
            + "\"timestamp\":\"2025-03-01T10:03:00Z\"}");
    String q = "/api/public/v2/scores?name=flt";

    assertThat(ids(get(q))).containsExactly("f-4", "f-3", "f-2", "f-1");
    assertThat(ids(get(q + "&traceId=t1"))).containsExactly("f-2", "f-1");
    assertThat(ids(get(q + "&observationId=o1"))).containsExactly("f-2");
    assertThat(ids(get(q + "&sessionId=s1"))).containsExactly("f-4");
    assertThat(ids(get(q + "&userId=u1"))).containsExactly("f-2", "f-1");
    assertThat(ids(get(q + "&traceTags=a&traceTags=b"))).containsExactly("f-2", "f-1");
    assertThat(ids(get(q + "&environment=dev"))).containsExactly("f-3");
    assertThat(ids(get(q + "&dataType=CATEGORICAL"))).containsExactly("f-4");
    assertThat(ids(get(q + "&dataType=NUMERIC&operator=%3E%3D&value=0.5")))
        .containsExactly("f-3", "f-2");
    assertThat(ids(get(q + "&scoreIds=f-1,f-3"))).containsExactly("f-3", "f-1");
    assertThat(ids(get(q + "&fromTimestamp=2025-03-01T10:01:00Z&toTimestamp=2025-03-01T10:03:00Z")))
        .containsExactly("f-3", "f-2");
    assertThat(ids(get(q + "&source=ANNOTATION"))).isEmpty();

    JsonNode second = get(q + "&limit=3&page=2");
    assertThat(ids(second)).containsExactly("f-1");
    assertThat(second.path("meta").toString())
        .isEqualTo("{\"page\":2,\"limit\":3,\"totalItems\":4,\"totalPages\":2}");
    JsonNode row = get(q + "&traceId=t1&limit=1").path("data").get(0);
    assertThat(row.path("trace").path("userId").asText()).isEqualTo("u1");
    assertThat(row.path("trace").path("tags").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(row.path("trace").path("sessionId").asText()).isEqualTo("s1");

    assertThat(refused("GET", q + "&operator=~&value=1", null)).startsWith("operator:");
    assertThat(refused("GET", q + "&operator=%3E", null)).startsWith("value:");
    assertThat(refused("GET", q + "&dataType=STARS", null)).startsWith("dataType");
  }

  @Test
  void tracesList_filtersByScoreNameAndValue() {
    ok(
        "POST",
        "/api/public/scores",
        "{\"id\":\"tf-1\",\"traceId\":\"t1\",\"observationId\":\"o1\",\"name\":\"tf\",\"value\":0.3}");
    ok(
        "POST",
        "/api/public/scores",
        "{\"id\":\"tf-2\",\"traceId\":\"t2\",\"name\":\"tf\",\"value\":0.8}");

    assertThat(ids(get("/api/public/traces?scoreName=tf"))).containsExactly("t2", "t1");
    assertThat(ids(get("/api/public/traces?scoreName=tf&scoreOperator=%3C&scoreValue=0.5")))
        .containsExactly("t1");
    assertThat(ids(get("/api/public/traces?scoreName=tf&scoreOperator=%3E%3D&scoreValue=0.8")))
        .containsExactly("t2");
    assertThat(ids(get("/api/public/traces?scoreName=tf&scoreOperator=&scoreValue=")))
        .as("blank comparison: any value")
        .containsExactly("t2", "t1");
    assertThat(
            refused("GET", "/api/public/traces?scoreName=tf&scoreOperator=%3C&scoreValue=x", null))
        .startsWith("scoreValue: not a number");
    assertThat(refused("GET", "/api/public/traces?scoreOperator=%3C&scoreValue=1", null))
        .startsWith("scoreName: required");
    assertThat(
            Json.parse(send("GET", "/api/public/traces?scoreName=tf", AUTH_B, null).body())
                .path("data")
                .size())
        .isZero();
  }

  @Test
  void deleteScore_204ThenGone() {
    ok(
        "POST",
        "/api/public/scores",
        "{\"id\":\"d-1\",\"traceId\":\"t2\",\"name\":\"del\",\"value\":1}");

    assertThat(send("DELETE", "/api/public/scores/d-1", AUTH_A, null).statusCode()).isEqualTo(204);
    assertThat(send("GET", "/api/public/v2/scores/d-1", AUTH_A, null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/api/public/scores/d-1", AUTH_A, null).statusCode()).isEqualTo(404);
  }

  @Test
  void projectIsolation_aKeyNeverSeesAnotherProjectsScoresOrConfigs() {
    ok(
        "POST",
        "/api/public/scores",
        "{\"id\":\"iso-1\",\"traceId\":\"t1\",\"name\":\"iso\",\"value\":1}");
    String config = config("{\"name\":\"isocfg\",\"dataType\":\"TEXT\"}");

    assertThat(send("GET", "/api/public/v2/scores/iso-1", AUTH_B, null).statusCode())
        .isEqualTo(404);
    assertThat(
            Json.parse(send("GET", "/api/public/v2/scores", AUTH_B, null).body())
                .path("data")
                .size())
        .isZero();
    assertThat(send("DELETE", "/api/public/scores/iso-1", AUTH_B, null).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "/api/public/score-configs/" + config, AUTH_B, null).statusCode())
        .isEqualTo(404);
    HttpResponse<String> foreignConfig =
        send(
            "POST",
            "/api/public/scores",
            AUTH_B,
            "{\"traceId\":\"tb\",\"name\":\"isocfg\",\"value\":\"x\",\"configId\":\""
                + config
                + "\"}");
    assertThat(foreignConfig.statusCode()).isEqualTo(400);
    assertThat(foreignConfig.body()).contains("configId: no score config");
    // B writing a score of the same id leaves A's alone
    assertThat(
            send(
                    "POST",
                    "/api/public/scores",
                    AUTH_B,
                    "{\"id\":\"iso-1\",\"traceId\":\"tb\",\"name\":\"iso\",\"value\":7}")
                .statusCode())
        .isEqualTo(200);
    assertThat(get("/api/public/v2/scores/iso-1").path("value").asDouble()).isEqualTo(1.0);
    assertThat(
            Json.parse(send("GET", "/api/public/traces/tb", AUTH_B, null).body())
                .path("scores")
                .get(0)
                .path("value")
                .asDouble())
        .isEqualTo(7.0);
    assertThat(PROJECT_B).isNotEqualTo(PROJECT_A);
  }
}
