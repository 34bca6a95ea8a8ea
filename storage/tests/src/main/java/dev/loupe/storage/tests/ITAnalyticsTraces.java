package dev.loupe.storage.tests;

import static dev.loupe.storage.analytics.Aggregation.AVG;
import static dev.loupe.storage.analytics.Aggregation.COUNT;
import static dev.loupe.storage.analytics.Aggregation.MAX;
import static dev.loupe.storage.analytics.Aggregation.MIN;
import static dev.loupe.storage.analytics.Aggregation.P50;
import static dev.loupe.storage.analytics.Aggregation.SUM;
import static dev.loupe.storage.analytics.Aggregation.UNIQ;
import static dev.loupe.storage.tests.TestObjects.PROJECT;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.Storage;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The traces view on hand-built data: one record per trace in the window (by trace timestamp),
 * measures over all its observations, latency max(end, else start) − min(start), cost null when no
 * observation has one, errors 1 when any observation is ERROR.
 */
public abstract class ITAnalyticsTraces<S extends Storage> extends AnalyticsSuite<S> {
  static final Instant T = HOUR_1;

  /**
   * t1 (agent, u1, s1, production) at T: four observations, the last 2h1m later, one ERROR, cost
   * only as a total; t2 (u2) at T+1h with none; t3 (agent, u1) at T+2h: one priced generation of
   * 250.5 ms; t4 outside every window.
   */
  void threeTraces() {
    Trace t1 =
        bareTrace(1, T)
            .name("agent")
            .userId("u1")
            .sessionId("s1")
            .environment("production")
            .release("r1")
            .version("v1")
            .build();
    Trace t2 = bareTrace(2, T.plus(Duration.ofHours(1))).userId("u2").build();
    Instant t3Start = T.plus(Duration.ofHours(2));
    Trace t3 = bareTrace(3, t3Start).name("agent").userId("u1").sessionId("s3").build();
    Trace t4 = bareTrace(4, TO).name("agent").build();
    Instant late = T.plus(Duration.ofMinutes(121));
    List<Observation> observations =
        List.of(
            generation(t1, 1, T)
                .endTime(T.plusMillis(1_500))
                .usageDetails(Map.of("input", 100L, "output", 50L))
                .costDetails(Map.of("total", usd("0.001")))
                .costSource(CostSource.PROVIDED)
                .build(),
            generation(t1, 2, T.plusMillis(200))
                .usageDetails(Map.of("input", 10L))
                .level(Level.ERROR)
                .build(),
            generation(t1, 3, T.plusSeconds(3)).build(),
            generation(t1, 4, late)
                .endTime(late.plusMillis(500))
                .usageDetails(Map.of("input", 1000L))
                .build(),
            generation(t3, 5, t3Start)
                .endTime(t3Start.plusNanos(250_500_000))
                .usageDetails(Map.of("input", 200L, "output", 20L))
                .costDetails(Map.of("input", usd("0.0000025"), "output", usd("1.25E-7")))
                .costSource(CostSource.CALCULATED)
                .build(),
            generation(t4, 6, TO).usageDetails(Map.of("input", 7L)).build());
    accept(List.of(t1, t2, t3, t4), observations);
  }

  @Test
  protected void traces_aggregateTheirObservationsPerTrace() {
    threeTraces();

    assertRows(
        run(
            traces()
                .dimension(Dimension.USER_ID)
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.INPUT_TOKENS, SUM)
                .metric(Measure.OUTPUT_TOKENS, SUM)
                .metric(Measure.TOTAL_TOKENS, SUM)
                .metric(Measure.INPUT_COST, SUM)
                .metric(Measure.TOTAL_COST, SUM)
                .metric(Measure.LATENCY, MAX)
                .metric(Measure.ERRORS, SUM)),
        List.of(
            row(
                null,
                dims("userId", "u1"),
                values(
                    "count_count", 2L,
                    "sum_inputTokens", 1310L,
                    "sum_outputTokens", 70L,
                    "sum_totalTokens", 1380L,
                    "sum_inputCost", usd("0.0000025"),
                    "sum_totalCost", usd("0.001002625"),
                    "max_latency", 7_260_500.0,
                    "sum_errors", 1L)),
            row(
                null,
                dims("userId", "u2"),
                values(
                    "count_count", 1L,
                    "sum_inputTokens", 0L,
                    "sum_outputTokens", 0L,
                    "sum_totalTokens", 0L,
                    "sum_inputCost", null,
                    "sum_totalCost", null,
                    "max_latency", null,
                    "sum_errors", 0L))));
  }

  @Test
  protected void traces_latencyCostAndErrorsOverAllTraces() {
    threeTraces();

    assertRows(
        run(
            traces()
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.LATENCY, P50)
                .metric(Measure.LATENCY, MIN)
                .metric(Measure.TOTAL_COST, AVG)
                .metric(Measure.TOTAL_COST, MIN)
                .metric(Measure.ERRORS, AVG)
                .metric(Measure.USER_ID, UNIQ)
                .metric(Measure.SESSION_ID, UNIQ)),
        List.of(
            row(
                null,
                Map.of(),
                values(
                    "count_count",
                    3L,
                    "p50_latency",
                    3_630_375.25,
                    "min_latency",
                    250.5,
                    "avg_totalCost",
                    0.0005013125,
                    "min_totalCost",
                    usd("0.000002625"),
                    "avg_errors",
                    1.0 / 3,
                    "uniq_userId",
                    2L,
                    "uniq_sessionId",
                    2L))));
  }

  @Test
  protected void traces_windowSelectsByTraceTimestampAndCountsLaterObservations() {
    threeTraces();

    // [T, T+2h) holds t1 and t2; t1's observation at T+2h1m still counts for t1.
    assertRows(
        run(
            MetricsQuery.builder(PROJECT, MetricsView.TRACES, T, T.plus(Duration.ofHours(2)))
                .granularity(Granularity.HOUR)
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.INPUT_TOKENS, SUM)),
        List.of(
            row(T, Map.of(), values("count_count", 1L, "sum_inputTokens", 1110L)),
            row(
                T.plus(Duration.ofHours(1)),
                Map.of(),
                values("count_count", 1L, "sum_inputTokens", 0L))));
  }

  @Test
  protected void traces_eachTraceDimension() {
    threeTraces();

    assertRows(
        run(
            traces()
                .dimension(Dimension.NAME)
                .dimension(Dimension.SESSION_ID)
                .dimension(Dimension.ENVIRONMENT)
                .dimension(Dimension.RELEASE)
                .dimension(Dimension.VERSION)
                .metric(Measure.COUNT, COUNT)),
        List.of(
            row(
                null,
                dims(
                    "name",
                    "agent",
                    "sessionId",
                    "s1",
                    "environment",
                    "production",
                    "release",
                    "r1",
                    "version",
                    "v1"),
                values("count_count", 1L)),
            row(
                null,
                dims(
                    "name",
                    "agent",
                    "sessionId",
                    "s3",
                    "environment",
                    "default",
                    "release",
                    null,
                    "version",
                    null),
                values("count_count", 1L)),
            row(
                null,
                dims(
                    "name",
                    null,
                    "sessionId",
                    null,
                    "environment",
                    "default",
                    "release",
                    null,
                    "version",
                    null),
                values("count_count", 1L))));
  }

  @Test
  protected void traces_mergedTraceRowsCountOnce() {
    Trace first = bareTrace(1, T).userId("u1").build();
    accept(first);
    accept(first.toBuilder().timestamp(T.plusSeconds(5)).name("renamed").build());

    assertRows(
        run(
            traces()
                .dimension(Dimension.NAME)
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.USER_ID, UNIQ)),
        List.of(row(null, dims("name", "renamed"), values("count_count", 1L, "uniq_userId", 1L))));
  }

  @Test
  protected void traces_otherProjectsAreNeverCounted() {
    threeTraces();
    Trace other =
        Trace.builder(TestObjects.OTHER_PROJECT, TestObjects.traceId(1), T).userId("u1").build();
    accept(
        List.of(other),
        List.of(
            generation(other, 1, T).level(Level.ERROR).usageDetails(Map.of("input", 5L)).build()));

    assertRows(
        run(
            traces()
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.INPUT_TOKENS, SUM)
                .metric(Measure.ERRORS, SUM)),
        List.of(
            row(
                null,
                Map.of(),
                values("count_count", 3L, "sum_inputTokens", 1310L, "sum_errors", 1L))));
  }
}
