package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.AUTH_B;
import static dev.loupe.server.TestServer.PROJECT_A;
import static dev.loupe.server.TestServer.PROJECT_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.CostSource;
import dev.loupe.model.Json;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.server.ServerConfig.StorageKind;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read API over real HTTP against one storage backend: filters, paging, ordering, shapes,
 * project isolation and parameter errors. Data: project A has traces t1 (chat, u1, s1, prod), t2
 * (search, u2, s1, dev) and t3 (chat, u1, prod), an hour apart; project B has tb.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReadApiCases {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant T1 = T0.plusSeconds(3600);
  static final Instant T2 = T0.plusSeconds(7200);

  private final StorageKind storage;
  Path dir;
  TestServer t;

  ReadApiCases(StorageKind storage) {
    this.storage = storage;
  }

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("loupe-test");
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
                    .release("r1")
                    .version("v1")
                    .input("{\"question\":\"where is my order?\"}")
                    .output("\"on its way\"")
                    .metadata("{\"tenant\":\"acme\"}")
                    .build(),
                Trace.builder(PROJECT_A, "t2", T1)
                    .name("search")
                    .userId("u2")
                    .sessionId("s1")
                    .tags(List.of("a"))
                    .environment("dev")
                    .build(),
                Trace.builder(PROJECT_A, "t3", T2)
                    .name("chat")
                    .userId("u1")
                    .environment("prod")
                    .build(),
                Trace.builder(PROJECT_B, "tb", T0)
                    .name("secret")
                    .userId("u1")
                    .sessionId("s1")
                    .build()),
            List.of(
                Observation.builder(PROJECT_A, "o1", "t1", T0)
                    .name("agent")
                    .endTime(T0.plusSeconds(2))
                    .build(),
                Observation.builder(PROJECT_A, "o2", "t1", T0.plusMillis(100))
                    .parentObservationId("o1")
                    .type(ObservationType.GENERATION)
                    .name("draft-reply")
                    .model("gpt-4o")
                    .endTime(T0.plusMillis(1600))
                    .completionStartTime(T0.plusMillis(400))
                    .input("[{\"role\":\"user\",\"content\":\"hi\"}]")
                    .output("{\"role\":\"assistant\"}")
                    .modelParameters("{\"temperature\":0.2}")
                    .usageDetails(Map.of("input", 100L, "output", 40L, "total", 140L))
                    .costDetails(
                        Map.of(
                            "input", new BigDecimal("0.00025"), "output", new BigDecimal("0.0004")))
                    .costSource(CostSource.CALCULATED)
                    .build(),
                Observation.builder(PROJECT_A, "o3", "t1", T0.plusMillis(1700))
                    .parentObservationId("o1")
                    .type(ObservationType.TOOL)
                    .name("lookup-order")
                    .level(Level.ERROR)
                    .statusMessage("timeout")
                    .endTime(T0.plusMillis(1900))
                    .build(),
                Observation.builder(PROJECT_A, "o4", "t2", T1)
                    .name("search")
                    .endTime(T1.plusSeconds(1))
                    .build(),
                Observation.builder(PROJECT_A, "o5", "t3", T2)
                    .type(ObservationType.GENERATION)
                    .name("draft-reply")
                    .model("gpt-4o-mini")
                    .endTime(T2.plusMillis(500))
                    .build(),
                Observation.builder(PROJECT_B, "ob", "tb", T0)
                    .type(ObservationType.GENERATION)
                    .name("secret")
                    .build())));
  }

  @AfterAll
  void stop() throws IOException {
    if (t != null) t.close();
    TestServer.deleteRecursively(dir);
  }

  JsonNode getA(String pathAndQuery) {
    HttpResponse<String> r = t.get(pathAndQuery, AUTH_A);
    assertThat(r.statusCode()).as("%s -> %s", pathAndQuery, r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("data").forEach(n -> ids.add(n.get("id").asText()));
    return ids;
  }

  @Test
  void projects_answersTheKeysOwnProjectInLangfuseShape() throws IOException {
    JsonNode a = Json.MAPPER.readTree(t.get("/api/public/projects", AUTH_A).body());
    assertThat(a.path("data").size()).isEqualTo(1);
    JsonNode p = a.path("data").get(0);
    assertThat(p.path("id").asText()).isEqualTo(PROJECT_A);
    assertThat(p.path("name").isTextual()).isTrue();
    assertThat(p.path("organization").path("id").isTextual()).isTrue();
    assertThat(p.path("organization").path("name").isTextual()).isTrue();
    assertThat(p.path("metadata").isObject()).isTrue();

    JsonNode b = Json.MAPPER.readTree(t.get("/api/public/projects", AUTH_B).body());
    assertThat(b.path("data").get(0).path("id").asText()).isEqualTo(PROJECT_B);
    assertThat(b.path("data").get(0).path("name").asText()).isEqualTo("B");
    assertThat(t.get("/api/public/projects", "Basic bm86bm8=").statusCode()).isEqualTo(401);
  }

  @Test
  void traces_newestFirstWithMeta() {
    JsonNode page = getA("/api/public/traces");

    assertThat(ids(page)).containsExactly("t3", "t2", "t1");
    assertThat(page.get("meta").toString())
        .isEqualTo("{\"page\":1,\"limit\":50,\"totalItems\":3,\"totalPages\":1}");
  }

  @Test
  void traces_filters() {
    assertThat(ids(getA("/api/public/traces?userId=u1"))).containsExactly("t3", "t1");
    assertThat(ids(getA("/api/public/traces?name=search"))).containsExactly("t2");
    assertThat(ids(getA("/api/public/traces?tags=a&tags=b"))).containsExactly("t1");
    assertThat(ids(getA("/api/public/traces?tags=a"))).containsExactly("t2", "t1");
    assertThat(ids(getA("/api/public/traces?sessionId=s1"))).containsExactly("t2", "t1");
    assertThat(ids(getA("/api/public/traces?environment=dev"))).containsExactly("t2");
    assertThat(ids(getA("/api/public/traces?environment=dev&environment=prod")))
        .containsExactly("t3", "t2", "t1");
    assertThat(ids(getA("/api/public/traces?release=r1&version=v1"))).containsExactly("t1");
    assertThat(ids(getA("/api/public/traces?fromTimestamp=2025-03-01T10:30:00Z")))
        .containsExactly("t3", "t2");
    assertThat(
            ids(
                getA(
                    "/api/public/traces?fromTimestamp=2025-03-01T11:00:00Z&toTimestamp=2025-03-01T12:00:00Z")))
        .containsExactly("t2");
  }

  @Test
  void traces_pagingAndOrder() {
    JsonNode second = getA("/api/public/traces?limit=1&page=2");

    assertThat(ids(second)).containsExactly("t2");
    assertThat(second.get("meta").get("totalPages").asInt()).isEqualTo(3);
    assertThat(ids(getA("/api/public/traces?orderBy=timestamp.asc")))
        .containsExactly("t1", "t2", "t3");
    assertThat(ids(getA("/api/public/traces?orderBy=name.asc"))).containsExactly("t1", "t3", "t2");
    assertThat(ids(getA("/api/public/traces?orderBy=id.desc&limit=2"))).containsExactly("t3", "t2");
  }

  @Test
  void traces_listShowsObservationIdsCostAndLatency() {
    JsonNode t1 = getA("/api/public/traces?orderBy=timestamp.asc&limit=1").get("data").get(0);

    assertThat(t1.get("observations").toString()).isEqualTo("[\"o1\",\"o2\",\"o3\"]");
    assertThat(t1.get("totalCost").decimalValue()).isEqualByComparingTo("0.00065");
    assertThat(t1.get("latency").decimalValue()).isEqualByComparingTo("2");
    assertThat(t1.get("input").get("question").asText()).isEqualTo("where is my order?");
    assertThat(t1.get("metadata").get("tenant").asText()).isEqualTo("acme");
    assertThat(t1.get("timestamp").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(t1.get("htmlPath").asText()).isEqualTo("/project/proj-a/traces/t1");
  }

  @Test
  void trace_detailHasFullObservations() {
    JsonNode t1 = getA("/api/public/traces/t1");

    assertThat(t1.get("name").asText()).isEqualTo("chat");
    assertThat(t1.get("output").asText()).isEqualTo("on its way");
    JsonNode gen = t1.get("observations").get(1);
    assertThat(gen.get("id").asText()).isEqualTo("o2");
    assertThat(gen.get("type").asText()).isEqualTo("GENERATION");
    assertThat(gen.get("parentObservationId").asText()).isEqualTo("o1");
    assertThat(gen.get("input").get(0).get("content").asText()).isEqualTo("hi");
    assertThat(gen.get("modelParameters").get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(gen.get("usage").get("input").asLong()).isEqualTo(100);
    assertThat(gen.get("totalTokens").asLong()).isEqualTo(140);
    assertThat(gen.get("latency").decimalValue()).isEqualByComparingTo("1.5");
    assertThat(gen.get("timeToFirstToken").decimalValue()).isEqualByComparingTo("0.3");
    assertThat(gen.get("calculatedTotalCost").decimalValue()).isEqualByComparingTo("0.00065");
    assertThat(t1.get("observations").get(2).get("level").asText()).isEqualTo("ERROR");
  }

  @Test
  void observations_filters() {
    assertThat(ids(getA("/api/public/observations"))).containsExactly("o5", "o4", "o3", "o2", "o1");
    assertThat(ids(getA("/api/public/observations?type=GENERATION"))).containsExactly("o5", "o2");
    assertThat(ids(getA("/api/public/observations?type=tool"))).containsExactly("o3");
    assertThat(ids(getA("/api/public/observations?level=ERROR"))).containsExactly("o3");
    assertThat(ids(getA("/api/public/observations?traceId=t1"))).containsExactly("o3", "o2", "o1");
    assertThat(ids(getA("/api/public/observations?userId=u2"))).containsExactly("o4");
    assertThat(ids(getA("/api/public/observations?name=draft-reply&limit=1")))
        .containsExactly("o5");
    assertThat(ids(getA("/api/public/observations?parentObservationId=o1")))
        .containsExactly("o3", "o2");
    assertThat(
            ids(
                getA(
                    "/api/public/observations?fromStartTime=2025-03-01T10:00:00.500Z"
                        + "&toStartTime=2025-03-01T11:00:00Z")))
        .containsExactly("o3");
  }

  @Test
  void observation_byId() {
    JsonNode o = getA("/api/public/observations/o2");

    assertThat(o.get("model").asText()).isEqualTo("gpt-4o");
    assertThat(o.get("traceId").asText()).isEqualTo("t1");
    assertThat(o.get("projectId").asText()).isEqualTo(PROJECT_A);
  }

  @Test
  void sessions_listAndDetail() {
    JsonNode page = getA("/api/public/sessions");
    JsonNode s1 = getA("/api/public/sessions/s1");

    assertThat(ids(page)).containsExactly("s1");
    assertThat(page.get("data").get(0).get("createdAt").asText())
        .isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(page.get("data").get(0).get("environment").asText()).isEqualTo("prod");
    assertThat(s1.get("traces").findValuesAsText("id")).containsExactly("t1", "t2");
  }

  @Test
  void isolation_projectACannotSeeProjectBsRows() {
    assertThat(t.get("/api/public/traces/tb", AUTH_A).statusCode()).isEqualTo(404);
    assertThat(t.get("/api/public/observations/ob", AUTH_A).statusCode()).isEqualTo(404);
    assertThat(getA("/api/public/traces?name=secret").get("data")).isEmpty();
    assertThat(getA("/api/public/sessions/s1").get("traces").findValuesAsText("id"))
        .doesNotContain("tb");

    HttpResponse<String> asB = t.get("/api/public/traces/tb", AUTH_B);
    assertThat(asB.statusCode()).isEqualTo(200);
    assertThat(Json.parse(asB.body()).get("projectId").asText()).isEqualTo(PROJECT_B);
    assertThat(t.get("/api/public/traces/t1", AUTH_B).statusCode()).isEqualTo(404);
  }

  @Test
  void notFound_isJson404() {
    HttpResponse<String> r = t.get("/api/public/traces/nope", AUTH_A);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Json.parse(r.body()).get("message").asText())
        .isEqualTo("trace not found in this project: nope");
    assertThat(t.get("/api/public/sessions/nope", AUTH_A).statusCode()).isEqualTo(404);
  }

  @Test
  void badParameters_are400NamingTheParameter() {
    assertThat(error("/api/public/traces?limit=101")).startsWith("limit:");
    assertThat(error("/api/public/traces?page=0")).startsWith("page:");
    assertThat(error("/api/public/traces?orderBy=price.desc")).startsWith("orderBy:");
    assertThat(error("/api/public/traces?fromTimestamp=yesterday")).startsWith("fromTimestamp:");
    assertThat(error("/api/public/observations?type=LLM")).startsWith("type:");
    assertThat(error("/api/public/observations?level=LOUD")).startsWith("level:");
    assertThat(error("/api/public/sessions?toTimestamp=x")).startsWith("toTimestamp:");
  }

  String error(String pathAndQuery) {
    HttpResponse<String> r = t.get(pathAndQuery, AUTH_A);
    assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(400);
    return Json.parse(r.body()).get("message").asText();
  }
}
