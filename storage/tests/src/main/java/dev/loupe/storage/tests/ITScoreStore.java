package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.ScoreObjects.category;
import static dev.loupe.storage.tests.ScoreObjects.numeric;
import static dev.loupe.storage.tests.ScoreObjects.text;
import static dev.loupe.storage.tests.ScoreObjects.thumbs;
import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Score;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.ScoreQuery;
import dev.loupe.storage.ScoreStore;
import dev.loupe.storage.ScoreSummary;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceQuery;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Scores: every data type round-trips, a re-sent id replaces (never duplicates) and keeps its first
 * createdAt, delete, every search filter, order and paging, the scored trace's facts, the scores of
 * traces and sessions, and project isolation.
 */
public abstract class ITScoreStore<S extends Storage> extends ITStorage<S> {

  protected ScoreStore scores() {
    return storage.scoreStore();
  }

  private Score get(String id) {
    return scores()
        .getScore(PROJECT, id)
        .orElseThrow(() -> new AssertionError("score " + id + " not found"));
  }

  @Test
  protected void putScores_roundTripsEveryDataTypeAndTarget() {
    List<Score> all =
        List.of(
            numeric("s-num", traceId(1), 0.8125, at(1)),
            thumbs("s-bool", traceId(1), observationId(2), false),
            category("s-cat", "session-77", "friendly"),
            text("s-text", "run-9"));
    scores().putScores(all);

    for (Score s : all) assertStored(get(s.id()), s);
    assertThat(get("s-bool").stringValue()).isEqualTo("False");
  }

  @Test
  protected void putScores_sameIdReplacesAndKeepsTheFirstCreatedAt() {
    Score first = numeric("s-1", traceId(1), 0.2, at(1));
    scores().putScores(List.of(first));
    Score resent =
        first.toBuilder().value(0.9).comment("re-graded").createdAt(at(5)).updatedAt(at(5)).build();

    scores().putScores(List.of(resent));
    scores().putScores(List.of(resent));

    assertStored(get("s-1"), resent.toBuilder().createdAt(first.createdAt()).build());
    assertThat(scores().searchScores(ScoreQuery.builder(PROJECT).build()).totalItems())
        .isEqualTo(1);
  }

  @Test
  protected void putScores_sameIdTwiceInOneBatch_theLaterWins() {
    Score a = numeric("s-1", traceId(1), 0.2, at(1));
    Score b = a.toBuilder().value(0.4).updatedAt(at(2)).build();

    scores().putScores(List.of(a, b));

    assertStored(get("s-1"), b);
  }

  @Test
  protected void getAndDelete_unknownIdsAreEmptyAndFalse() {
    scores().putScores(List.of(numeric("s-1", traceId(1), 0.2, at(1))));

    assertThat(scores().getScore(PROJECT, "nope")).isEmpty();
    assertThat(scores().deleteScore(PROJECT, "nope")).isFalse();
    assertThat(scores().deleteScore(PROJECT, "s-1")).isTrue();
    assertThat(scores().getScore(PROJECT, "s-1")).isEmpty();
    assertThat(scores().deleteScore(PROJECT, "s-1")).isFalse();
  }

  @Test
  protected void searchTraces_byScore_nameAndValue_ownOrAnObservations_inTheProjectOnly() {
    for (int i = 1; i <= 4; i++) accept(trace(PROJECT, traceId(i), at(i)));
    accept(trace(OTHER_PROJECT, traceId(9), at(1)));
    scores()
        .putScores(
            List.of(
                numeric("t1-low", traceId(1), 0.2, at(1)),
                numeric("t2-high", traceId(2), 0.9, at(2)).toBuilder()
                    .target(ScoreTarget.observation(traceId(2), observationId(1)))
                    .build(),
                thumbs("t3-down", traceId(3), observationId(2), false),
                Score.builder(
                        OTHER_PROJECT, "other", "helpfulness", ScoreTarget.trace(traceId(9)), at(1))
                    .dataType(ScoreDataType.NUMERIC)
                    .value(0.2)
                    .build()));
    UnaryOperator<TraceQuery.Builder> all = b -> b;

    assertThat(traceIds(all, new TraceQuery.ScoreFilter("helpfulness", null)))
        .containsExactly(traceId(2), traceId(1));
    assertThat(
            traceIds(
                all,
                new TraceQuery.ScoreFilter(
                    "helpfulness", new ScoreQuery.ValueFilter(ScoreQuery.Operator.LT, 0.5))))
        .containsExactly(traceId(1));
    assertThat(
            traceIds(
                all,
                new TraceQuery.ScoreFilter(
                    "thumbs-up", new ScoreQuery.ValueFilter(ScoreQuery.Operator.EQ, 0))))
        .containsExactly(traceId(3));
    assertThat(
            traceIds(
                b -> b.orderBy(TraceQuery.OrderBy.COST, dev.loupe.storage.SortDirection.DESC),
                new TraceQuery.ScoreFilter(
                    "helpfulness", new ScoreQuery.ValueFilter(ScoreQuery.Operator.GE, 0.5))))
        .as("with a filter on the observations' aggregate too")
        .containsExactly(traceId(2));
    assertThat(traceIds(all, new TraceQuery.ScoreFilter("no-such-score", null))).isEmpty();
  }

  private List<String> traceIds(UnaryOperator<TraceQuery.Builder> more, TraceQuery.ScoreFilter f) {
    return storage
        .traceStore()
        .searchTraces(more.apply(TraceQuery.builder(PROJECT).score(f)).build())
        .items()
        .stream()
        .map(s -> s.trace().id())
        .toList();
  }

  /** Six scores over two traces (one with a row), a session and a run. */
  private void sixScores() {
    Trace t1 =
        trace(PROJECT, traceId(1), at(0)).toBuilder()
            .userId("user-1")
            .tags(List.of("support", "vip"))
            .sessionId("session-1")
            .environment("production")
            .build();
    accept(t1);
    scores()
        .putScores(
            List.of(
                numeric("s-a", traceId(1), 0.25, at(1)),
                numeric("s-b", traceId(1), 0.75, at(2)).toBuilder()
                    .target(ScoreTarget.observation(traceId(1), observationId(1)))
                    .source(ScoreSource.EVAL)
                    .environment("staging")
                    .build(),
                thumbs("s-c", traceId(2), observationId(2), true),
                category("s-d", "session-1", "rude"),
                text("s-e", "run-1"),
                numeric("s-f", traceId(2), -1, at(6)).toBuilder()
                    .name("latency-check")
                    .configId(null)
                    .queueId(null)
                    .build()));
  }

  private List<String> search(UnaryOperator<ScoreQuery.Builder> filter) {
    return ids(
        scores().searchScores(filter.apply(ScoreQuery.builder(PROJECT)).build()),
        s -> s.score().id());
  }

  @Test
  protected void searchScores_eachFilter() {
    sixScores();

    assertThat(search(q -> q)).containsExactly("s-f", "s-e", "s-d", "s-c", "s-b", "s-a");
    assertThat(search(q -> q.name("helpfulness"))).containsExactly("s-b", "s-a");
    assertThat(search(q -> q.source(ScoreSource.EVAL))).containsExactly("s-e", "s-b");
    assertThat(search(q -> q.dataType(ScoreDataType.BOOLEAN))).containsExactly("s-c");
    assertThat(search(q -> q.configId("cfg-tone"))).containsExactly("s-d");
    assertThat(search(q -> q.queueId("queue-1"))).containsExactly("s-b", "s-a");
    assertThat(search(q -> q.traceId(traceId(2)))).containsExactly("s-f", "s-c");
    assertThat(search(q -> q.observationIds(List.of(observationId(1), observationId(2)))))
        .containsExactly("s-c", "s-b");
    assertThat(search(q -> q.sessionId("session-1"))).containsExactly("s-d");
    assertThat(search(q -> q.datasetRunId("run-1"))).containsExactly("s-e");
    assertThat(search(q -> q.userId("user-1"))).containsExactly("s-b", "s-a");
    assertThat(search(q -> q.traceTags(List.of("vip", "support")))).containsExactly("s-b", "s-a");
    assertThat(search(q -> q.traceTags(List.of("vip", "billing")))).isEmpty();
    assertThat(search(q -> q.environments(List.of("staging", "default"))))
        .containsExactly("s-e", "s-d", "s-c", "s-b");
    assertThat(search(q -> q.scoreIds(List.of("s-a", "s-e", "unknown"))))
        .containsExactly("s-e", "s-a");
    assertThat(search(q -> q.fromTimestamp(at(2)).toTimestamp(at(4))))
        .containsExactly("s-d", "s-c", "s-b");
  }

  @Test
  protected void searchScores_valueOperatorsCompareTheNumber_textHasNone() {
    sixScores();

    assertThat(search(q -> q.value(value(ScoreQuery.Operator.GT, 0.25))))
        .containsExactly("s-d", "s-c", "s-b");
    assertThat(search(q -> q.value(value(ScoreQuery.Operator.GE, 0.25))))
        .containsExactly("s-d", "s-c", "s-b", "s-a");
    assertThat(search(q -> q.value(value(ScoreQuery.Operator.LT, 0.75))))
        .containsExactly("s-f", "s-a");
    assertThat(search(q -> q.value(value(ScoreQuery.Operator.LE, 0.75))))
        .containsExactly("s-f", "s-b", "s-a");
    assertThat(search(q -> q.value(value(ScoreQuery.Operator.EQ, 1)))).containsExactly("s-c");
    assertThat(search(q -> q.value(value(ScoreQuery.Operator.NE, 1))))
        .containsExactly("s-f", "s-d", "s-b", "s-a");
  }

  private static ScoreQuery.ValueFilter value(ScoreQuery.Operator op, double threshold) {
    return new ScoreQuery.ValueFilter(op, threshold);
  }

  @Test
  protected void searchScores_carriesTheScoredTracesFacts_whenItsRowExists() {
    sixScores();

    Page<ScoreSummary> page = scores().searchScores(ScoreQuery.builder(PROJECT).build());

    ScoreSummary a =
        page.items().stream().filter(s -> s.score().id().equals("s-a")).findFirst().orElseThrow();
    assertStored(
        a.trace(),
        new ScoreSummary.TraceFacts(
            "user-1", List.of("support", "vip"), "production", "session-1"));
    for (ScoreSummary s : page.items()) {
      if (!traceId(1).equals(s.score().target().traceId())) {
        assertThat(s.trace()).as(s.score().id()).isNull();
      }
    }
  }

  @Test
  protected void searchScores_pagesNewestFirstThenIdDescending() {
    List<Score> same = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) same.add(numeric("s-" + i, traceId(1), i, at(1)));
    scores().putScores(same);

    Page<ScoreSummary> second =
        scores().searchScores(ScoreQuery.builder(PROJECT).paging(new Paging(2, 3)).build());

    assertThat(ids(second, s -> s.score().id())).containsExactly("s-3", "s-2", "s-1");
    assertThat(second.totalItems()).isEqualTo(7);
    assertThat(second.totalPages()).isEqualTo(3);
  }

  @Test
  protected void scoresOfTraces_includeTheirObservationsScores_inTimeOrder() {
    sixScores();

    assertThat(scores().scoresOfTraces(PROJECT, List.of(traceId(2), traceId(1))))
        .extracting(Score::id)
        .containsExactly("s-a", "s-b", "s-c", "s-f");
    assertThat(scores().scoresOfTraces(PROJECT, List.of())).isEmpty();
    assertThat(scores().scoresOfSession(PROJECT, "session-1"))
        .extracting(Score::id)
        .containsExactly("s-d");
  }

  @Test
  protected void everyRead_neverSeesAnotherProjectsScores() {
    sixScores();
    Score other = numeric("s-a", traceId(1), 0.5, at(1)).toBuilder().build();
    scores().putScores(List.of(sameIn(other, OTHER_PROJECT)));

    assertThat(scores().getScore(OTHER_PROJECT, "s-b")).isEmpty();
    assertThat(get("s-a").value()).isEqualTo(0.25);
    assertThat(scores().searchScores(ScoreQuery.builder(OTHER_PROJECT).build()).totalItems())
        .isEqualTo(1);
    assertThat(scores().scoresOfTraces(OTHER_PROJECT, List.of(traceId(2)))).isEmpty();
    assertThat(scores().scoresOfSession(OTHER_PROJECT, "session-1")).isEmpty();
    assertThat(scores().deleteScore(OTHER_PROJECT, "s-c")).isFalse();
    assertThat(scores().getScore(PROJECT, "s-c")).isPresent();
    assertThat(
            scores()
                .searchScores(ScoreQuery.builder(OTHER_PROJECT).userId("user-1").build())
                .items())
        .isEmpty();
  }

  private static Score sameIn(Score s, String projectId) {
    return new Score(
        projectId,
        s.id(),
        s.name(),
        s.dataType(),
        s.value(),
        s.stringValue(),
        s.source(),
        s.target(),
        s.timestamp(),
        s.comment(),
        s.metadata(),
        s.configId(),
        s.queueId(),
        s.authorUserId(),
        s.environment(),
        s.createdAt(),
        s.updatedAt());
  }
}
