package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.storage.EvalConfig;
import dev.loupe.storage.EvalJob;
import dev.loupe.storage.EvalJob.State;
import dev.loupe.storage.EvaluationStore;
import dev.loupe.storage.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluation tables: configs by kind (round trip, replace, order, delete), jobs upserted by
 * (rule, target) with their counts by state and reason, due and latest jobs in order, attempts for
 * budgets, watermarks, and project isolation for every method.
 */
public abstract class ITEvaluationStore<S extends Storage> extends ITStorage<S> {

  private EvaluationStore evals() {
    return storage.evaluationStore();
  }

  static EvalConfig config(String project, EvalConfig.Kind kind, String id, Instant created) {
    return new EvalConfig(
        project, kind, id, "name of " + id, "{\"id\":\"" + id + "\",\"é\":\"ü\"}", created, at(50));
  }

  static EvalJob job(String project, String rule, String target, State state, String reason) {
    return new EvalJob(
        project,
        rule,
        target,
        "trace-" + target,
        state,
        reason,
        0,
        at(1),
        null,
        null,
        at(1),
        at(1));
  }

  @Test
  protected void configs_roundTripAndReplaceByKindAndId() {
    EvalConfig rule = config(PROJECT, EvalConfig.Kind.RULE, "r-1", at(1));
    EvalConfig evaluator = config(PROJECT, EvalConfig.Kind.EVALUATOR, "r-1", at(2));
    evals().putConfig(rule);
    evals().putConfig(evaluator);

    assertThat(evals().getConfig(PROJECT, EvalConfig.Kind.RULE, "r-1")).contains(rule);
    assertThat(evals().getConfig(PROJECT, EvalConfig.Kind.EVALUATOR, "r-1")).contains(evaluator);
    assertThat(evals().getConfig(PROJECT, EvalConfig.Kind.CONNECTION, "r-1")).isEmpty();

    EvalConfig renamed =
        new EvalConfig(PROJECT, EvalConfig.Kind.RULE, "r-1", "new", "{}", rule.createdAt(), at(9));
    evals().putConfig(renamed);
    assertThat(evals().listConfigs(PROJECT, EvalConfig.Kind.RULE)).containsExactly(renamed);
  }

  @Test
  protected void listConfigs_newestFirstThenIdDescending_allConfigsOldestFirstByProject() {
    evals().putConfig(config(PROJECT, EvalConfig.Kind.RULE, "a", at(1)));
    evals().putConfig(config(PROJECT, EvalConfig.Kind.RULE, "b", at(3)));
    evals().putConfig(config(PROJECT, EvalConfig.Kind.RULE, "c", at(3)));
    evals().putConfig(config(OTHER_PROJECT, EvalConfig.Kind.RULE, "d", at(0)));
    evals().putConfig(config(PROJECT, EvalConfig.Kind.EVALUATOR, "e", at(2)));

    assertThat(evals().listConfigs(PROJECT, EvalConfig.Kind.RULE))
        .extracting(EvalConfig::id)
        .containsExactly("c", "b", "a");
    List<String> all = new ArrayList<>();
    for (EvalConfig c : evals().allConfigs(EvalConfig.Kind.RULE))
      all.add(c.projectId() + "/" + c.id());
    List<String> expected =
        PROJECT.compareTo(OTHER_PROJECT) < 0
            ? List.of(PROJECT + "/a", PROJECT + "/b", PROJECT + "/c", OTHER_PROJECT + "/d")
            : List.of(OTHER_PROJECT + "/d", PROJECT + "/a", PROJECT + "/b", PROJECT + "/c");
    assertThat(all).isEqualTo(expected);
  }

  @Test
  protected void deleteConfig_removesOnlyThatOne() {
    evals().putConfig(config(PROJECT, EvalConfig.Kind.RULE, "a", at(1)));
    evals().putConfig(config(PROJECT, EvalConfig.Kind.EVALUATOR, "a", at(1)));

    assertThat(evals().deleteConfig(PROJECT, EvalConfig.Kind.RULE, "a")).isTrue();
    assertThat(evals().deleteConfig(PROJECT, EvalConfig.Kind.RULE, "a")).isFalse();
    assertThat(evals().getConfig(PROJECT, EvalConfig.Kind.EVALUATOR, "a")).isPresent();
  }

  @Test
  protected void putJobs_upsertsByRuleAndTarget_andCountsByStateAndReason() {
    evals()
        .putJobs(
            List.of(
                job(PROJECT, "r", "t1", State.QUEUED, null),
                job(PROJECT, "r", "t2", State.QUEUED, null),
                job(PROJECT, "r", "t3", State.SKIPPED, "SAMPLING"),
                job(PROJECT, "r", "t4", State.SKIPPED, "SAMPLING"),
                job(PROJECT, "other-rule", "t1", State.QUEUED, null)));
    EvalJob t1 = evals().getJob(PROJECT, "r", "t1").orElseThrow();
    EvalJob failed = t1.moved(State.FAILED, "TIMEOUT", 3, at(5), "read timed out", null, at(6));
    evals().putJobs(List.of(failed));

    assertThat(evals().getJob(PROJECT, "r", "t1")).contains(failed);
    assertThat(evals().countJobs(PROJECT, "r"))
        .containsExactlyInAnyOrder(
            new EvalJob.Count(State.QUEUED, null, 1),
            new EvalJob.Count(State.SKIPPED, "SAMPLING", 2),
            new EvalJob.Count(State.FAILED, "TIMEOUT", 1));
    assertThat(evals().jobTargets(PROJECT, "r", List.of("t1", "t3", "t9")))
        .containsExactlyInAnyOrder("t1", "t3");
  }

  @Test
  protected void dueJobs_queuedAndDueOnly_earliestFirstThenTarget() {
    EvalJob base = job(PROJECT, "r", "x", State.QUEUED, null);
    evals()
        .putJobs(
            List.of(
                base.moved(State.QUEUED, null, 0, at(3), null, null, at(1)),
                job(PROJECT, "r", "b", State.QUEUED, null)
                    .moved(State.QUEUED, null, 0, at(2), null, null, at(1)),
                job(PROJECT, "r", "a", State.QUEUED, null)
                    .moved(State.QUEUED, null, 0, at(2), null, null, at(1)),
                job(PROJECT, "r", "later", State.QUEUED, null)
                    .moved(State.QUEUED, "HTTP_429", 1, at(20), null, null, at(1)),
                job(PROJECT, "r", "done", State.SUCCEEDED, null)));

    assertThat(evals().dueJobs(PROJECT, "r", at(10), 10))
        .extracting(EvalJob::targetId)
        .containsExactly("a", "b", "x");
    assertThat(evals().dueJobs(PROJECT, "r", at(10), 2)).hasSize(2);
    assertThat(evals().dueJobs(OTHER_PROJECT, "r", at(10), 10)).isEmpty();
  }

  @Test
  protected void latestJobs_newestUpdateFirst_andAttemptsSinceSumsRecentOnes() {
    evals()
        .putJobs(
            List.of(
                job(PROJECT, "r", "a", State.FAILED, "HTTP_5XX")
                    .moved(State.FAILED, "HTTP_5XX", 3, at(4), "503", null, at(4)),
                job(PROJECT, "r", "b", State.FAILED, "TIMEOUT")
                    .moved(State.FAILED, "TIMEOUT", 2, at(6), "t", null, at(6)),
                job(PROJECT, "r", "c", State.SUCCEEDED, null)
                    .moved(State.SUCCEEDED, null, 1, at(7), null, "s", at(7))));

    assertThat(evals().latestJobs(PROJECT, "r", State.FAILED, 10))
        .extracting(EvalJob::targetId)
        .containsExactly("b", "a");
    assertThat(evals().latestJobs(PROJECT, "r", State.FAILED, 1)).hasSize(1);
    assertThat(evals().attemptsSince(PROJECT, "r", at(5))).isEqualTo(3);
    assertThat(evals().attemptsSince(PROJECT, "r", at(0))).isEqualTo(6);
  }

  @Test
  protected void watermark_roundTripsAndGoesWithTheJobs() {
    assertThat(evals().watermark(PROJECT, "r")).isEmpty();
    evals().putWatermark(PROJECT, "r", at(3));
    evals().putWatermark(PROJECT, "r", at(4));
    evals().putJobs(List.of(job(PROJECT, "r", "a", State.QUEUED, null)));

    assertThat(evals().watermark(PROJECT, "r")).contains(at(4));
    assertThat(evals().deleteJobs(PROJECT, "r")).isEqualTo(1);
    assertThat(evals().watermark(PROJECT, "r")).isEmpty();
    assertThat(evals().countJobs(PROJECT, "r")).isEmpty();
  }

  @Test
  protected void everything_neverSeenFromAnotherProject() {
    evals().putConfig(config(PROJECT, EvalConfig.Kind.CONNECTION, "c", at(1)));
    evals().putJobs(List.of(job(PROJECT, "r", "a", State.FAILED, "TIMEOUT")));
    evals().putWatermark(PROJECT, "r", at(2));

    assertThat(evals().getConfig(OTHER_PROJECT, EvalConfig.Kind.CONNECTION, "c")).isEmpty();
    assertThat(evals().listConfigs(OTHER_PROJECT, EvalConfig.Kind.CONNECTION)).isEmpty();
    assertThat(evals().deleteConfig(OTHER_PROJECT, EvalConfig.Kind.CONNECTION, "c")).isFalse();
    assertThat(evals().getJob(OTHER_PROJECT, "r", "a")).isEmpty();
    assertThat(evals().jobTargets(OTHER_PROJECT, "r", List.of("a"))).isEmpty();
    assertThat(evals().countJobs(OTHER_PROJECT, "r")).isEmpty();
    assertThat(evals().latestJobs(OTHER_PROJECT, "r", State.FAILED, 5)).isEmpty();
    assertThat(evals().attemptsSince(OTHER_PROJECT, "r", at(0))).isZero();
    assertThat(evals().watermark(OTHER_PROJECT, "r")).isEmpty();
    assertThat(evals().deleteJobs(OTHER_PROJECT, "r")).isZero();
    assertThat(evals().countJobs(PROJECT, "r")).hasSize(1);
  }
}
