package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.AUTH_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.evaluation.EvaluationRunner;
import dev.loupe.model.Json;
import dev.loupe.server.ServerConfig.StorageKind;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Evaluators running on a real server over a real DuckDB file, with an OpenAI-compatible stub judge
 * this test starts (no network): traces go in through the Langfuse ingestion API, rules and their
 * setup through the evaluation API, and what the rules did is read back from their status and from
 * {@code GET /api/public/v2/scores}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationHttpTest {
  static final String JUDGE_KEY = "sk-judge-SECRET-0123456789abcdef";
  static final int TRACES = 1000;

  Path dir;
  TestServer t;
  StubJudge judge;
  final Instant base = Instant.now().minus(Duration.ofMinutes(10));

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("loupe-eval");
    judge = new StubJudge(JUDGE_KEY);
    t =
        TestServer.start(
            StorageKind.DUCKDB,
            dir,
            c ->
                c.withEvaluation(
                    EvaluationRunner.Settings.defaults()
                        .withPollInterval(Duration.ofMillis(200))
                        .withSettleDelay(Duration.ofSeconds(1))
                        .withMaxAttempts(2)
                        .withRetryBase(Duration.ofMillis(100))
                        .withMaxConcurrentCalls(64)));
    ok(
        "POST",
        "/api/public/unstable/judge-connections",
        AUTH_A,
        """
        {"name":"stub","baseUrl":"%s","model":"judge-1","apiKey":"%s","timeoutSeconds":3}"""
            .formatted(judge.baseUrl(), JUDGE_KEY));
    ok(
        "POST",
        "/api/public/unstable/evaluators",
        AUTH_A,
        """
        {"name":"helpfulness","type":"llm_as_judge",
         "prompt":"Rate the answer from 0 to 1.\\nQuestion: {{input}}\\nAnswer: {{output}}",
         "outputDefinition":{"dataType":"NUMERIC","score":{"description":"0 useless, 1 perfect"},
           "reasoning":{"description":"one sentence"}},
         "modelConfig":{"provider":"stub"}}""");
  }

  @AfterAll
  void stop() throws IOException {
    if (t != null) t.close();
    if (judge != null) judge.close();
    TestServer.deleteRecursively(dir);
  }

  /** The case of trace {@code n} of the 1,000: what the stub judge does with it. */
  static String kind(int n) {
    return switch (n % 10) {
      case 0 -> "timeout";
      case 1 -> "garbage";
      case 2 -> "429";
      default -> "ok";
    };
  }

  static String score(int n) {
    return "0." + (n % 9 + 1);
  }

  @Test
  void llmJudge_over1000Traces_everyTargetEndsInOneState_failuresByReason_rerunNeverDuplicates() {
    List<String> events = new ArrayList<>();
    for (int n = 0; n < TRACES; n++) {
      String input = "question " + n + (kind(n).equals("ok") ? "" : " [" + kind(n) + "]");
      events.add(
          traceEvent(
              "judge-" + n,
              "agent-" + kind(n),
              base.plusMillis(n),
              Json.quote(input),
              Json.quote("answer " + n + " score=" + score(n))));
    }
    ingest(events);

    JsonNode rule =
        ok(
            "POST",
            "/api/public/unstable/evaluation-rules",
            AUTH_A,
            """
            {"name":"helpfulness on agents","evaluator":{"name":"helpfulness"},"target":"trace",
             "enabled":true,"sampling":1,
             "filter":[{"type":"string","column":"traceName","operator":"starts with","value":"agent-"}],
             "mapping":[{"variable":"input","source":"input"},{"variable":"output","source":"output"}],
             "timeScope":["EXISTING"],"backfill":{"from":"%s"},"concurrency":32}"""
                .formatted(base.minus(Duration.ofMinutes(1))));
    JsonNode budgeted =
        ok(
            "POST",
            "/api/public/unstable/evaluation-rules",
            AUTH_A,
            """
            {"name":"budgeted","evaluator":{"name":"helpfulness"},"scoreName":"helpfulness-budgeted",
             "filter":[{"type":"stringOptions","column":"traceName","operator":"any of","value":["agent-ok"]}],
             "mapping":[{"variable":"input","source":"input"},{"variable":"output","source":"output"}],
             "timeScope":["EXISTING"],"backfill":{"from":"%s"},
             "budget":{"maxCallsPerHour":null,"maxCallsPerDay":50},"concurrency":4}"""
                .formatted(base.minus(Duration.ofMinutes(1))));

    JsonNode status = awaitDone(rule.get("id").asText(), TRACES);
    JsonNode budgetStatus = awaitDone(budgeted.get("id").asText(), 700);

    System.out.println("[eval] helpfulness rule status: " + status);
    System.out.println("[eval] budgeted rule status: " + budgetStatus);
    System.out.println("[eval] stub judge calls: " + judge.calls.get());
    long retriedOk =
        t
            .server
            .storage()
            .evaluationStore()
            .latestJobs(
                TestServer.PROJECT_A,
                rule.get("id").asText(),
                dev.loupe.storage.EvalJob.State.SUCCEEDED,
                2000)
            .stream()
            .filter(j -> j.attempts() > 1)
            .count();
    System.out.println("[eval] answers retried after a slow first attempt: " + retriedOk);
    assertThat(status.get("matched").asLong()).isEqualTo(TRACES);
    assertThat(status.get("queued").asLong()).isZero();
    assertThat(
            status.get("succeeded").asLong()
                + status.get("failed").asLong()
                + status.get("skipped").asLong())
        .isEqualTo(TRACES);
    assertThat(status.get("succeeded").asLong()).isEqualTo(700);
    assertThat(status.path("byReason").path("failed"))
        .isEqualTo(Json.parse("{\"HTTP_429\":100,\"TIMEOUT\":100,\"UNPARSABLE\":100}"));
    assertThat(status.path("byReason").path("skipped").isEmpty()).isTrue();
    assertThat(status.path("byReason").path("retrying").isEmpty()).isTrue();
    JsonNode lastError = status.get("lastErrors").get(0);
    assertThat(lastError.get("traceUrl").asText())
        .isEqualTo(
            "/project/" + TestServer.PROJECT_A + "/traces/" + lastError.get("traceId").asText());
    assertThat(lastError.get("attempts").asInt()).isEqualTo(2);

    // the budget allows 50 calls a day: 50 calls were made (a slow answer retried counts twice)
    long budgetCalls = attempts(budgeted.get("id").asText());
    assertThat(budgetCalls).isEqualTo(50);
    assertThat(budgetStatus.get("succeeded").asLong()).isBetween(45L, 50L);
    assertThat(budgetStatus.path("byReason").path("skipped").path("BUDGET").asLong())
        .isEqualTo(
            700 - budgetStatus.get("succeeded").asLong() - budgetStatus.get("failed").asLong());
    // every call the judge saw is an attempt a job counted: the failing ones twice each
    long ruleCalls = attempts(rule.get("id").asText());
    assertThat(ruleCalls).isGreaterThanOrEqualTo(700 + 3 * 100 * 2);
    assertThat(judge.calls.get()).isEqualTo(ruleCalls + budgetCalls);
    assertThat(judge.unauthorized.get()).isZero();

    assertThat(scoreCount("helpfulness")).isEqualTo(700);
    assertThat(scoreCount("helpfulness-budgeted")).isEqualTo(50);
    JsonNode one =
        ok("GET", "/api/public/v2/scores?name=helpfulness&traceId=judge-5", AUTH_A, null)
            .get("data")
            .get(0);
    assertThat(one.get("value").asDouble()).isEqualTo(Double.parseDouble(score(5)));
    assertThat(one.get("source").asText()).isEqualTo("EVAL");
    assertThat(one.get("comment").asText()).isEqualTo("judged " + score(5));
    Map<String, String> idsBefore = scoreIds("helpfulness");

    ok(
        "POST",
        "/api/public/unstable/evaluation-rules/" + rule.get("id").asText() + "/rerun",
        AUTH_A,
        null);
    JsonNode again = awaitDone(rule.get("id").asText(), TRACES);

    System.out.println("[eval] after re-run: " + again);
    assertThat(again.get("succeeded").asLong()).isEqualTo(700);
    assertThat(scoreCount("helpfulness")).isEqualTo(700);
    assertThat(scoreIds("helpfulness")).isEqualTo(idsBefore);
  }

  @Test
  void codeChecks_scoreStoredTraces_andSamplingSkipsItsShare() {
    String gen =
        """
        {"id":"%s","traceId":"%s","name":"llm","startTime":"%s","endTime":"%s","output":%s}""";
    Instant at = base.plusSeconds(100);
    ingest(
        List.of(
            traceEvent("code-json", "code-check", at, "\"q\"", "{\"refund\":true}"),
            traceEvent(
                "code-text", "code-check", at.plusMillis(1), "\"q\"", "\"no refund here, sorry\""),
            traceEvent("code-tool", "code-check", at.plusMillis(2), "\"q\"", "\"ok\""),
            event(
                "generation-create",
                gen.formatted(
                    "g-tool",
                    "code-tool",
                    at.plusMillis(2),
                    at.plusMillis(3002),
                    "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"arguments\":\"{}\"}}]}"))));

    Map<String, String> rules = new HashMap<>();
    for (String[] c :
        new String[][] {
          {"json-valid", "{\"kind\":\"json_valid\"}"},
          {"mentions-refund", "{\"kind\":\"regex\",\"pattern\":\"refund\"}"},
          {"short-output", "{\"kind\":\"length\",\"max\":10}"},
          {"called-a-tool", "{\"kind\":\"tool_call\",\"pattern\":\"^lookup_\"}"},
          {"fast", "{\"kind\":\"latency\",\"max\":2}"}
        }) {
      ok(
          "POST",
          "/api/public/unstable/evaluators",
          AUTH_A,
          "{\"name\":\"" + c[0] + "\",\"type\":\"code\",\"check\":" + c[1] + "}");
      JsonNode r =
          ok(
              "POST",
              "/api/public/unstable/evaluation-rules",
              AUTH_A,
              """
              {"name":"%s rule","evaluator":{"name":"%s"},
               "filter":[{"column":"traceName","operator":"=","value":"code-check"}],
               "timeScope":["EXISTING"],"backfill":{"from":"%s"}}"""
                  .formatted(c[0], c[0], at.minusSeconds(1)));
      rules.put(c[0], r.get("id").asText());
    }
    rules.forEach((name, id) -> awaitDone(id, 3));

    assertThat(values("json-valid"))
        .isEqualTo(Map.of("code-json", 1.0, "code-text", 0.0, "code-tool", 0.0));
    assertThat(values("mentions-refund"))
        .isEqualTo(Map.of("code-json", 1.0, "code-text", 1.0, "code-tool", 0.0));
    assertThat(values("short-output"))
        .isEqualTo(Map.of("code-json", 0.0, "code-text", 0.0, "code-tool", 1.0));
    assertThat(values("called-a-tool"))
        .isEqualTo(Map.of("code-json", 0.0, "code-text", 0.0, "code-tool", 1.0));
    // only code-tool has an observation to time (3 s > 2 s); the others have nothing to time
    assertThat(values("fast")).isEqualTo(Map.of("code-tool", 0.0));
    JsonNode fast = status(rules.get("fast"));
    assertThat(fast.path("byReason").path("skipped").path("NO_MATCH").asLong()).isEqualTo(2);
    JsonNode comment =
        ok("GET", "/api/public/v2/scores?name=short-output&traceId=code-json", AUTH_A, null)
            .get("data")
            .get(0);
    assertThat(comment.get("comment").asText()).contains("above the maximum 10");

    // a sampled code check over the 3 plus 1,000 more traces: every target is judged or skipped
    List<String> many = new ArrayList<>();
    for (int n = 0; n < 1000; n++)
      many.add(
          traceEvent(
              "sampled-" + n, "sampled", base.plusSeconds(200).plusMillis(n), "\"q\"", "{}"));
    ingest(many);
    JsonNode sampledRule =
        ok(
            "POST",
            "/api/public/unstable/evaluation-rules",
            AUTH_A,
            """
            {"name":"json sampled","evaluator":{"name":"json-valid"},"sampling":0.3,"scoreName":"json-sampled",
             "filter":[{"column":"traceName","operator":"=","value":"sampled"}],
             "timeScope":["EXISTING"],"backfill":{"from":"%s"}}"""
                .formatted(base.plusSeconds(199)));
    JsonNode s = awaitDone(sampledRule.get("id").asText(), 1000);
    System.out.println("[eval] sampled code check: " + s);
    long skipped = s.path("byReason").path("skipped").path("SAMPLING").asLong();
    assertThat(s.get("succeeded").asLong() + skipped).isEqualTo(1000);
    assertThat(skipped).isBetween(600L, 800L);
    assertThat(scoreCount("json-sampled")).isEqualTo(s.get("succeeded").asLong());
  }

  @Test
  void projectB_seesNoneOfProjectAsSetup() {
    JsonNode rule =
        ok(
            "POST",
            "/api/public/unstable/evaluation-rules",
            AUTH_A,
            """
            {"name":"isolated","evaluator":{"name":"helpfulness"},
             "mapping":[{"variable":"input","source":"input"},{"variable":"output","source":"output"}]}""");
    String id = rule.get("id").asText();
    for (String path :
        List.of(
            "/api/public/unstable/evaluation-rules",
            "/api/public/unstable/evaluators",
            "/api/public/unstable/judge-connections")) {
      assertThat(ok("GET", path, AUTH_B, null).get("data")).isEmpty();
      assertThat(ok("GET", path, AUTH_A, null).get("data")).isNotEmpty();
    }
    assertThat(
            send("GET", "/api/public/unstable/evaluation-rules/" + id, AUTH_B, null).statusCode())
        .isEqualTo(404);
    assertThat(
            send("GET", "/api/public/unstable/evaluation-rules/" + id + "/status", AUTH_B, null)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send(
                    "PATCH",
                    "/api/public/unstable/evaluation-rules/" + id,
                    AUTH_B,
                    "{\"enabled\":false}")
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send("POST", "/api/public/unstable/evaluation-rules/" + id + "/rerun", AUTH_B, null)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            send("DELETE", "/api/public/unstable/evaluation-rules/" + id, AUTH_B, null)
                .statusCode())
        .isEqualTo(404);
    // B cannot name A's evaluator either
    HttpResponse<String> r =
        send(
            "POST",
            "/api/public/unstable/evaluation-rules",
            AUTH_B,
            "{\"name\":\"steal\",\"evaluator\":{\"id\":\""
                + rule.get("evaluator").get("id").asText()
                + "\"}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("evaluator: no evaluator");
    assertThat(
            ok("GET", "/api/public/unstable/evaluation-rules/" + id, AUTH_A, null)
                .get("enabled")
                .asBoolean())
        .isTrue();
    ok("DELETE", "/api/public/unstable/evaluation-rules/" + id, AUTH_A, null);
  }

  @Test
  void badBodies_are400NamingTheField() {
    assertThat(
            refused(
                "/api/public/unstable/evaluation-rules",
                "{\"name\":\"x\",\"evaluator\":{\"name\":\"helpfulness\"},\"sampling\":2}"))
        .startsWith("sampling:");
    assertThat(
            refused(
                "/api/public/unstable/evaluation-rules",
                "{\"name\":\"x\",\"evaluator\":{\"name\":\"helpfulness\"},\"mapping\":[{\"variable\":\"input\",\"source\":\"input\"}]}"))
        .contains("'output' is not mapped");
    assertThat(
            refused(
                "/api/public/unstable/evaluation-rules",
                "{\"name\":\"x\",\"evaluator\":{\"name\":\"helpfulness\"},\"filter\":[{\"column\":\"latency\",\"operator\":\"contains\",\"value\":\"1\"}]}"))
        .startsWith("filter[0].");
    assertThat(
            refused(
                "/api/public/unstable/evaluators",
                "{\"name\":\"y\",\"type\":\"llm_as_judge\",\"prompt\":\"{{input}}\",\"outputDefinition\":{\"dataType\":\"NUMERIC\"},\"modelConfig\":{\"provider\":\"nope\"}}"))
        .startsWith("modelConfig.provider:");
    assertThat(
            refused(
                "/api/public/unstable/evaluators",
                "{\"name\":\"y\",\"type\":\"code\",\"check\":{\"kind\":\"regex\",\"pattern\":\"(\"}}"))
        .startsWith("check.pattern:");
    assertThat(
            refused(
                "/api/public/unstable/judge-connections",
                "{\"name\":\"z\",\"baseUrl\":\"ftp://x\",\"model\":\"m\",\"apiKey\":\"k\"}"))
        .startsWith("baseUrl:");
    assertThat(
            refused(
                "/api/public/unstable/judge-connections",
                "{\"name\":\"z\",\"baseUrl\":\"http://x/v1\",\"model\":\"m\"}"))
        .startsWith("apiKey:");
  }

  // ---- helpers

  String refused(String path, String body) {
    HttpResponse<String> r = send("POST", path, AUTH_A, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    return Json.parse(r.body()).get("message").asText();
  }

  JsonNode status(String ruleId) {
    return ok("GET", "/api/public/unstable/evaluation-rules/" + ruleId + "/status", AUTH_A, null);
  }

  /** Waits until the rule matched {@code expected} targets and has none queued; its status. */
  JsonNode awaitDone(String ruleId, long expected) {
    return await(
        ruleId,
        s -> s.get("matched").asLong() >= expected && s.get("queued").asLong() == 0,
        Duration.ofSeconds(180));
  }

  JsonNode await(String ruleId, Predicate<JsonNode> done, Duration timeout) {
    Instant end = Instant.now().plus(timeout);
    JsonNode s = status(ruleId);
    while (!done.test(s)) {
      if (Instant.now().isAfter(end))
        throw new AssertionError("rule " + ruleId + " not done: " + s);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      s = status(ruleId);
    }
    return s;
  }

  /** Judge calls the rule's jobs made, from the store. */
  long attempts(String ruleId) {
    return t.server
        .storage()
        .evaluationStore()
        .attemptsSince(TestServer.PROJECT_A, ruleId, Instant.EPOCH);
  }

  long scoreCount(String name) {
    return ok("GET", "/api/public/v2/scores?name=" + name + "&limit=1", AUTH_A, null)
        .get("meta")
        .get("totalItems")
        .asLong();
  }

  Map<String, String> scoreIds(String name) {
    Map<String, String> ids = new HashMap<>();
    for (int page = 1; ; page++) {
      JsonNode p =
          ok("GET", "/api/public/v2/scores?name=" + name + "&limit=100&page=" + page, AUTH_A, null);
      for (JsonNode s : p.get("data")) ids.put(s.get("traceId").asText(), s.get("id").asText());
      if (p.get("data").size() < 100) return ids;
    }
  }

  Map<String, Double> values(String name) {
    Map<String, Double> out = new HashMap<>();
    for (JsonNode s :
        ok("GET", "/api/public/v2/scores?name=" + name + "&limit=100", AUTH_A, null).get("data"))
      out.put(s.get("traceId").asText(), s.get("value").asDouble());
    return out;
  }

  static String traceEvent(String id, String name, Instant at, String input, String output) {
    return event(
        "trace-create",
        """
        {"id":"%s","name":"%s","timestamp":"%s","input":%s,"output":%s}"""
            .formatted(id, name, at, input, output));
  }

  static int events;

  static String event(String type, String body) {
    return """
        {"id":"ev-%d","type":"%s","timestamp":"%s","body":%s}"""
        .formatted(++events, type, Instant.now(), body);
  }

  void ingest(List<String> events) {
    for (int i = 0; i < events.size(); i += 100) {
      String batch =
          "{\"batch\":["
              + String.join(",", events.subList(i, Math.min(events.size(), i + 100)))
              + "]}";
      HttpResponse<String> r = send("POST", "/api/public/ingestion", AUTH_A, batch);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
      assertThat(Json.parse(r.body()).get("errors")).as(r.body()).isEmpty();
    }
    assertThat(t.server.awaitApplied(Duration.ofSeconds(30))).isTrue();
  }

  HttpResponse<String> send(String method, String path, String auth, String body) {
    return t.send(
        HttpRequest.newBuilder(t.uri(path))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
            .build());
  }

  JsonNode ok(String method, String path, String auth, String body) {
    HttpResponse<String> r = send(method, path, auth, body);
    assertThat(r.statusCode()).as("%s %s -> %s", method, path, r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }
}
