package dev.loupe.server.npm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.npm.NpmClient.AgentRun;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * No token or dollar counted twice, with the real clients from npm sending OTLP to a real server
 * (real HTTP, real DuckDB file): the Vercel AI SDK 6 (outer {@code ai.generateText} / {@code
 * ai.streamText} over {@code .doGenerate} / {@code .doStream}), the Vercel AI SDK 7 through
 * {@code @ai-sdk/otel} (GenAI {@code invoke_agent} over {@code chat}; and the legacy spans), and a
 * Strands Agents agent (GenAI {@code invoke_agent} with the run's usage over {@code chat}), all on
 * the AI SDK's mock language model named gpt-4o-mini (a bundled price). Each parent reports the
 * run's total; the trace, the traces list, the session, the user and the metrics API must each
 * equal the usage the library itself reports, and the cost of the generations that did the work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ITAgentUsageTotals {
  static final String PROJECT = "agents";
  static final String PK = "pk-lf-agents-public";
  static final String SK = "sk-lf-agents-secret";
  static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString((PK + ":" + SK).getBytes(StandardCharsets.UTF_8));
  static final ObjectMapper JSON = new ObjectMapper();

  /** Model calls per run label (generateText with a tool: two; a stream: one). */
  static final Map<String, Integer> MODEL_CALLS =
      Map.of(
          "generateText", 2,
          "streamText", 1,
          "genai-generateText", 2,
          "genai-streamText", 1,
          "legacy-generateText", 2,
          "strands-agent", 2);

  @TempDir static Path dataDir;
  final HttpClient http = HttpClient.newHttpClient();
  final List<AgentRun> runs = new ArrayList<>();
  LoupeServer server;

  @BeforeAll
  void sendRealAgentRuns() throws Exception {
    List<NpmClient> clients = new ArrayList<>();
    for (String name : List.of("ai-v6", "ai-v7", "genai-agent"))
      clients.add(NpmClient.prepared(name));
    server =
        LoupeServer.start(
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
                    SK)));
    for (NpmClient client : clients) {
      NpmClient.Run run = client.node("run.mjs", baseUrl(), PK, SK);
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).as(run.output()).contains("DONE");
      runs.addAll(run.runs());
    }
    assertThat(runs)
        .extracting(AgentRun::label)
        .containsExactlyInAnyOrderElementsOf(MODEL_CALLS.keySet());
  }

  @AfterAll
  void stop() {
    if (server != null) server.close();
  }

  @Test
  void eachTrace_totalsAreTheLibrarysReportedUsageAndTheGenerationsCost() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (AgentRun run : runs) {
      String as = run.label() + " (" + run.rootName() + ")";
      soft.assertThat(metricsTokensOfTrace(run.traceId()))
          .as(as + ": metrics API tokens of the trace")
          .isEqualTo(run.usage().total());
      JsonNode trace = getJson("/api/public/traces/" + run.traceId());
      soft.assertThat(trace.path("totalCost").decimalValue())
          .as(as + ": trace totalCost = the generations' cost")
          .isEqualByComparingTo(generationsCost(trace))
          .isPositive();
      soft.assertThat(trace.path("totalTokens").asLong())
          .as(as + ": trace totalTokens")
          .isEqualTo(run.usage().total());

      List<JsonNode> generations = generations(trace);
      soft.assertThat(generations).as(as + ": model calls").hasSize(MODEL_CALLS.get(run.label()));
      soft.assertThat(generations.stream().mapToLong(o -> o.path("totalTokens").asLong()).sum())
          .as(as + ": the generations did the work")
          .isEqualTo(run.usage().total());
      JsonNode root = null;
      for (JsonNode o : trace.path("observations"))
        if (o.path("parentObservationId").isNull()) root = o;
      assertThat(root).as(as + ": the root span").isNotNull();
      soft.assertThat(root.path("usage").path("total").asLong())
          .as(as + ": the root shows the run's usage as reported")
          .isEqualTo(run.usage().total());
      soft.assertThat(root.path("usageScope").asText()).as(as).isEqualTo("DESCENDANTS");
      soft.assertThat(root.path("calculatedTotalCost").isNull()).as(as + ": not priced").isTrue();
      soft.assertThat(root.path("costSource").asText()).as(as).isEqualTo("NONE");
      soft.assertThat(root.path("mappingNotes").path("usageScope").asText())
          .as(as)
          .contains("reports the total of its");
    }
    soft.assertAll();
  }

  @Test
  void tracesList_showsTheSameTotalsAsEachTrace() throws Exception {
    Map<String, JsonNode> listed = new LinkedHashMap<>();
    for (JsonNode t : getJson("/api/public/traces?limit=100").path("data"))
      listed.put(t.path("id").asText(), t);
    for (AgentRun run : runs) {
      JsonNode item = listed.get(run.traceId());
      assertThat(item).as(run.label()).isNotNull();
      JsonNode detail = getJson("/api/public/traces/" + run.traceId());
      assertThat(item.path("totalCost").decimalValue())
          .as(run.label())
          .isEqualByComparingTo(detail.path("totalCost").decimalValue());
      assertThat(item.path("totalTokens").asLong()).as(run.label()).isEqualTo(run.usage().total());
    }
  }

  /** Each client's runs share a session and a user; their totals add the runs' usage once. */
  @Test
  void sessionsUsersAndMetrics_addEachModelCallOnce() throws Exception {
    Map<String, List<AgentRun>> bySession = new LinkedHashMap<>();
    Map<String, String> userOfSession = new LinkedHashMap<>();
    for (AgentRun run : runs) {
      JsonNode trace = getJson("/api/public/traces/" + run.traceId());
      if (trace.path("sessionId").isNull()) continue; // legacy v7 spans carry none
      String session = trace.path("sessionId").asText();
      bySession.computeIfAbsent(session, s -> new ArrayList<>()).add(run);
      userOfSession.put(session, trace.path("userId").asText());
    }
    assertThat(bySession.keySet())
        .containsExactlyInAnyOrder("session-ai-v6", "session-ai-v7", "session-genai-agent");
    for (Map.Entry<String, List<AgentRun>> e : bySession.entrySet()) {
      String session = e.getKey(), user = userOfSession.get(session);
      long tokens = e.getValue().stream().mapToLong(r -> r.usage().total()).sum();
      long calls = e.getValue().stream().mapToLong(r -> MODEL_CALLS.get(r.label())).sum();
      BigDecimal cost = BigDecimal.ZERO;
      for (AgentRun r : e.getValue())
        cost = cost.add(generationsCost(getJson("/api/public/traces/" + r.traceId())));

      JsonNode metrics =
          metrics(
              "{\"view\":\"traces\",\"dimensions\":[{\"field\":\"userId\"}],"
                  + "\"metrics\":[{\"measure\":\"totalTokens\",\"aggregation\":\"sum\"},"
                  + "{\"measure\":\"totalCost\",\"aggregation\":\"sum\"}],"
                  + "\"filters\":[{\"column\":\"sessionId\",\"operator\":\"=\",\"value\":\""
                  + session
                  + "\"}]}");
      assertThat(metrics.size()).as(session).isEqualTo(1);
      assertThat(metrics.get(0).path("userId").asText()).isEqualTo(user);
      assertThat(metrics.get(0).path("sum_totalTokens").asLong()).as(session).isEqualTo(tokens);
      assertThat(metrics.get(0).path("sum_totalCost").decimalValue())
          .as(session)
          .isEqualByComparingTo(cost);

      long listedTokens = 0;
      BigDecimal listedCost = BigDecimal.ZERO;
      for (JsonNode t : getJson("/api/public/traces?limit=100&sessionId=" + session).path("data")) {
        listedTokens += t.path("totalTokens").asLong();
        listedCost = listedCost.add(t.path("totalCost").decimalValue());
      }
      assertThat(listedTokens).as(session + " traces list").isEqualTo(tokens);
      assertThat(listedCost).as(session).isEqualByComparingTo(cost);
      assertThat(getJson("/api/public/sessions/" + session).path("traces"))
          .extracting(t -> t.path("id").asText())
          .containsExactlyInAnyOrderElementsOf(
              e.getValue().stream().map(AgentRun::traceId).toList());

      JsonNode byModel =
          metrics(
              "{\"view\":\"observations\",\"dimensions\":[{\"field\":\"providedModelName\"}],"
                  + "\"metrics\":[{\"measure\":\"count\",\"aggregation\":\"count\"},"
                  + "{\"measure\":\"totalTokens\",\"aggregation\":\"sum\"},"
                  + "{\"measure\":\"totalCost\",\"aggregation\":\"sum\"}],"
                  + "\"filters\":[{\"column\":\"userId\",\"operator\":\"=\",\"value\":\""
                  + user
                  + "\"},{\"column\":\"providedModelName\",\"operator\":\"is not null\"},"
                  + "{\"column\":\"usageScope\",\"operator\":\"=\",\"value\":\"OWN\"}]}");
      assertThat(byModel.size()).as(user).isEqualTo(1);
      assertThat(byModel.get(0).path("providedModelName").asText()).isEqualTo("gpt-4o-mini");
      assertThat(byModel.get(0).path("count_count").asLong()).as(user + " calls").isEqualTo(calls);
      assertThat(byModel.get(0).path("sum_totalTokens").asLong()).as(user).isEqualTo(tokens);
      assertThat(byModel.get(0).path("sum_totalCost").decimalValue())
          .as(user)
          .isEqualByComparingTo(cost);

      JsonNode daily = getJson("/api/public/metrics/daily?userId=" + user).path("data");
      assertThat(daily.size()).as(user).isEqualTo(1);
      assertThat(daily.get(0).path("totalCost").decimalValue())
          .as(user + " daily cost")
          .isEqualByComparingTo(cost);
      JsonNode usage = daily.get(0).path("usage");
      assertThat(usage.size()).as(user + " daily usage: " + usage).isEqualTo(1);
      assertThat(usage.get(0).path("totalUsage").asLong()).as(user).isEqualTo(tokens);
      assertThat(usage.get(0).path("countObservations").asLong())
          .as(user + " daily model calls")
          .isEqualTo(calls);
    }
  }

  /** The trace's model calls: its GENERATION observations. */
  private static List<JsonNode> generations(JsonNode trace) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode o : trace.path("observations"))
      if (o.path("type").asText().equals("GENERATION")) out.add(o);
    return out;
  }

  /** Sum of the generations' {@code calculatedTotalCost}: the cost of the work. */
  private static BigDecimal generationsCost(JsonNode trace) {
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode o : generations(trace)) {
      if (o.path("calculatedTotalCost").isNumber())
        sum = sum.add(o.path("calculatedTotalCost").decimalValue());
    }
    return sum;
  }

  private long metricsTokensOfTrace(String traceId) throws Exception {
    JsonNode rows =
        metrics(
            "{\"view\":\"observations\","
                + "\"metrics\":[{\"measure\":\"totalTokens\",\"aggregation\":\"sum\"}],"
                + "\"filters\":[{\"column\":\"traceId\",\"operator\":\"=\",\"value\":\""
                + traceId
                + "\"}]}");
    return rows.get(0).path("sum_totalTokens").asLong();
  }

  /** The metrics API's rows for {@code query} (a window around now is added). */
  private JsonNode metrics(String query) throws Exception {
    String withWindow =
        query.substring(0, query.length() - 1)
            + ",\"fromTimestamp\":\"2020-01-01T00:00:00Z\",\"toTimestamp\":\"2100-01-01T00:00:00Z\"}";
    return getJson(
            "/api/public/metrics?query=" + URLEncoder.encode(withWindow, StandardCharsets.UTF_8))
        .path("data");
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  private JsonNode getJson(String path) throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", BASIC).build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }
}
