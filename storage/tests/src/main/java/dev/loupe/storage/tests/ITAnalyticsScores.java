package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Score;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import dev.loupe.model.Trace;
import dev.loupe.storage.Storage;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The score views on a small hand-computed data set: numeric averages and percentiles, boolean
 * rates, categorical counts, by name, source, model (the scored observation's, or a trace's last
 * model call), trace name, user and day; TEXT scores and scores outside the window or project are
 * never counted.
 */
public abstract class ITAnalyticsScores<S extends Storage> extends AnalyticsSuite<S> {
  private static final Instant DAY_2 = HOUR_1.plus(Duration.ofDays(1));
  private final List<Score> scores = new ArrayList<>();

  /**
   * Trace t1 (agent-a, u1, tags support, session s1): gpt-4o at 0 s, claude at 10 s (its last model
   * call), a tool at 20 s. Trace t2 (agent-b, u2): gpt-4o. Scores below.
   */
  private void writeData() {
    Trace t1 =
        bareTrace(1, HOUR_1)
            .name("agent-a")
            .userId("u1")
            .sessionId("s1")
            .tags(List.of("support"))
            .build();
    Trace t2 = bareTrace(2, HOUR_1).name("agent-b").userId("u2").build();
    Observation gpt = generation(t1, 1, HOUR_1).model("gpt-4o").build();
    Observation claude = generation(t1, 2, HOUR_1.plusSeconds(10)).model("claude-3").build();
    Observation tool =
        generation(t1, 3, HOUR_1.plusSeconds(20)).type(ObservationType.TOOL).name("lookup").build();
    Observation gpt2 = generation(t2, 4, HOUR_1).model("gpt-4o").name("answer").build();
    accept(List.of(t1, t2), List.of(gpt, claude, tool, gpt2));
    String t1Id = t1.id(), t2Id = t2.id();
    numeric("n1", "helpfulness", 0.5, ScoreTarget.trace(t1Id), HOUR_1, ScoreSource.API);
    numeric(
        "n2",
        "helpfulness",
        1.0,
        ScoreTarget.observation(t1Id, gpt.id()),
        HOUR_1.plusSeconds(5),
        ScoreSource.EVAL);
    numeric("n3", "helpfulness", 0.0, ScoreTarget.trace(t2Id), DAY_2, ScoreSource.API);
    numeric("n4", "helpfulness", 0.25, ScoreTarget.trace(t2Id), DAY_2, ScoreSource.ANNOTATION);
    bool("b1", 1, ScoreTarget.trace(t1Id), HOUR_1);
    bool("b2", 0, ScoreTarget.trace(t1Id), HOUR_1.plusSeconds(1));
    bool("b3", 0, ScoreTarget.trace(t2Id), DAY_2);
    label("c1", "friendly", ScoreTarget.session("s1"), HOUR_1);
    label("c2", "friendly", ScoreTarget.trace(t2Id), HOUR_1);
    label("c3", "rude", ScoreTarget.trace(t1Id), DAY_2);
    scores.add(
        Score.builder(PROJECT, "x1", "critique", ScoreTarget.trace(t1Id), HOUR_1)
            .dataType(ScoreDataType.TEXT)
            .stringValue("too long")
            .build());
    numeric("early", "helpfulness", 100, ScoreTarget.trace(t1Id), FROM.minusSeconds(1), null);
    scores.add(
        Score.builder(OTHER_PROJECT, "n1", "helpfulness", ScoreTarget.trace(t1Id), HOUR_1)
            .value(50.0)
            .build());
    storage.scoreStore().putScores(scores);
  }

  private void numeric(
      String id,
      String name,
      double value,
      ScoreTarget target,
      Instant at,
      @Nullable ScoreSource source) {
    scores.add(
        Score.builder(PROJECT, id, name, target, at)
            .value(value)
            .source(source == null ? ScoreSource.API : source)
            .build());
  }

  private void bool(String id, double value, ScoreTarget target, Instant at) {
    scores.add(
        Score.builder(PROJECT, id, "thumbs-up", target, at)
            .dataType(ScoreDataType.BOOLEAN)
            .value(value)
            .build());
  }

  private void label(String id, String label, ScoreTarget target, Instant at) {
    scores.add(
        Score.builder(PROJECT, id, "tone", target, at)
            .dataType(ScoreDataType.CATEGORICAL)
            .stringValue(label)
            .build());
  }

  private static MetricsQuery.Builder numericScores() {
    return MetricsQuery.builder(PROJECT, MetricsView.SCORES_NUMERIC, FROM, TO);
  }

  private static MetricsQuery.Builder categoricalScores() {
    return MetricsQuery.builder(PROJECT, MetricsView.SCORES_CATEGORICAL, FROM, TO);
  }

  @Test
  protected void numeric_byName_averagePercentilesAndBooleanRate() {
    writeData();

    assertRows(
        run(
            numericScores()
                .dimension(Dimension.NAME)
                .metric(Measure.COUNT, Aggregation.COUNT)
                .metric(Measure.VALUE, Aggregation.AVG)
                .metric(Measure.VALUE, Aggregation.P50)
                .metric(Measure.VALUE, Aggregation.MIN)
                .metric(Measure.VALUE, Aggregation.MAX)
                .metric(Measure.VALUE, Aggregation.SUM)),
        List.of(
            row(
                null,
                dims("name", "helpfulness"),
                values(
                    "count_count", 4L,
                    "avg_value", 0.4375,
                    "p50_value", 0.375,
                    "min_value", 0.0,
                    "max_value", 1.0,
                    "sum_value", 1.75)),
            row(
                null,
                dims("name", "thumbs-up"),
                values(
                    "count_count", 3L,
                    "avg_value", 1 / 3.0,
                    "p50_value", 0.0,
                    "min_value", 0.0,
                    "max_value", 1.0,
                    "sum_value", 1.0))));
  }

  @Test
  protected void numeric_averageByModelPerDay_observationScoresTheirModel_traceScoresTheLastCall() {
    writeData();

    assertRows(
        run(
            numericScores()
                .granularity(Granularity.DAY)
                .dimension(Dimension.MODEL)
                .metric(Measure.VALUE, Aggregation.AVG)
                .filter(Dimension.NAME, FilterOperator.EQ, "helpfulness")),
        List.of(
            row(TODAY, dims("model", "claude-3"), values("avg_value", 0.5)),
            row(TODAY, dims("model", "gpt-4o"), values("avg_value", 1.0)),
            row(
                TODAY.plus(Duration.ofDays(1)),
                dims("model", "gpt-4o"),
                values("avg_value", 0.125))));
  }

  @Test
  protected void numeric_observationModelName_isTheScoredObservationsOnly() {
    writeData();

    assertRows(
        run(
            numericScores()
                .dimension(Dimension.OBSERVATION_MODEL_NAME)
                .dimension(Dimension.OBSERVATION_NAME)
                .metric(Measure.COUNT, Aggregation.COUNT)
                .filter(Dimension.NAME, FilterOperator.EQ, "helpfulness")),
        List.of(
            row(
                null,
                dims("observationModelName", "gpt-4o", "observationName", "chat"),
                values("count_count", 1L)),
            row(
                null,
                dims("observationModelName", null, "observationName", null),
                values("count_count", 3L))));
  }

  @Test
  protected void numeric_thumbsRateByTraceNameAndUser() {
    writeData();

    assertRows(
        run(
            numericScores()
                .dimension(Dimension.TRACE_NAME)
                .dimension(Dimension.USER_ID)
                .metric(Measure.VALUE, Aggregation.AVG)
                .filter(Dimension.DATA_TYPE, FilterOperator.EQ, "BOOLEAN")),
        List.of(
            row(null, dims("traceName", "agent-a", "userId", "u1"), values("avg_value", 0.5)),
            row(null, dims("traceName", "agent-b", "userId", "u2"), values("avg_value", 0.0))));
  }

  @Test
  protected void numeric_bySourceAndDataType_textNeverCounted() {
    writeData();

    assertRows(
        run(
            numericScores()
                .dimension(Dimension.DATA_TYPE)
                .dimension(Dimension.SOURCE)
                .metric(Measure.COUNT, Aggregation.COUNT)
                .metric(Measure.TRACE_ID, Aggregation.UNIQ)),
        List.of(
            row(
                null,
                dims("dataType", "BOOLEAN", "source", "API"),
                values("count_count", 3L, "uniq_traceId", 2L)),
            row(
                null,
                dims("dataType", "NUMERIC", "source", "ANNOTATION"),
                values("count_count", 1L, "uniq_traceId", 1L)),
            row(
                null,
                dims("dataType", "NUMERIC", "source", "API"),
                values("count_count", 2L, "uniq_traceId", 2L)),
            row(
                null,
                dims("dataType", "NUMERIC", "source", "EVAL"),
                values("count_count", 1L, "uniq_traceId", 1L))));
  }

  @Test
  protected void numeric_traceTagsFilter_andFirstLastSeen() {
    writeData();

    assertRows(
        run(
            numericScores()
                .metric(Measure.COUNT, Aggregation.COUNT)
                .metric(Measure.TIMESTAMP, Aggregation.MIN)
                .metric(Measure.TIMESTAMP, Aggregation.MAX)
                .filter(Dimension.TAGS, FilterOperator.ANY_OF, "support")),
        List.of(
            row(
                null,
                dims(),
                values(
                    "count_count",
                    4L,
                    "min_timestamp",
                    HOUR_1,
                    "max_timestamp",
                    HOUR_1.plusSeconds(5)))));
  }

  @Test
  protected void categorical_countsByLabel_andSessionIsTheScoresOrItsTraces() {
    writeData();

    assertRows(
        run(
            categoricalScores()
                .dimension(Dimension.STRING_VALUE)
                .metric(Measure.COUNT, Aggregation.COUNT)),
        List.of(
            row(null, dims("stringValue", "friendly"), values("count_count", 2L)),
            row(null, dims("stringValue", "rude"), values("count_count", 1L))));
    assertRows(
        run(
            categoricalScores()
                .dimension(Dimension.SESSION_ID)
                .metric(Measure.COUNT, Aggregation.COUNT)),
        List.of(
            row(null, dims("sessionId", "s1"), values("count_count", 2L)),
            row(null, dims("sessionId", null), values("count_count", 1L))));
  }

  @Test
  protected void scoreViews_rejectTheOtherViewsMeasures() {
    assertThat(Measure.VALUE.supports(MetricsView.SCORES_CATEGORICAL)).isFalse();
    assertThat(Measure.TOTAL_COST.supports(MetricsView.SCORES_NUMERIC)).isFalse();
    assertThat(Dimension.STRING_VALUE.supports(MetricsView.SCORES_NUMERIC)).isFalse();
  }
}
