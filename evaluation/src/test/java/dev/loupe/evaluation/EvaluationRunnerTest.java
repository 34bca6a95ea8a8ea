package dev.loupe.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Score;
import dev.loupe.model.Trace;
import dev.loupe.storage.EvalJob;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.ScoreQuery;
import dev.loupe.storage.WriteBatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner driven pass by pass with a clock the test moves, over the in-memory store: the settle
 * delay, observation rules with JSON-path variables and tool-call answers, retries with backoff,
 * what is not retried, and what is skipped.
 */
class EvaluationRunnerTest {
  static final String P = "p";
  static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

  final InMemoryStorage storage = new InMemoryStorage();
  final MovingClock clock = new MovingClock(T0);
  final JudgeKeys keys = JudgeKeys.of(new byte[32]);
  final Evaluations evaluations = new Evaluations(storage.evaluationStore(), keys, clock);
  final Scores scores = new Scores(storage.scoreStore(), storage.scoreConfigStore(), clock);
  final EvaluationRunner runner =
      EvaluationRunner.manual(
          evaluations,
          storage.evaluationStore(),
          storage.traceStore(),
          scores,
          EvaluationRunner.Settings.defaults()
              .withSettleDelay(Duration.ofSeconds(30))
              .withMaxAttempts(3)
              .withRetryBase(Duration.ofSeconds(10)),
          clock);
  CannedJudge judge;

  @AfterEach
  void close() {
    runner.close();
    if (judge != null) judge.close();
  }

  @Test
  void newData_isJudgedOnlyOnceQuietForTheSettleDelay() throws Exception {
    evaluations.createEvaluator(
        P,
        EvalJson.object(
            "{\"name\":\"json\",\"type\":\"code\",\"check\":{\"kind\":\"json_valid\"}}"));
    EvalRule rule =
        evaluations.createRule(
            P, EvalJson.object("{\"name\":\"r\",\"evaluator\":{\"name\":\"json\"}}"));
    // a trace that starts after the rule and runs for 20 s
    Instant start = T0.plusSeconds(5);
    write(
        Trace.builder(P, "t1", start).name("agent").output("{\"ok\":true}").build(),
        Observation.builder(P, "o1", "t1", start).endTime(start.plusSeconds(20)).build());

    clock.set(start.plusSeconds(40)); // 20 s after its end: not yet quiet for 30 s
    pass();
    assertThat(storage.evaluationStore().countJobs(P, rule.id())).isEmpty();

    clock.set(start.plusSeconds(51)); // 31 s after its end
    pass();
    pass();
    assertThat(state(rule, "t1")).isEqualTo(EvalJob.State.SUCCEEDED);
    assertThat(scoreOf("t1", null).value()).isEqualTo(1.0);
  }

  @Test
  void aTraceStillRunning_neverHoldsBackTheOnesAfterIt_andTheWatermarkWaitsForIt()
      throws Exception {
    EvaluationRunner small =
        EvaluationRunner.manual(
            evaluations,
            storage.evaluationStore(),
            storage.traceStore(),
            scores,
            EvaluationRunner.Settings.defaults()
                .withSettleDelay(Duration.ofSeconds(30))
                .withScanLimit(500),
            clock);
    evaluations.createEvaluator(
        P,
        EvalJson.object(
            "{\"name\":\"json\",\"type\":\"code\",\"check\":{\"kind\":\"json_valid\"}}"));
    EvalRule rule =
        evaluations.createRule(
            P, EvalJson.object("{\"name\":\"r\",\"evaluator\":{\"name\":\"json\"}}"));
    Instant start = T0.plusSeconds(5);
    // an agent still running for 10 minutes, then 1,200 short traces after it
    write(
        Trace.builder(P, "long", start).output("{}").build(),
        Observation.builder(P, "long-step", "long", start).endTime(start.plusSeconds(600)).build());
    for (int i = 0; i < 1200; i++) {
      Instant t = start.plusMillis(1 + i);
      write(
          Trace.builder(P, "short-" + i, t).output("{}").build(),
          Observation.builder(P, "s-" + i, "short-" + i, t).endTime(t).build());
    }
    clock.set(start.plusSeconds(60));
    for (int i = 0; i < 4; i++) {
      small.pass();
      assertThat(small.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }
    RuleStatus s = evaluations.status(P, rule.id()).orElseThrow();
    assertThat(s.matched()).isEqualTo(1200);
    assertThat(s.succeeded()).isEqualTo(1200);
    assertThat(storage.evaluationStore().getJob(P, rule.id(), "long")).isEmpty();
    assertThat(s.watermark()).isEqualTo(start);

    clock.set(start.plusSeconds(631)); // quiet for 31 s
    small.pass();
    assertThat(small.awaitIdle(Duration.ofSeconds(30))).isTrue();
    small.pass();
    assertThat(small.awaitIdle(Duration.ofSeconds(30))).isTrue();
    assertThat(state(rule, "long")).isEqualTo(EvalJob.State.SUCCEEDED);
    assertThat(evaluations.status(P, rule.id()).orElseThrow().watermark())
        .isEqualTo(start.plusSeconds(601));
    small.close();
  }

  @Test
  void observationRule_mapsJsonPaths_readsAToolCallAnswer_scoresTheObservation() throws Exception {
    judge = new CannedJudge().thenToolCall("{\"reasoning\":\"polite\",\"score\":\"good\"}");
    connection("tool_call");
    evaluations.createEvaluator(
        P,
        EvalJson.object(
            """
            {"name":"tone","type":"llm_as_judge","prompt":"Tier {{tier}} said: {{answer}}",
             "outputDefinition":{"dataType":"CATEGORICAL","score":{"categories":["good","bad"]}},
             "modelConfig":{"provider":"judge","model":"judge-large"}}"""));
    EvalRule rule =
        evaluations.createRule(
            P,
            EvalJson.object(
                """
                {"name":"tone of generations","evaluator":{"name":"tone"},"target":"observation",
                 "filter":[{"column":"type","operator":"any of","value":["GENERATION"]}],
                 "mapping":[{"variable":"tier","source":"metadata","jsonPath":"$.customer.tier"},
                            {"variable":"answer","source":"output","jsonPath":"$.choices[0].text"}],
                 "timeScope":["EXISTING"],"backfill":{"from":"2026-06-01T00:00:00Z"}}"""));
    Instant at = T0.minusSeconds(600);
    write(
        Trace.builder(P, "t1", at).build(),
        Observation.builder(P, "gen", "t1", at)
            .type(ObservationType.GENERATION)
            .endTime(at.plusSeconds(1))
            .metadata("{\"customer\":{\"tier\":\"gold\"}}")
            .output("{\"choices\":[{\"text\":\"Happy to help!\"}]}")
            .build(),
        Observation.builder(P, "tool", "t1", at)
            .type(ObservationType.TOOL)
            .endTime(at.plusSeconds(1))
            .build());

    pass();
    pass();

    assertThat(state(rule, "gen")).isEqualTo(EvalJob.State.SUCCEEDED);
    assertThat(storage.evaluationStore().getJob(P, rule.id(), "tool")).isEmpty(); // filtered out
    Score s = scoreOf("t1", "gen");
    assertThat(s.stringValue()).isEqualTo("good");
    assertThat(s.comment()).isEqualTo("polite");
    assertThat(s.source().name()).isEqualTo("EVAL");
    var request = Json.parse(judge.requests.get(0));
    assertThat(request.path("model").asText()).isEqualTo("judge-large");
    assertThat(request.path("messages").get(1).path("content").asText())
        .isEqualTo("Tier gold said: Happy to help!");
    assertThat(request.path("tool_choice").path("function").path("name").asText())
        .isEqualTo("score");
    assertThat(
            request
                .path("tools")
                .get(0)
                .path("function")
                .path("parameters")
                .path("properties")
                .path("score")
                .path("enum")
                .toString())
        .isEqualTo("[\"good\",\"bad\"]");
  }

  @Test
  void a5xx_isRetriedAfterTheBackoff_a4xxFailsAtOnce_aMissingVariableIsSkipped() throws Exception {
    judge =
        new CannedJudge()
            .then(503, "{\"error\":\"busy\"}")
            .thenContent("```json\n{\"reasoning\":\"fine\",\"score\":true}\n```");
    connection("json_schema");
    evaluations.createEvaluator(
        P,
        EvalJson.object(
            """
            {"name":"ok","type":"llm_as_judge","prompt":"{{output}}",
             "outputDefinition":{"dataType":"BOOLEAN"},"modelConfig":{"provider":"judge"}}"""));
    EvalRule rule =
        evaluations.createRule(
            P,
            EvalJson.object(
                """
                {"name":"r","evaluator":{"name":"ok"},"mapping":[{"variable":"output","source":"output"}],
                 "timeScope":["EXISTING"],"backfill":{"from":"2026-06-01T00:00:00Z"},"concurrency":1}"""));
    Instant at = T0.minusSeconds(600);
    write(Trace.builder(P, "t1", at).output("\"yes\"").build());
    write(Trace.builder(P, "no-output", at.plusSeconds(1)).build());

    pass();
    pass();
    EvalJob waiting = storage.evaluationStore().getJob(P, rule.id(), "t1").orElseThrow();
    assertThat(waiting.state()).isEqualTo(EvalJob.State.QUEUED);
    assertThat(waiting.reason()).isEqualTo(Reasons.HTTP_5XX);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.nextAttemptAt()).isBetween(T0.plusSeconds(8), T0.plusSeconds(12));
    assertThat(state(rule, "no-output")).isEqualTo(EvalJob.State.SKIPPED);
    assertThat(storage.evaluationStore().getJob(P, rule.id(), "no-output").orElseThrow().error())
        .contains("variable 'output'");

    pass(); // not due yet
    assertThat(judge.requests).hasSize(1);
    clock.set(T0.plusSeconds(13));
    pass();
    EvalJob done = storage.evaluationStore().getJob(P, rule.id(), "t1").orElseThrow();
    assertThat(done.state()).isEqualTo(EvalJob.State.SUCCEEDED);
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.error()).contains("503");
    assertThat(scoreOf("t1", null).value()).isEqualTo(1.0);

    // a refusal (401) is not retried
    judge.then(401, "{\"error\":{\"message\":\"invalid api key\"}}");
    write(Trace.builder(P, "t2", at.plusSeconds(2)).output("\"x\"").build());
    evaluations.rerun(P, rule.id());
    pass();
    pass();
    EvalJob refused = storage.evaluationStore().getJob(P, rule.id(), "t2").orElseThrow();
    assertThat(refused.state()).isEqualTo(EvalJob.State.FAILED);
    assertThat(refused.reason()).isEqualTo(Reasons.HTTP_4XX);
    assertThat(refused.attempts()).isEqualTo(1);
    RuleStatus status = evaluations.status(P, rule.id()).orElseThrow();
    assertThat(status.matched())
        .isEqualTo(status.queued() + status.succeeded() + status.failed() + status.skipped());
  }

  private void connection(String mode) {
    evaluations.createConnection(
        P,
        EvalJson.object(
            "{\"name\":\"judge\",\"baseUrl\":\"%s\",\"model\":\"judge-1\",\"apiKey\":\"k-123456789\",\"structuredOutput\":\"%s\"}"
                .formatted(judge.baseUrl(), mode)));
  }

  private void pass() throws InterruptedException {
    runner.pass();
    assertThat(runner.awaitIdle(Duration.ofSeconds(10))).isTrue();
  }

  private void write(Trace trace, Observation... observations) {
    storage.observationConsumer().accept(WriteBatch.of(List.of(trace), List.of(observations)));
  }

  private EvalJob.State state(EvalRule rule, String target) {
    return storage.evaluationStore().getJob(P, rule.id(), target).orElseThrow().state();
  }

  private Score scoreOf(String traceId, String observationId) {
    return storage
        .scoreStore()
        .searchScores(ScoreQuery.builder(P).traceId(traceId).build())
        .items()
        .stream()
        .map(s -> s.score())
        .filter(s -> observationId == null || observationId.equals(s.target().observationId()))
        .findFirst()
        .orElseThrow();
  }

  /** A clock the test sets. */
  static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
