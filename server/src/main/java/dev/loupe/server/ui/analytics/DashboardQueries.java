package dev.loupe.server.ui.analytics;

import static dev.loupe.storage.analytics.Aggregation.AVG;
import static dev.loupe.storage.analytics.Aggregation.COUNT;
import static dev.loupe.storage.analytics.Aggregation.P50;
import static dev.loupe.storage.analytics.Aggregation.P95;
import static dev.loupe.storage.analytics.Aggregation.P99;
import static dev.loupe.storage.analytics.Aggregation.SUM;
import static dev.loupe.storage.analytics.Aggregation.UNIQ;
import static dev.loupe.storage.analytics.Dimension.COST_SOURCE;
import static dev.loupe.storage.analytics.Dimension.NAME;
import static dev.loupe.storage.analytics.Dimension.PROVIDED_MODEL_NAME;
import static dev.loupe.storage.analytics.Dimension.TRACE_ID;
import static dev.loupe.storage.analytics.Dimension.TYPE;
import static dev.loupe.storage.analytics.Dimension.USAGE_SCOPE;
import static dev.loupe.storage.analytics.Dimension.USER_ID;
import static dev.loupe.storage.analytics.Measure.ERRORS;
import static dev.loupe.storage.analytics.Measure.INPUT_TOKENS;
import static dev.loupe.storage.analytics.Measure.LATENCY;
import static dev.loupe.storage.analytics.Measure.OUTPUT_TOKENS;
import static dev.loupe.storage.analytics.Measure.TIME_TO_FIRST_TOKEN;
import static dev.loupe.storage.analytics.Measure.TOTAL_COST;
import static dev.loupe.storage.analytics.Measure.TOTAL_TOKENS;

import dev.loupe.model.UsageScope;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;

/**
 * Every analytics query the dashboard and the models page run, as {@link MetricsQuery} objects: the
 * same queries a client can send to {@code GET /api/public/metrics}, so each figure on the pages is
 * the API's figure for that query. Model figures cover observations that name a model and whose
 * usage is their own (not a parent's total of its descendants' calls); the window is the
 * observations' start time (traces: their timestamp).
 */
final class DashboardQueries {
  static final Metric COUNT_ALL = new Metric(Measure.COUNT, COUNT);
  static final Metric COST = new Metric(TOTAL_COST, SUM);
  static final Metric INPUT = new Metric(INPUT_TOKENS, SUM);
  static final Metric OUTPUT = new Metric(OUTPUT_TOKENS, SUM);
  static final Metric TOKENS = new Metric(TOTAL_TOKENS, SUM);
  static final Metric LATENCY_P50 = new Metric(LATENCY, P50);
  static final Metric LATENCY_P95 = new Metric(LATENCY, P95);
  static final Metric LATENCY_P99 = new Metric(LATENCY, P99);
  static final Metric TTFT_P50 = new Metric(TIME_TO_FIRST_TOKEN, P50);
  static final Metric TTFT_P95 = new Metric(TIME_TO_FIRST_TOKEN, P95);
  static final Metric ERROR_COUNT = new Metric(ERRORS, SUM);
  static final Metric ERROR_RATE = new Metric(ERRORS, AVG);
  static final Metric USER_COUNT = new Metric(Measure.USER_ID, UNIQ);

  static final Metric SCORE_AVG = new Metric(Measure.VALUE, AVG);
  static final Metric SCORE_P50 = new Metric(Measure.VALUE, P50);
  static final Metric SCORE_P95 = new Metric(Measure.VALUE, P95);

  /** Rows of the top-N tables. */
  static final int TOP = 10;

  /** Rows of the by-name tables. */
  static final int NAMES = 50;

  private final String projectId;
  private final TimeWindow window;

  DashboardQueries(String projectId, TimeWindow window) {
    this.projectId = projectId;
    this.window = window;
  }

  /**
   * By model: cost, calls, tokens, latency and time-to-first-token percentiles, errors and error
   * rate (errors avg), most expensive first.
   */
  MetricsQuery byModel() {
    return withModel()
        .dimension(PROVIDED_MODEL_NAME)
        .metric(COST.measure(), COST.aggregation())
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .metric(INPUT.measure(), INPUT.aggregation())
        .metric(OUTPUT.measure(), OUTPUT.aggregation())
        .metric(TOKENS.measure(), TOKENS.aggregation())
        .metric(LATENCY_P50.measure(), LATENCY_P50.aggregation())
        .metric(LATENCY_P95.measure(), LATENCY_P95.aggregation())
        .metric(LATENCY_P99.measure(), LATENCY_P99.aggregation())
        .metric(TTFT_P50.measure(), TTFT_P50.aggregation())
        .metric(TTFT_P95.measure(), TTFT_P95.aggregation())
        .metric(ERROR_COUNT.measure(), ERROR_COUNT.aggregation())
        .metric(ERROR_RATE.measure(), ERROR_RATE.aggregation())
        .orderBy(COST.alias(), SortDirection.DESC)
        .orderBy(COUNT_ALL.alias(), SortDirection.DESC)
        .rowLimit(MetricsQuery.MAX_ROWS)
        .build();
  }

  /** Cost and tokens by model per time bucket, for the charts. */
  MetricsQuery byModelOverTime() {
    return withModel()
        .dimension(PROVIDED_MODEL_NAME)
        .granularity(window.granularity())
        .metric(COST.measure(), COST.aggregation())
        .metric(TOKENS.measure(), TOKENS.aggregation())
        .rowLimit(MetricsQuery.MAX_ROWS)
        .build();
  }

  /** Generations by name: count and latency percentiles, busiest first. */
  MetricsQuery latencyByGenerationName() {
    return observations()
        .filter(TYPE, FilterOperator.EQ, "GENERATION")
        .dimension(NAME)
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .metric(LATENCY_P50.measure(), LATENCY_P50.aggregation())
        .metric(LATENCY_P95.measure(), LATENCY_P95.aggregation())
        .metric(LATENCY_P99.measure(), LATENCY_P99.aggregation())
        .orderBy(COUNT_ALL.alias(), SortDirection.DESC)
        .orderBy(NAME.wireName(), SortDirection.ASC)
        .rowLimit(NAMES)
        .build();
  }

  /** Observations by name: count, errors and error rate, most errors first. */
  MetricsQuery errorsByName() {
    return observations()
        .dimension(NAME)
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .metric(ERROR_COUNT.measure(), ERROR_COUNT.aggregation())
        .metric(ERROR_RATE.measure(), ERROR_RATE.aggregation())
        .orderBy(ERROR_COUNT.alias(), SortDirection.DESC)
        .orderBy(COUNT_ALL.alias(), SortDirection.DESC)
        .orderBy(NAME.wireName(), SortDirection.ASC)
        .rowLimit(NAMES)
        .build();
  }

  /**
   * Observations by type: count, cost, tokens, errors. The totals are the sums over the types (the
   * same as the query without a dimension); the generation count is the GENERATION row's.
   */
  MetricsQuery byType() {
    return observations()
        .dimension(TYPE)
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .metric(COST.measure(), COST.aggregation())
        .metric(INPUT.measure(), INPUT.aggregation())
        .metric(OUTPUT.measure(), OUTPUT.aggregation())
        .metric(TOKENS.measure(), TOKENS.aggregation())
        .metric(ERROR_COUNT.measure(), ERROR_COUNT.aggregation())
        .build();
  }

  /** Traces in the window (by their timestamp) and their distinct users. */
  MetricsQuery traceTotals() {
    return traces()
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .metric(USER_COUNT.measure(), USER_COUNT.aggregation())
        .build();
  }

  /**
   * The users whose traces cost the most: traces view (a trace's cost sums its observations), which
   * is about 4x faster than grouping observations by their trace's user.
   */
  MetricsQuery topUsers() {
    return traces()
        .filter(USER_ID, FilterOperator.IS_NOT_NULL)
        .dimension(USER_ID)
        .metric(COST.measure(), COST.aggregation())
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .metric(TOKENS.measure(), TOKENS.aggregation())
        .orderBy(COST.alias(), SortDirection.DESC)
        .orderBy(USER_ID.wireName(), SortDirection.ASC)
        .rowLimit(TOP)
        .build();
  }

  /**
   * The traces whose observations cost the most (by id alone: the trace name would join the traces
   * table).
   */
  MetricsQuery topTraces() {
    return observations()
        .dimension(TRACE_ID)
        .metric(COST.measure(), COST.aggregation())
        .metric(TOKENS.measure(), TOKENS.aggregation())
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .orderBy(COST.alias(), SortDirection.DESC)
        .orderBy(TRACE_ID.wireName(), SortDirection.ASC)
        .rowLimit(TOP)
        .build();
  }

  /**
   * Numeric and boolean scores by name: count, average (a boolean's rate of True), p50, p95; most
   * frequent first.
   */
  MetricsQuery scoresByName() {
    return scores(MetricsView.SCORES_NUMERIC)
        .dimension(NAME)
        .dimension(Dimension.DATA_TYPE)
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .metric(SCORE_AVG.measure(), SCORE_AVG.aggregation())
        .metric(SCORE_P50.measure(), SCORE_P50.aggregation())
        .metric(SCORE_P95.measure(), SCORE_P95.aggregation())
        .orderBy(COUNT_ALL.alias(), SortDirection.DESC)
        .orderBy(NAME.wireName(), SortDirection.ASC)
        .rowLimit(NAMES)
        .build();
  }

  /** The average of each numeric or boolean score per time bucket: the score trends chart. */
  MetricsQuery scoresOverTime() {
    return scores(MetricsView.SCORES_NUMERIC)
        .dimension(NAME)
        .granularity(window.granularity())
        .metric(SCORE_AVG.measure(), SCORE_AVG.aggregation())
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .rowLimit(MetricsQuery.MAX_ROWS)
        .build();
  }

  /** Categorical scores: how often each label was given, by score name. */
  MetricsQuery categoricalScores() {
    return scores(MetricsView.SCORES_CATEGORICAL)
        .dimension(NAME)
        .dimension(Dimension.STRING_VALUE)
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation())
        .orderBy(NAME.wireName(), SortDirection.ASC)
        .orderBy(COUNT_ALL.alias(), SortDirection.DESC)
        .rowLimit(NAMES)
        .build();
  }

  /** Observations that name a model without a price, by model. */
  MetricsQuery unpriced() {
    return unpricedBase()
        .orderBy(COUNT_ALL.alias(), SortDirection.DESC)
        .orderBy(PROVIDED_MODEL_NAME.wireName(), SortDirection.ASC)
        .build();
  }

  /** The same per hour, newest first: the first row of a model is its last seen hour. */
  MetricsQuery unpricedLastSeen() {
    return unpricedBase()
        .granularity(Granularity.HOUR)
        .orderBy(MetricsRow.TIME, SortDirection.DESC)
        .rowLimit(MetricsQuery.MAX_ROWS)
        .build();
  }

  private MetricsQuery.Builder unpricedBase() {
    return withModel()
        .filter(COST_SOURCE, FilterOperator.EQ, "NO_PRICE")
        .dimension(PROVIDED_MODEL_NAME)
        .metric(COUNT_ALL.measure(), COUNT_ALL.aggregation());
  }

  /**
   * Observations that name a model and whose usage is their own: a parent reporting its
   * descendants' total (e.g. an {@code invoke_agent} span naming its model) is not a model call.
   */
  private MetricsQuery.Builder withModel() {
    return observations()
        .filter(PROVIDED_MODEL_NAME, FilterOperator.IS_NOT_NULL)
        .filter(USAGE_SCOPE, FilterOperator.EQ, UsageScope.OWN.name());
  }

  private MetricsQuery.Builder scores(MetricsView view) {
    return MetricsQuery.builder(projectId, view, window.from(), window.to());
  }

  private MetricsQuery.Builder traces() {
    return MetricsQuery.builder(projectId, MetricsView.TRACES, window.from(), window.to());
  }

  private MetricsQuery.Builder observations() {
    return MetricsQuery.builder(projectId, MetricsView.OBSERVATIONS, window.from(), window.to());
  }
}
