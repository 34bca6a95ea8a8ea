package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.AUTH_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.ServerConfig.StorageKind;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics API over real HTTP: seeded generations go in through the batch API (so ingest prices
 * them), and every answer is compared with values this test computes from the raw data it sent:
 * costs from the per-token prices, percentiles with its own linear interpolation.
 */
abstract class MetricsHttpCases {
  /** Per-token input and output prices of the bundled table; acme-llm-7 has none. */
  private static final Map<String, BigDecimal[]> PRICES =
      Map.of(
          "gpt-4o", new BigDecimal[] {new BigDecimal("0.0000025"), new BigDecimal("0.00001")},
          "claude-sonnet-4-5",
              new BigDecimal[] {new BigDecimal("0.000003"), new BigDecimal("0.000015")});

  private static final String[] MODELS = {"gpt-4o", "claude-sonnet-4-5", "acme-llm-7"};
  private static final String[] USERS = {"ana", "bo", "cy"};
  private static final Instant DAY0 = Instant.parse("2026-03-01T00:00:00Z");

  /** One generation as sent. */
  record Sent(
      String id,
      String traceId,
      String user,
      String model,
      Instant start,
      long latencyMs,
      long ttftMs,
      long input,
      long output,
      boolean error) {
    BigDecimal cost() {
      BigDecimal[] p = PRICES.get(model);
      if (p == null) return null;
      return p[0].multiply(BigDecimal.valueOf(input))
          .add(p[1].multiply(BigDecimal.valueOf(output)));
    }
  }

  private final StorageKind storage;
  @TempDir Path dir;
  TestServer t;
  final List<Sent> sent = new ArrayList<>();

  MetricsHttpCases(StorageKind storage) {
    this.storage = storage;
  }

  @BeforeEach
  void start() {
    t = TestServer.start(storage, dir);
    Random random = new Random(42);
    List<String> events = new ArrayList<>();
    for (int trace = 0; trace < 40; trace++) {
      String traceId = "mt-" + trace;
      String user = USERS[trace % USERS.length];
      Instant traceStart = DAY0.plusSeconds(trace * 7_200L); // 40 traces over ~3.3 days
      events.add(
          event(
              "trace-create",
              "{\"id\":\""
                  + traceId
                  + "\",\"name\":\"agent\",\"userId\":\""
                  + user
                  + "\",\"timestamp\":\""
                  + traceStart
                  + "\"}"));
      for (int g = 0; g < 3; g++) {
        Sent s =
            new Sent(
                traceId + "-g" + g,
                traceId,
                user,
                MODELS[random.nextInt(MODELS.length)],
                traceStart.plusMillis(g * 1000L),
                50 + random.nextInt(3000),
                10 + random.nextInt(40),
                100 + random.nextInt(2000),
                10 + random.nextInt(500),
                random.nextInt(10) == 0);
        sent.add(s);
        events.add(
            event(
                "generation-create",
                "{\"id\":\""
                    + s.id
                    + "\",\"traceId\":\""
                    + traceId
                    + "\",\"name\":\"llm\","
                    + "\"model\":\""
                    + s.model
                    + "\",\"startTime\":\""
                    + s.start
                    + "\",\"completionStartTime\":\""
                    + s.start.plusMillis(s.ttftMs)
                    + "\",\"endTime\":\""
                    + s.start.plusMillis(s.latencyMs)
                    + "\",\"level\":\""
                    + (s.error ? "ERROR" : "DEFAULT")
                    + "\",\"usageDetails\":{\"input\":"
                    + s.input
                    + ",\"output\":"
                    + s.output
                    + "}}"));
      }
    }
    HttpResponse<String> r =
        post("/api/public/ingestion", "{\"batch\":[" + String.join(",", events) + "]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
    assertThat(Json.parse(r.body()).get("errors")).as(r.body()).isEmpty();
  }

  @AfterEach
  void stop() {
    if (t != null) t.close();
  }

  @Test
  void modelAnalysis_inOneCall_matchesValuesComputedFromTheRawData() {
    JsonNode rows =
        metrics(
            "{\"view\":\"observations\",\"dimensions\":[{\"field\":\"providedModelName\"}],"
                + "\"metrics\":[{\"measure\":\"count\",\"aggregation\":\"count\"},"
                + "{\"measure\":\"inputTokens\",\"aggregation\":\"sum\"},"
                + "{\"measure\":\"outputTokens\",\"aggregation\":\"sum\"},"
                + "{\"measure\":\"totalCost\",\"aggregation\":\"sum\"},"
                + "{\"measure\":\"latency\",\"aggregation\":\"p50\"},"
                + "{\"measure\":\"latency\",\"aggregation\":\"p95\"},"
                + "{\"measure\":\"latency\",\"aggregation\":\"p99\"},"
                + "{\"measure\":\"timeToFirstToken\",\"aggregation\":\"p95\"},"
                + "{\"measure\":\"errors\",\"aggregation\":\"avg\"}],"
                + "\"filters\":[{\"column\":\"type\",\"operator\":\"=\",\"value\":\"GENERATION\",\"type\":\"string\"}],"
                + "\"fromTimestamp\":\"2026-03-01T00:00:00Z\",\"toTimestamp\":\"2026-03-08T00:00:00Z\"}");
    Map<String, List<Sent>> byModel = new TreeMap<>();
    for (Sent s : sent) byModel.computeIfAbsent(s.model, k -> new ArrayList<>()).add(s);
    assertThat(rows).hasSize(byModel.size());
    for (JsonNode row : rows) {
      List<Sent> group = byModel.get(row.get("providedModelName").asText());
      assertThat(group).isNotNull();
      assertThat(row.get("count_count").asLong()).isEqualTo(group.size());
      assertThat(row.get("sum_inputTokens").asLong())
          .isEqualTo(group.stream().mapToLong(Sent::input).sum());
      assertThat(row.get("sum_outputTokens").asLong())
          .isEqualTo(group.stream().mapToLong(Sent::output).sum());
      BigDecimal cost = null;
      for (Sent s : group)
        if (s.cost() != null) cost = cost == null ? s.cost() : cost.add(s.cost());
      if (cost == null) assertThat(row.get("sum_totalCost").isNull()).isTrue();
      else assertThat(row.get("sum_totalCost").decimalValue()).isEqualByComparingTo(cost);
      double[] latencies = group.stream().mapToDouble(Sent::latencyMs).toArray();
      assertThat(row.get("p50_latency").asDouble())
          .isCloseTo(percentile(latencies, 0.50), within(1e-6));
      assertThat(row.get("p95_latency").asDouble())
          .isCloseTo(percentile(latencies, 0.95), within(1e-6));
      assertThat(row.get("p99_latency").asDouble())
          .isCloseTo(percentile(latencies, 0.99), within(1e-6));
      double[] ttft = group.stream().mapToDouble(Sent::ttftMs).toArray();
      assertThat(row.get("p95_timeToFirstToken").asDouble())
          .isCloseTo(percentile(ttft, 0.95), within(1e-6));
      double errorRate = group.stream().filter(Sent::error).count() / (double) group.size();
      assertThat(row.get("avg_errors").asDouble()).isCloseTo(errorRate, within(1e-9));
    }
  }

  @Test
  void costByUserPerDay_andTopUsersByCost_matchTheRawData() {
    JsonNode rows =
        metrics(
            "{\"view\":\"observations\",\"dimensions\":[{\"field\":\"userId\"}],"
                + "\"metrics\":[{\"measure\":\"totalCost\",\"aggregation\":\"sum\"}],"
                + "\"timeDimension\":{\"granularity\":\"day\"},"
                + "\"orderBy\":[{\"field\":\"sum_totalCost\",\"direction\":\"desc\"}],"
                + "\"fromTimestamp\":\"2026-03-01T00:00:00Z\",\"toTimestamp\":\"2026-03-08T00:00:00Z\"}");
    Map<String, BigDecimal> expected = new HashMap<>();
    for (Sent s : sent) {
      if (s.cost() == null) continue;
      String key = s.user + "@" + s.start.toString().substring(0, 10);
      expected.merge(key, s.cost(), BigDecimal::add);
    }
    assertThat(rows).hasSize(expected.size());
    BigDecimal previous = null;
    for (JsonNode row : rows) {
      String key =
          row.get("userId").asText() + "@" + row.get("time_dimension").asText().substring(0, 10);
      BigDecimal cost = row.get("sum_totalCost").decimalValue();
      assertThat(cost).as(key).isEqualByComparingTo(expected.get(key));
      if (previous != null) assertThat(cost).isLessThanOrEqualTo(previous);
      previous = cost;
    }
  }

  @Test
  void daily_countsTracesObservationsAndCostPerDayAndModel() {
    HttpResponse<String> r =
        t.get(
            "/api/public/metrics/daily?fromTimestamp=2026-03-01T00:00:00Z&toTimestamp=2026-03-08T00:00:00Z",
            AUTH_A);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode days = Json.parse(r.body()).get("data");
    Map<String, List<Sent>> byDay = new TreeMap<>();
    for (Sent s : sent)
      byDay.computeIfAbsent(s.start.toString().substring(0, 10), k -> new ArrayList<>()).add(s);
    assertThat(days).hasSize(byDay.size());
    for (JsonNode day : days) {
      List<Sent> group = byDay.get(day.get("date").asText());
      assertThat(day.get("countTraces").asLong())
          .isEqualTo(group.stream().map(Sent::traceId).distinct().count());
      assertThat(day.get("countObservations").asLong()).isEqualTo(group.size());
      BigDecimal cost =
          group.stream()
              .map(Sent::cost)
              .filter(c -> c != null)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(day.get("totalCost").decimalValue()).isEqualByComparingTo(cost);
      for (JsonNode usage : day.get("usage")) {
        List<Sent> m =
            group.stream().filter(s -> s.model.equals(usage.get("model").asText())).toList();
        assertThat(usage.get("countObservations").asLong()).isEqualTo(m.size());
        assertThat(usage.get("inputUsage").asLong())
            .isEqualTo(m.stream().mapToLong(Sent::input).sum());
      }
    }
  }

  @Test
  void metrics_badQueryIsA400NamingThePath_andOtherProjectsSeeNothing() {
    HttpResponse<String> bad =
        t.get(
            "/api/public/metrics?query="
                + URLEncoder.encode(
                    "{\"view\":\"observations\",\"metrics\":[{\"measure\":\"latency\",\"aggregation\":\"median\"}],"
                        + "\"fromTimestamp\":\"2026-03-01T00:00:00Z\",\"toTimestamp\":\"2026-03-08T00:00:00Z\"}",
                    StandardCharsets.UTF_8),
            AUTH_A);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("metrics[0].aggregation").contains("median");
    HttpResponse<String> other =
        t.get(
            "/api/public/metrics?query="
                + URLEncoder.encode(
                    "{\"view\":\"traces\",\"metrics\":[{\"measure\":\"count\",\"aggregation\":\"count\"}],"
                        + "\"fromTimestamp\":\"2026-03-01T00:00:00Z\",\"toTimestamp\":\"2026-03-08T00:00:00Z\"}",
                    StandardCharsets.UTF_8),
            AUTH_B);
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(Json.parse(other.body()).get("data")).isEmpty();
  }

  /** Linear interpolation between closest ranks, computed here independently of the server. */
  static double percentile(double[] values, double p) {
    double[] v = values.clone();
    Arrays.sort(v);
    double h = (v.length - 1) * p;
    int lo = (int) Math.floor(h);
    return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
  }

  private JsonNode metrics(String query) {
    HttpResponse<String> r =
        t.get(
            "/api/public/metrics?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
            AUTH_A);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body()).get("data");
  }

  private static int seq;

  private static String event(String type, String body) {
    return "{\"id\":\"me-"
        + (++seq)
        + "\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"type\":\""
        + type
        + "\",\"body\":"
        + body
        + "}";
  }

  private HttpResponse<String> post(String path, String body) {
    return t.send(
        HttpRequest.newBuilder(t.uri(path))
            .header("Authorization", AUTH_A)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body))
            .build());
  }
}
