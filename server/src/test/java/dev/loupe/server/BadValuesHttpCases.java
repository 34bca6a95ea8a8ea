package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.PK_A;
import static dev.loupe.server.TestServer.PROJECT_A;
import static dev.loupe.server.TestServer.SK_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.CostSource;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.server.ServerConfig.StorageKind;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values no store or reader can live with, sent over real HTTP as a client would: each bad event or
 * span is that item's error naming the field and why, the good ones beside it are stored, and
 * whatever is stored stays readable through the API and the UI.
 */
abstract class BadValuesHttpCases {
  private final StorageKind storage;
  @TempDir Path dir;
  TestServer t;

  BadValuesHttpCases(StorageKind storage) {
    this.storage = storage;
  }

  @BeforeEach
  void start() {
    t = TestServer.start(storage, dir);
  }

  @AfterEach
  void stop() {
    if (t != null) t.close();
  }

  @Test
  void langfuseEvents_withTimesOutOfRange_areRejectedAloneNamingTheField() {
    JsonNode answer =
        ingest(
            event("e-ok", "generation-create", NOW, generation("g-ok", "t-ok", "")),
            event("e-far", "span-create", "+999999999-12-31T23:59:59Z", span("s-far", "t-far")),
            event(
                "e-old",
                "span-create",
                NOW,
                "{\"id\":\"s-old\",\"traceId\":\"t-old\",\"startTime\":\"0001-01-01T00:00:00Z\"}"),
            event(
                "e-end",
                "generation-create",
                NOW,
                generation("g-end", "t-end", ",\"endTime\":\"2500-01-01T00:00:00Z\"")),
            event(
                "e-trace",
                "trace-create",
                NOW,
                "{\"id\":\"t-year1\",\"timestamp\":\"0001-01-01T00:00:00Z\"}"));

    assertThat(successIds(answer)).containsExactly("e-ok");
    assertThat(errors(answer))
        .containsOnlyKeys("e-far", "e-old", "e-end", "e-trace")
        .containsEntry(
            "e-far", "timestamp: +999999999-12-31T23:59:59Z is at or after 2200-01-01T00:00:00Z")
        .containsEntry(
            "e-old", "body.startTime: 0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z")
        .containsEntry(
            "e-end", "body.endTime: 2500-01-01T00:00:00Z is at or after 2200-01-01T00:00:00Z")
        .containsEntry(
            "e-trace", "body.timestamp: 0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z");
    assertReadable();
    assertThat(observationIds()).containsExactly("g-ok");
  }

  @Test
  void otlpSpans_withTimesOutOfRange_areRejectedAloneNamingTheField() {
    String spans =
        String.join(
            ",",
            otlpSpan("aaaaaaaaaaaaaaa1", "ok", "1767225600000000000", "1767225601000000000", ""),
            // OTLP times are unsigned 64-bit nanoseconds: this is 2554, past the bound
            otlpSpan("aaaaaaaaaaaaaaa2", "far-end", "1767225600000000000", U64_MAX, ""),
            // in a signed long this starts in 2262
            otlpSpan("aaaaaaaaaaaaaaa3", "late-start", "9223372036854775807", "0", ""));

    JsonNode partial = exportJson(spans).get("partialSuccess");

    assertThat(partial.get("rejectedSpans").asLong()).isEqualTo(2);
    assertThat(partial.get("errorMessage").asText())
        .contains("\"far-end\": endTime: 2554-07-21T23:34:33.709551Z is at or after 2200")
        .contains("\"late-start\": startTime: 2262-04-11T23:47:16.854775Z is at or after 2200");
    assertReadable();
    assertThat(observationIds()).containsExactly("aaaaaaaaaaaaaaa1");
  }

  @Test
  void costAboveWhatTheStoreHolds_isRejectedAloneNamingTheField() {
    JsonNode answer =
        ingest(
            event("e-ok", "generation-create", NOW, generation("g-ok", "t-ok", "")),
            event(
                "e-rich",
                "generation-create",
                NOW,
                generation("g-rich", "t-rich", ",\"costDetails\":{\"total\":1000000}")),
            event(
                "e-legacy",
                "generation-create",
                NOW,
                generation("g-legacy", "t-legacy", ",\"usage\":{\"inputCost\":2e6}")));

    assertThat(successIds(answer)).containsExactly("e-ok");
    assertThat(errors(answer).get("e-rich"))
        .isEqualTo("body.costDetails.total: 1000000 is above 999999.999999999999 USD");
    assertThat(errors(answer).get("e-legacy"))
        .isEqualTo("body.usage.inputCost: 2000000 is above 999999.999999999999 USD");

    JsonNode partial =
        exportJson(
                otlpSpan(
                    "bbbbbbbbbbbbbbb1",
                    "rich",
                    "1767225600000000000",
                    "1767225601000000000",
                    attribute("gen_ai.usage.cost", "\"12345678\"")))
            .get("partialSuccess");
    assertThat(partial.get("errorMessage").asText())
        .contains("costDetails.total: 12345678 is above 999999.999999999999 USD");
    assertReadable();
    assertThat(observationIds()).containsExactly("g-ok");
  }

  @Test
  void numberBeyondADouble_isThatEventsErrorNamingTheField() {
    JsonNode answer =
        ingest(
            event("e-ok", "generation-create", NOW, generation("g-ok", "t-ok", "")),
            event(
                "e-inf",
                "generation-create",
                NOW,
                generation("g-inf", "t-inf", ",\"costDetails\":{\"input\":1e400}")));

    assertThat(successIds(answer)).containsExactly("e-ok");
    assertThat(errors(answer).get("e-inf"))
        .isEqualTo("body.costDetails.input: 1E+400 is above 999999.999999999999 USD");
    assertThat(observationIds()).containsExactly("g-ok");
  }

  @Test
  void hugeExponents_areRejectedPromptlyNamingTheField() {
    // 1e99999999 has a short text but a hundred million digits: rounding or scaling it takes
    // minutes
    String spans =
        String.join(
            ",",
            otlpSpan("ccccccccccccccc1", "ok", "1767225600000000000", "1767225601000000000", ""),
            otlpSpan(
                "ccccccccccccccc2",
                "cost",
                "1767225600000000000",
                "1767225601000000000",
                attribute("gen_ai.usage.cost", "\"1e99999999\"")),
            otlpSpan(
                "ccccccccccccccc3",
                "tokens",
                "1767225600000000000",
                "1767225601000000000",
                attribute("gen_ai.request.model", "\"gpt-4o\"")
                    + ","
                    + attribute("gen_ai.usage.input_tokens", "\"1e99999999\"")),
            otlpSpan(
                "ccccccccccccccc4",
                "tiny",
                "1767225600000000000",
                "1767225601000000000",
                attribute("gen_ai.usage.cost", "\"1e-99999999\"")));

    long t0 = System.nanoTime();
    JsonNode partial = exportJson(spans).get("partialSuccess");

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(partial.get("rejectedSpans").asLong()).isEqualTo(3);
    assertThat(partial.get("errorMessage").asText())
        .contains("\"cost\": costDetails.total: 1E+99999999 is above 999999.999999999999 USD")
        .contains("\"tokens\": usageDetails.input: ")
        .contains("\"tiny\": costDetails.total: 1E-99999999 has more than");
    assertReadable();
    assertThat(observationIds()).containsExactly("ccccccccccccccc1");
  }

  @Test
  void textWithNulAndUnpairedSurrogates_isStoredAndReadBack() {
    JsonNode answer =
        ingest(
            event(
                "e-text",
                "generation-create",
                NOW,
                "{\"id\":\"g-text\",\"traceId\":\"t-text\",\"name\":\"nul\\u0000name\","
                    + "\"model\":\"gpt-4o\",\"startTime\":\"2026-01-01T00:00:00Z\","
                    + "\"input\":{\"q\":\"lone \\ud800 surrogate\"},"
                    + "\"metadata\":{\"k\\udc00\":\"v\\u0000\"}}"));

    assertThat(successIds(answer)).containsExactly("e-text");
    JsonNode o = read("/api/public/observations/g-text");
    assertThat(o.get("name").asText()).isEqualTo("nul\u0000name");
    assertThat(o.get("input").get("q").asText()).isEqualTo("lone \ufffd surrogate");
    assertThat(o.get("metadata").get("k\ufffd").asText()).isEqualTo("v\u0000");
    assertReadable();
  }

  @Test
  void storedRowsOutOfRange_stayReadableEverywhere() {
    // rows no longer accepted at entry, as an older data file may hold them
    Instant year1 = Instant.parse("0001-01-01T00:00:00Z");
    Instant year9999 = Instant.parse("9999-12-31T23:59:59Z");
    Instant now = Instant.parse(NOW);
    Observation old =
        Observation.builder(PROJECT_A, "o-year1", "t-old", year1)
            .type(ObservationType.GENERATION)
            .name("from year 1")
            .model("gpt-4o")
            .endTime(now)
            .completionStartTime(year9999)
            .usageDetails(Map.of("input", 10L, "output", Long.MAX_VALUE / 2))
            .costDetails(Map.of("total", new BigDecimal("999999.999999999999")))
            .costSource(CostSource.PROVIDED)
            .build();
    Observation late =
        Observation.builder(PROJECT_A, "o-year9999", "t-old", now)
            .type(ObservationType.GENERATION)
            .model("gpt-4o")
            .endTime(year9999)
            .usageDetails(Map.of("output", Long.MAX_VALUE / 2, "output_reasoning", 9L))
            .build();
    // the farthest times DuckDB's TIMESTAMP holds: their difference is beyond a long's micros
    Instant farPast = Instant.parse("-200000-01-01T00:00:00Z");
    Instant farFuture = Instant.parse("+200000-01-01T00:00:00Z");
    Observation extreme =
        Observation.builder(PROJECT_A, "o-extreme", "t-extreme", farPast)
            .endTime(farFuture)
            .usageDetails(Map.of("output", 5L))
            .build();
    t.seed(
        WriteBatch.of(
            List.of(
                Trace.builder(PROJECT_A, "t-old", year1).sessionId("s-old").build(),
                Trace.builder(PROJECT_A, "t-extreme", farPast).build()),
            List.of(old, late, extreme)));

    JsonNode trace = read("/api/public/traces/t-old");
    assertThat(trace.get("latency").decimalValue())
        .isEqualByComparingTo(BigDecimal.valueOf(Duration.between(year1, year9999).getSeconds()));
    assertThat(trace.get("observations")).hasSize(2);
    assertReadable();
    for (String range : List.of("1h", "all")) {
      assertThat(ui("/ui/traces?range=" + range).statusCode()).isEqualTo(200);
    }
    assertThat(ui("/ui/traces/t-old").statusCode()).isEqualTo(200);
    assertThat(ui("/ui/traces/t-extreme").statusCode()).isEqualTo(200);
    read("/api/public/traces?orderBy=latency.desc&minLatency=1");
    read("/api/public/traces?orderBy=tokens.desc");
    assertThat(ui("/ui/traces/t-old/observations/o-year1").statusCode()).isEqualTo(200);
    assertThat(ui("/ui/traces/t-old/observations/o-year9999").statusCode()).isEqualTo(200);
    assertThat(ui("/ui/sessions").statusCode()).isEqualTo(200);
    assertThat(ui("/ui/sessions/s-old").statusCode()).isEqualTo(200);
    assertThat(ui("/ui/dashboard?from=2025-12-01T00:00:00Z&to=2026-02-01T00:00:00Z").statusCode())
        .isEqualTo(200);
    assertThat(ui("/ui/models?from=2025-12-01T00:00:00Z&to=2026-02-01T00:00:00Z").statusCode())
        .isEqualTo(200);
    String metrics =
        "{\"view\":\"observations\",\"metrics\":[{\"measure\":\"latency\",\"aggregation\":\"max\"},"
            + "{\"measure\":\"outputTokensPerSecond\",\"aggregation\":\"max\"},"
            + "{\"measure\":\"timeToFirstToken\",\"aggregation\":\"p95\"},"
            + "{\"measure\":\"outputTokens\",\"aggregation\":\"sum\"}],"
            + "\"fromTimestamp\":\"-200000-01-01T00:00:00Z\",\"toTimestamp\":\"9999-12-31T23:59:59Z\"}";
    HttpResponse<String> m =
        t.get(
            "/api/public/metrics?query=" + URLEncoder.encode(metrics, StandardCharsets.UTF_8),
            AUTH_A);
    assertThat(m.statusCode()).as(m.body()).isEqualTo(200);
  }

  // --- helpers ---

  static final String NOW = "2026-01-01T00:00:00Z";
  static final String U64_MAX = "18446744073709551615";

  static String event(String id, String type, String timestamp, String body) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\""
        + type
        + "\",\"timestamp\":\""
        + timestamp
        + "\",\"body\":"
        + body
        + "}";
  }

  static String span(String id, String traceId) {
    return "{\"id\":\"" + id + "\",\"traceId\":\"" + traceId + "\",\"name\":\"" + id + "\"}";
  }

  static String generation(String id, String traceId, String more) {
    return "{\"id\":\""
        + id
        + "\",\"traceId\":\""
        + traceId
        + "\",\"name\":\"gen\",\"model\":\"gpt-4o\",\"startTime\":\""
        + NOW
        + "\",\"usageDetails\":{\"input\":10,\"output\":5}"
        + more
        + "}";
  }

  static String otlpSpan(String spanId, String name, String start, String end, String attrs) {
    return "{\"traceId\":\"0123456789abcdef0123456789abcdef\",\"spanId\":\""
        + spanId
        + "\",\"name\":\""
        + name
        + "\",\"startTimeUnixNano\":\""
        + start
        + "\",\"endTimeUnixNano\":\""
        + end
        + "\",\"attributes\":["
        + attrs
        + "]}";
  }

  static String attribute(String key, String stringValueJson) {
    return "{\"key\":\"" + key + "\",\"value\":{\"stringValue\":" + stringValueJson + "}}";
  }

  JsonNode ingest(String... events) {
    HttpResponse<String> r =
        t.send(
            HttpRequest.newBuilder(t.uri("/api/public/ingestion"))
                .header("Authorization", AUTH_A)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"batch\":[" + String.join(",", events) + "]}"))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
    return Json.parse(r.body());
  }

  JsonNode exportJson(String spans) {
    String body = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}";
    HttpResponse<String> r =
        t.send(
            HttpRequest.newBuilder(t.uri("/api/public/otel/v1/traces"))
                .header("Authorization", AUTH_A)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(BodyPublishers.ofString(body))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  static List<String> successIds(JsonNode answer) {
    return answer.get("successes").findValuesAsText("id");
  }

  static Map<String, String> errors(JsonNode answer) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (JsonNode e : answer.get("errors")) {
      assertThat(e.get("status").asInt()).as(e.toString()).isEqualTo(400);
      out.put(e.get("id").asText(), e.get("message").asText());
    }
    return out;
  }

  JsonNode read(String path) {
    HttpResponse<String> r = t.get(path, AUTH_A);
    assertThat(r.statusCode()).as("%s -> %s", path, r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  List<String> observationIds() {
    List<String> ids = new ArrayList<>();
    read("/api/public/observations?limit=100")
        .get("data")
        .forEach(o -> ids.add(o.get("id").asText()));
    return ids;
  }

  /** The project's default reads answer 200: traces list, each trace, observations, sessions. */
  void assertReadable() {
    JsonNode traces = read("/api/public/traces");
    for (JsonNode trace : traces.get("data")) {
      read(
          "/api/public/traces/"
              + URLEncoder.encode(trace.get("id").asText(), StandardCharsets.UTF_8));
    }
    for (JsonNode o : read("/api/public/observations?limit=100").get("data")) {
      read(
          "/api/public/observations/"
              + URLEncoder.encode(o.get("id").asText(), StandardCharsets.UTF_8));
    }
    read("/api/public/sessions");
    read("/api/public/metrics/daily");
    assertThat(ui("/ui/traces").statusCode()).isEqualTo(200);
  }

  private String session;

  HttpResponse<String> ui(String path) {
    if (session == null) {
      HttpResponse<String> login =
          t.send(
              HttpRequest.newBuilder(t.uri("/ui/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(BodyPublishers.ofString("publicKey=" + PK_A + "&secretKey=" + SK_A))
                  .build());
      assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
      String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
      session = "loupe_session=" + cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }
    HttpResponse<String> r =
        t.send(HttpRequest.newBuilder(t.uri(path)).header("Cookie", session).GET().build());
    assertThat(r.statusCode()).as("%s -> %s", path, r.body()).isLessThan(500);
    return r;
  }
}
