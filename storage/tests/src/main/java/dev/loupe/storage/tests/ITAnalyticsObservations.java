package dev.loupe.storage.tests;

import static dev.loupe.storage.analytics.Aggregation.AVG;
import static dev.loupe.storage.analytics.Aggregation.COUNT;
import static dev.loupe.storage.analytics.Aggregation.MAX;
import static dev.loupe.storage.analytics.Aggregation.MIN;
import static dev.loupe.storage.analytics.Aggregation.P50;
import static dev.loupe.storage.analytics.Aggregation.P75;
import static dev.loupe.storage.analytics.Aggregation.P90;
import static dev.loupe.storage.analytics.Aggregation.P95;
import static dev.loupe.storage.analytics.Aggregation.P99;
import static dev.loupe.storage.analytics.Aggregation.SUM;
import static dev.loupe.storage.analytics.Aggregation.UNIQ;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.Storage;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The observations view on hand-built data with literal answers: every measure and aggregation,
 * value types, nulls, window bounds, merged rows and missing trace rows.
 */
public abstract class ITAnalyticsObservations<S extends Storage> extends AnalyticsSuite<S> {
  static final Instant T = TODAY.plusSeconds(3_600);

  /**
   * Three gpt-4o generations of one trace with latencies 100, 200 and 400 ms; the second is an
   * ERROR, the third has no cost.
   */
  List<Observation> threeGpt4oGenerations() {
    Trace trace =
        bareTrace(1, T).name("agent").userId("u1").sessionId("s1").tags(List.of("support")).build();
    Observation g1 =
        generation(trace, 1, T)
            .model("gpt-4o")
            .endTime(T.plusMillis(100))
            .completionStartTime(T.plusMillis(40))
            .usageDetails(Map.of("input", 1000L, "input_cached_tokens", 300L, "output", 200L))
            .costDetails(Map.of("input", usd("0.0025"), "output", usd("0.002")))
            .costSource(CostSource.CALCULATED)
            .build();
    Instant t2 = T.plusSeconds(1);
    Observation g2 =
        generation(trace, 2, t2)
            .model("gpt-4o")
            .endTime(t2.plusMillis(200))
            .level(Level.ERROR)
            .usageDetails(
                Map.of(
                    "input", 2000L, "output", 400L, "output_reasoning_tokens", 50L, "total", 2450L))
            .costDetails(
                Map.of("input", usd("0.005"), "output", usd("0.004"), "total", usd("0.009")))
            .costSource(CostSource.CALCULATED)
            .build();
    Instant t3 = T.plusSeconds(2);
    Observation g3 =
        generation(trace, 3, t3)
            .model("gpt-4o")
            .endTime(t3.plusMillis(400))
            .completionStartTime(t3.plusMillis(100))
            .usageDetails(Map.of("input", 500L, "output", 100L))
            .costSource(CostSource.NO_PRICE)
            .build();
    List<Observation> all = List.of(g1, g2, g3);
    accept(List.of(trace), all);
    return all;
  }

  @Test
  protected void latency_percentilesInterpolateLinearly() {
    threeGpt4oGenerations();

    MetricsRow row =
        single(
            observations()
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.LATENCY, P50)
                .metric(Measure.LATENCY, P75)
                .metric(Measure.LATENCY, P90)
                .metric(Measure.LATENCY, P95)
                .metric(Measure.LATENCY, P99)
                .metric(Measure.LATENCY, AVG)
                .metric(Measure.LATENCY, MIN)
                .metric(Measure.LATENCY, MAX)
                .metric(Measure.LATENCY, SUM));

    assertRows(
        List.of(row),
        List.of(
            row(
                null,
                Map.of(),
                values(
                    "count_count", 3L,
                    "p50_latency", 200.0,
                    "p75_latency", 300.0,
                    "p90_latency", 360.0,
                    "p95_latency", 380.0,
                    "p99_latency", 396.0,
                    "avg_latency", 700.0 / 3,
                    "min_latency", 100.0,
                    "max_latency", 400.0,
                    "sum_latency", 700.0))));
  }

  @Test
  protected void tokensAndCosts_sumExactlyWithTheirTypes() {
    threeGpt4oGenerations();

    MetricsRow row =
        single(
            observations()
                .metric(Measure.INPUT_TOKENS, SUM)
                .metric(Measure.OUTPUT_TOKENS, SUM)
                .metric(Measure.TOTAL_TOKENS, SUM)
                .metric(Measure.CACHED_INPUT_TOKENS, SUM)
                .metric(Measure.REASONING_TOKENS, SUM)
                .metric(Measure.INPUT_TOKENS, MAX)
                .metric(Measure.OUTPUT_TOKENS, AVG)
                .metric(Measure.INPUT_COST, SUM)
                .metric(Measure.OUTPUT_COST, SUM)
                .metric(Measure.TOTAL_COST, SUM)
                .metric(Measure.TOTAL_COST, MIN)
                .metric(Measure.TOTAL_COST, AVG)
                .metric(Measure.TOTAL_COST, COUNT)
                .metric(Measure.ERRORS, SUM)
                .metric(Measure.ERRORS, AVG));

    // input = input + input_* buckets; output = output + output_*; total = "total" when given.
    assertRows(
        List.of(row),
        List.of(
            row(
                null,
                Map.of(),
                values(
                    "sum_inputTokens", 3800L,
                    "sum_outputTokens", 750L,
                    "sum_totalTokens", 4550L,
                    "sum_cachedInputTokens", 300L,
                    "sum_reasoningTokens", 50L,
                    "max_inputTokens", 2000L,
                    "avg_outputTokens", 250.0,
                    "sum_inputCost", usd("0.0075"),
                    "sum_outputCost", usd("0.006"),
                    "sum_totalCost", usd("0.0135"),
                    "min_totalCost", usd("0.0045"),
                    "avg_totalCost", 0.00675,
                    "count_totalCost", 3L,
                    "sum_errors", 1L,
                    "avg_errors", 1.0 / 3))));
  }

  @Test
  protected void streamingMeasures_skipRecordsWithoutCompletionStart() {
    threeGpt4oGenerations();

    MetricsRow row =
        single(
            observations()
                .metric(Measure.TIME_TO_FIRST_TOKEN, P50)
                .metric(Measure.TIME_TO_FIRST_TOKEN, MIN)
                .metric(Measure.TIME_TO_FIRST_TOKEN, COUNT)
                .metric(Measure.STREAMING_LATENCY, SUM)
                .metric(Measure.OUTPUT_TOKENS_PER_SECOND, MIN)
                .metric(Measure.OUTPUT_TOKENS_PER_SECOND, MAX)
                .metric(Measure.OUTPUT_TOKENS_PER_SECOND, AVG));

    assertRows(
        List.of(row),
        List.of(
            row(
                null,
                Map.of(),
                values(
                    "p50_timeToFirstToken", 70.0,
                    "min_timeToFirstToken", 40.0,
                    "count_timeToFirstToken", 3L,
                    "sum_streamingLatency", 360.0,
                    "min_outputTokensPerSecond", 250.0,
                    "max_outputTokensPerSecond", 2250.0,
                    "avg_outputTokensPerSecond", 1500.0))));
  }

  @Test
  protected void aggregations_areNullOverNoValuesButCountAndUniqCount() {
    Trace trace = bareTrace(1, T).build();
    Observation event = generation(trace, 1, T).name("ping").build(); // no end, usage or cost
    accept(List.of(trace), List.of(event));

    MetricsRow row =
        single(
            observations()
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.LATENCY, SUM)
                .metric(Measure.LATENCY, P50)
                .metric(Measure.LATENCY, AVG)
                .metric(Measure.LATENCY, UNIQ)
                .metric(Measure.TOTAL_COST, SUM)
                .metric(Measure.TOTAL_COST, MAX)
                .metric(Measure.TOTAL_COST, P95)
                .metric(Measure.OUTPUT_TOKENS_PER_SECOND, AVG)
                .metric(Measure.INPUT_TOKENS, SUM)
                .metric(Measure.ERRORS, SUM)
                .metric(Measure.USER_ID, UNIQ));

    assertRows(
        List.of(row),
        List.of(
            row(
                null,
                Map.of(),
                values(
                    "count_count", 1L,
                    "sum_latency", null,
                    "p50_latency", null,
                    "avg_latency", null,
                    "uniq_latency", 0L,
                    "sum_totalCost", null,
                    "max_totalCost", null,
                    "p95_totalCost", null,
                    "avg_outputTokensPerSecond", null,
                    "sum_inputTokens", 0L,
                    "sum_errors", 0L,
                    "uniq_userId", 0L))));
  }

  @Test
  protected void costs_sumExactlyAndStripTrailingZeros() {
    Trace trace = bareTrace(1, T).build();
    accept(
        List.of(trace),
        List.of(
            priced(trace, 1, "0.0000025"),
            priced(trace, 2, "1.25E-7"),
            priced(trace, 3, "0.000000375"),
            priced(trace, 4, "0.10"),
            priced(trace, 5, "0.20")));

    MetricsRow row =
        single(
            observations()
                .metric(Measure.TOTAL_COST, SUM)
                .metric(Measure.TOTAL_COST, MIN)
                .metric(Measure.TOTAL_COST, MAX)
                .metric(Measure.TOTAL_COST, UNIQ));

    assertRows(
        List.of(row),
        List.of(
            row(
                null,
                Map.of(),
                values(
                    "sum_totalCost", usd("0.300003"),
                    "min_totalCost", usd("1.25E-7"),
                    "max_totalCost", usd("0.2"),
                    "uniq_totalCost", 5L))));
    assertThat(row.values().get("sum_totalCost").toString()).isEqualTo("0.300003");
  }

  private static Observation priced(Trace trace, int n, String total) {
    return generation(trace, n, T.plusSeconds(n))
        .costDetails(Map.of("total", usd(total)))
        .costSource(CostSource.PROVIDED)
        .build();
  }

  @Test
  protected void uniq_countsDistinctNonNullTraceUsersSessions() {
    Trace t1 = bareTrace(1, T).userId("u1").sessionId("s1").build();
    Trace t2 = bareTrace(2, T).userId("u1").sessionId("s2").build();
    Trace t3 = bareTrace(3, T).userId("u2").build();
    Trace t4 = bareTrace(4, T).build();
    accept(
        List.of(t1, t2, t3, t4),
        List.of(
            generation(t1, 1, T).build(),
            generation(t1, 2, T).build(),
            generation(t2, 3, T).build(),
            generation(t3, 4, T).build(),
            generation(t4, 5, T).build()));

    MetricsRow row =
        single(
            observations()
                .metric(Measure.TRACE_ID, UNIQ)
                .metric(Measure.USER_ID, UNIQ)
                .metric(Measure.SESSION_ID, UNIQ)
                .metric(Measure.USER_ID, COUNT));

    assertRows(
        List.of(row),
        List.of(
            row(
                null,
                Map.of(),
                values(
                    "uniq_traceId",
                    4L,
                    "uniq_userId",
                    2L,
                    "uniq_sessionId",
                    2L,
                    "count_userId",
                    5L))));
  }

  @Test
  protected void window_includesFromAndExcludesTo() {
    Trace trace = bareTrace(1, T).build();
    Instant from = T, to = T.plusSeconds(60);
    accept(
        List.of(trace),
        List.of(
            generation(trace, 1, from.minusNanos(1_000)).build(),
            generation(trace, 2, from).build(),
            generation(trace, 3, to.minusNanos(1_000)).build(),
            generation(trace, 4, to).build()));

    MetricsRow row =
        single(
            MetricsQuery.builder(PROJECT, MetricsView.OBSERVATIONS, from, to)
                .metric(Measure.COUNT, COUNT));

    assertValue("count", row.values().get("count_count"), 2L);
  }

  @Test
  protected void query_answersNoRowsWhenNothingMatches() {
    threeGpt4oGenerations();

    assertThat(
            run(
                MetricsQuery.builder(PROJECT, MetricsView.OBSERVATIONS, TO, TO.plusSeconds(1))
                    .metric(Measure.COUNT, COUNT)))
        .isEmpty();
    assertThat(
            run(
                MetricsQuery.builder(TestObjects.OTHER_PROJECT, MetricsView.OBSERVATIONS, FROM, TO)
                    .metric(Measure.COUNT, COUNT)))
        .isEmpty();
  }

  @Test
  protected void mergedRows_countOnceWithMergedValues() {
    Trace trace = bareTrace(1, T).userId("u1").build();
    Observation started = generation(trace, 1, T).model("gpt-4o").build();
    Observation ended =
        generation(trace, 1, T)
            .endTime(T.plusMillis(250))
            .level(Level.ERROR)
            .usageDetails(Map.of("input", 10L))
            .costDetails(Map.of("total", usd("0.5")))
            .costSource(CostSource.CALCULATED)
            .build();
    accept(List.of(trace), List.of(started));
    accept(List.of(trace.toBuilder().name("late-name").build()), List.of(ended));

    List<MetricsRow> rows =
        run(
            observations()
                .dimension(dev.loupe.storage.analytics.Dimension.PROVIDED_MODEL_NAME)
                .dimension(dev.loupe.storage.analytics.Dimension.TRACE_NAME)
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.LATENCY, SUM)
                .metric(Measure.INPUT_TOKENS, SUM)
                .metric(Measure.TOTAL_COST, SUM)
                .metric(Measure.ERRORS, SUM));

    assertRows(
        rows,
        List.of(
            row(
                null,
                dims("providedModelName", "gpt-4o", "traceName", "late-name"),
                values(
                    "count_count", 1L,
                    "sum_latency", 250.0,
                    "sum_inputTokens", 10L,
                    "sum_totalCost", usd("0.5"),
                    "sum_errors", 1L))));
  }

  @Test
  protected void missingTraceRow_leavesTraceDimensionsNullUntilItArrives() {
    Trace trace = bareTrace(9, T).name("agent").userId("u9").sessionId("s9").build();
    accept(generation(trace, 1, T).build());
    MetricsQuery.Builder query =
        observations()
            .dimension(dev.loupe.storage.analytics.Dimension.TRACE_ID)
            .dimension(dev.loupe.storage.analytics.Dimension.TRACE_NAME)
            .dimension(dev.loupe.storage.analytics.Dimension.USER_ID)
            .dimension(dev.loupe.storage.analytics.Dimension.SESSION_ID)
            .metric(Measure.COUNT, COUNT)
            .metric(Measure.USER_ID, UNIQ);

    assertRows(
        run(query),
        List.of(
            row(
                null,
                dims("traceId", trace.id(), "traceName", null, "userId", null, "sessionId", null),
                values("count_count", 1L, "uniq_userId", 0L))));

    accept(trace);
    assertRows(
        run(query),
        List.of(
            row(
                null,
                dims(
                    "traceId", trace.id(), "traceName", "agent", "userId", "u9", "sessionId", "s9"),
                values("count_count", 1L, "uniq_userId", 1L))));
  }

  @Test
  protected void otherProjects_areNeverCounted() {
    threeGpt4oGenerations();
    Trace other =
        Trace.builder(TestObjects.OTHER_PROJECT, TestObjects.traceId(1), T).userId("u1").build();
    accept(
        List.of(other),
        List.of(
            generation(other, 1, T).model("gpt-4o").endTime(T.plusSeconds(9)).build(),
            generation(other, 7, T).model("gpt-4o").build()));

    MetricsRow row =
        single(
            observations()
                .dimension(dev.loupe.storage.analytics.Dimension.PROVIDED_MODEL_NAME)
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.LATENCY, MAX));

    assertValue("count", row.values().get("count_count"), 3L);
    assertValue("max latency", row.values().get("max_latency"), 400.0);
  }
}
