package dev.loupe.bench;

import static dev.loupe.storage.analytics.Aggregation.AVG;
import static dev.loupe.storage.analytics.Aggregation.COUNT;
import static dev.loupe.storage.analytics.Aggregation.P50;
import static dev.loupe.storage.analytics.Aggregation.P95;
import static dev.loupe.storage.analytics.Aggregation.P99;
import static dev.loupe.storage.analytics.Aggregation.SUM;
import static dev.loupe.storage.analytics.Dimension.PROVIDED_MODEL_NAME;
import static dev.loupe.storage.analytics.Dimension.TYPE;
import static dev.loupe.storage.analytics.Dimension.USER_ID;
import static dev.loupe.storage.analytics.Measure.CACHED_INPUT_TOKENS;
import static dev.loupe.storage.analytics.Measure.ERRORS;
import static dev.loupe.storage.analytics.Measure.INPUT_TOKENS;
import static dev.loupe.storage.analytics.Measure.LATENCY;
import static dev.loupe.storage.analytics.Measure.OUTPUT_TOKENS;
import static dev.loupe.storage.analytics.Measure.REASONING_TOKENS;
import static dev.loupe.storage.analytics.Measure.TIME_TO_FIRST_TOKEN;
import static dev.loupe.storage.analytics.Measure.TOTAL_COST;
import static dev.loupe.storage.analytics.Measure.TOTAL_TOKENS;

import dev.loupe.storage.SortDirection;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's queries over the whole window, as the UI would send them. Model charts look at
 * generations only (the type filter), like a model dashboard does.
 */
final class DashboardQueries {
  record Named(String key, String label, MetricsQuery query) {}

  private DashboardQueries() {}

  static List<Named> all(String projectId, Instant from, Instant to) {
    return List.of(
        new Named(
            "a",
            "cost by model by day",
            generations(projectId, from, to)
                .dimension(PROVIDED_MODEL_NAME)
                .granularity(Granularity.DAY)
                .metric(TOTAL_COST, SUM)
                .rowLimit(MetricsQuery.MAX_ROWS)
                .build()),
        new Named(
            "b",
            "latency p50/p95/p99 by model",
            generations(projectId, from, to)
                .dimension(PROVIDED_MODEL_NAME)
                .metric(LATENCY, P50)
                .metric(LATENCY, P95)
                .metric(LATENCY, P99)
                .build()),
        new Named(
            "c",
            "error rate by model",
            generations(projectId, from, to)
                .dimension(PROVIDED_MODEL_NAME)
                .metric(ERRORS, AVG)
                .metric(ERRORS, SUM)
                .metric(Measure.COUNT, COUNT)
                .build()),
        new Named(
            "d",
            "top 20 users by cost (traces view)",
            // as the dashboard asks it: the users' traces in the window, one rollup row each
            MetricsQuery.builder(projectId, MetricsView.TRACES, from, to)
                .filter(USER_ID, FilterOperator.IS_NOT_NULL)
                .dimension(USER_ID)
                .metric(TOTAL_COST, SUM)
                .metric(Measure.COUNT, COUNT)
                .metric(TOTAL_TOKENS, SUM)
                .orderBy("sum_totalCost", SortDirection.DESC)
                .orderBy(USER_ID.wireName(), SortDirection.ASC)
                .rowLimit(20)
                .build()),
        new Named("e", "model analysis in one call", modelAnalysis(projectId, from, to)),
        new Named(
            "f",
            "traces: count, p95 latency, cost by day",
            MetricsQuery.builder(projectId, MetricsView.TRACES, from, to)
                .granularity(Granularity.DAY)
                .metric(Measure.COUNT, COUNT)
                .metric(LATENCY, P95)
                .metric(TOTAL_COST, SUM)
                .build()));
  }

  private static MetricsQuery modelAnalysis(String projectId, Instant from, Instant to) {
    MetricsQuery.Builder b =
        generations(projectId, from, to)
            .dimension(PROVIDED_MODEL_NAME)
            .granularity(Granularity.DAY)
            .metric(Measure.COUNT, COUNT);
    for (Measure m :
        List.of(INPUT_TOKENS, OUTPUT_TOKENS, CACHED_INPUT_TOKENS, REASONING_TOKENS, TOTAL_COST)) {
      b.metric(m, SUM);
    }
    for (Measure m : List.of(LATENCY, TIME_TO_FIRST_TOKEN)) {
      b.metric(m, P50).metric(m, P95).metric(m, P99);
    }
    return b.metric(ERRORS, AVG).rowLimit(MetricsQuery.MAX_ROWS).build();
  }

  private static MetricsQuery.Builder generations(String projectId, Instant from, Instant to) {
    return MetricsQuery.builder(projectId, MetricsView.OBSERVATIONS, from, to)
        .filter(TYPE, FilterOperator.EQ, "GENERATION");
  }
}
