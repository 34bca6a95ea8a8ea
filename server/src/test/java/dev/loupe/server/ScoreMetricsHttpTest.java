package dev.loupe.server;

import static dev.loupe.server.MetricsHttpCases.percentile;
import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.AUTH_B;
import static dev.loupe.server.TestServer.PROJECT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.server.ServerConfig.StorageKind;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The metrics API's score views over real HTTP on a DuckDB file, checked against values this test
 * computes from the scores it sends (through the ingestion batch): average and percentiles of a
 * numeric score by model per day, a boolean's rate by trace name, categorical counts by label and
 * user. 120 traces over 3 days, 3 models, 2 agents, 3 users, seeded random.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoreMetricsHttpTest {
  private static final String[] MODELS = {"gpt-4o", "claude-sonnet-4-5", "acme-llm-7"};
  private static final String[] AGENTS = {"support", "sales"};
  private static final String[] USERS = {"ana", "bo", "cy"};
  private static final String[] TONES = {"calm", "curt", "warm"};
  private static final Instant DAY0 = Instant.parse("2026-03-01T00:00:00Z");

  /** One sent score and the facts of what it scored. */
  record Sent(
      String name,
      double value,
      String label,
      String model,
      String agent,
      String user,
      String day) {}

  private final List<Sent> sent = new ArrayList<>();
  private Path dir;
  private TestServer t;

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("loupe-score-metrics");
    t = TestServer.start(StorageKind.DUCKDB, dir);
    Random random = new Random(14);
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    StringJoiner events = new StringJoiner(",", "{\"batch\":[", "]}");
    for (int i = 0; i < 120; i++) {
      Instant at = DAY0.plusSeconds(random.nextInt(3 * 86_400));
      String day = at.toString().substring(0, 10);
      String model = MODELS[random.nextInt(MODELS.length)];
      String agent = AGENTS[random.nextInt(AGENTS.length)];
      String user = USERS[random.nextInt(USERS.length)];
      String traceId = "tr-" + i;
      traces.add(Trace.builder(PROJECT_A, traceId, at).name(agent).userId(user).build());
      observations.add(
          Observation.builder(PROJECT_A, "gen-" + i, traceId, at)
              .type(ObservationType.GENERATION)
              .model(model)
              .endTime(at.plusSeconds(1))
              .build());
      double helpfulness = random.nextInt(101) / 20.0;
      sent.add(new Sent("helpfulness", helpfulness, null, model, agent, user, day));
      events.add(
          score(
              i + "h",
              traceId,
              "gen-" + i,
              "helpfulness",
              String.valueOf(helpfulness),
              "NUMERIC",
              at));
      double thumb = random.nextInt(4) == 0 ? 0 : 1;
      sent.add(new Sent("thumbs", thumb, null, model, agent, user, day));
      events.add(
          score(i + "b", traceId, null, "thumbs", String.valueOf((int) thumb), "BOOLEAN", at));
      String tone = TONES[random.nextInt(TONES.length)];
      sent.add(new Sent("tone", 0, tone, model, agent, user, day));
      events.add(score(i + "c", traceId, null, "tone", "\"" + tone + "\"", "CATEGORICAL", at));
    }
    t.seed(WriteBatch.of(traces, observations));
    HttpResponse<String> r =
        t.send(
            HttpRequest.newBuilder(t.uri("/api/public/ingestion"))
                .header("Authorization", AUTH_A)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(events.toString()))
                .build());
    assertThat(r.statusCode()).isEqualTo(207);
    assertThat(Json.parse(r.body()).path("errors")).as(r.body()).isEmpty();
  }

  private static String score(
      String id,
      String traceId,
      String observationId,
      String name,
      String value,
      String type,
      Instant at) {
    return "{\"id\":\"ev-"
        + id
        + "\",\"type\":\"score-create\",\"timestamp\":\""
        + at
        + "\","
        + "\"body\":{\"id\":\"sc-"
        + id
        + "\",\"traceId\":\""
        + traceId
        + "\","
        + (observationId == null ? "" : "\"observationId\":\"" + observationId + "\",")
        + "\"name\":\""
        + name
        + "\",\"value\":"
        + value
        + ",\"dataType\":\""
        + type
        + "\","
        + "\"timestamp\":\""
        + at
        + "\"}}";
  }

  @AfterAll
  void stop() throws IOException {
    if (t != null) t.close();
    TestServer.deleteRecursively(dir);
  }

  private JsonNode metrics(String auth, String query) {
    HttpResponse<String> r =
        t.get(
            "/api/public/metrics?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), auth);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body()).get("data");
  }

  private static final String RANGE =
      "\"fromTimestamp\":\"2026-03-01T00:00:00Z\",\"toTimestamp\":\"2026-03-05T00:00:00Z\"";

  @Test
  void averageHelpfulnessByModelPerDay_withPercentiles() {
    JsonNode rows =
        metrics(
            AUTH_A,
            "{\"view\":\"scores-numeric\",\"dimensions\":[{\"field\":\"model\"}],"
                + "\"timeDimension\":{\"granularity\":\"day\"},"
                + "\"metrics\":[{\"measure\":\"value\",\"aggregation\":\"avg\"},"
                + "{\"measure\":\"value\",\"aggregation\":\"p50\"},"
                + "{\"measure\":\"value\",\"aggregation\":\"p95\"},"
                + "{\"measure\":\"count\",\"aggregation\":\"count\"}],"
                + "\"filters\":[{\"column\":\"name\",\"operator\":\"=\",\"value\":\"helpfulness\","
                + "\"type\":\"string\"}],"
                + RANGE
                + "}");
    Map<String, List<Double>> expected = new HashMap<>();
    for (Sent s : sent) {
      if (!s.name().equals("helpfulness")) continue;
      expected.computeIfAbsent(s.model() + "@" + s.day(), k -> new ArrayList<>()).add(s.value());
    }
    assertThat(rows).hasSize(expected.size());
    for (JsonNode row : rows) {
      String key =
          row.get("model").asText() + "@" + row.get("time_dimension").asText().substring(0, 10);
      double[] values = expected.get(key).stream().mapToDouble(Double::doubleValue).toArray();
      assertThat(row.get("count_count").asLong()).as(key).isEqualTo(values.length);
      assertThat(row.get("avg_value").asDouble())
          .as(key)
          .isCloseTo(java.util.Arrays.stream(values).average().orElseThrow(), within(1e-9));
      assertThat(row.get("p50_value").asDouble()).isCloseTo(percentile(values, 0.5), within(1e-9));
      assertThat(row.get("p95_value").asDouble()).isCloseTo(percentile(values, 0.95), within(1e-9));
    }
  }

  @Test
  void thumbsDownRateByAgent_isOneMinusTheBooleanAverage() {
    JsonNode rows =
        metrics(
            AUTH_A,
            "{\"view\":\"scores-numeric\",\"dimensions\":[{\"field\":\"traceName\"}],"
                + "\"metrics\":[{\"measure\":\"value\",\"aggregation\":\"avg\"}],"
                + "\"filters\":[{\"column\":\"dataType\",\"operator\":\"=\",\"value\":\"BOOLEAN\","
                + "\"type\":\"string\"}],"
                + RANGE
                + "}");
    assertThat(rows).hasSize(AGENTS.length);
    for (JsonNode row : rows) {
      String agent = row.get("traceName").asText();
      long all =
          sent.stream().filter(s -> s.name().equals("thumbs") && s.agent().equals(agent)).count();
      long down =
          sent.stream()
              .filter(s -> s.name().equals("thumbs") && s.agent().equals(agent) && s.value() == 0)
              .count();
      assertThat(1 - row.get("avg_value").asDouble())
          .as(agent)
          .isCloseTo(down / (double) all, within(1e-9));
    }
  }

  @Test
  void categoricalCountsByLabelAndUser() {
    JsonNode rows =
        metrics(
            AUTH_A,
            "{\"view\":\"scores-categorical\",\"dimensions\":[{\"field\":\"stringValue\"},"
                + "{\"field\":\"userId\"}],"
                + "\"metrics\":[{\"measure\":\"count\",\"aggregation\":\"count\"}],"
                + RANGE
                + "}");
    Map<String, Long> expected = new HashMap<>();
    for (Sent s : sent)
      if (s.label() != null) expected.merge(s.label() + "/" + s.user(), 1L, Long::sum);
    Map<String, Long> got = new HashMap<>();
    for (JsonNode row : rows)
      got.put(
          row.get("stringValue").asText() + "/" + row.get("userId").asText(),
          row.get("count_count").asLong());
    assertThat(got).isEqualTo(expected);
    assertThat(
            metrics(
                AUTH_B,
                "{\"view\":\"scores-categorical\",\"metrics\":[{\"measure\":\"count\","
                    + "\"aggregation\":\"count\"}],"
                    + RANGE
                    + "}"))
        .isEmpty();
  }
}
