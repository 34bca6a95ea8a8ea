package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.Storage;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded random data set ({@link RandomAnalyticsData}) checked row by row against {@link
 * MetricsReference}, which computes every expected value from the raw rows with plain loops: every
 * dimension, measure, aggregation, granularity and filter operator on both views.
 *
 * <p>The cases only read: the data set is written once into one storage that all of them share
 * (each case wrote it anew into a fresh storage before, most of the suite's time on every backend).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ITAnalyticsRandomized<S extends Storage> extends AnalyticsSuite<S> {
  static final long SEED = 20261124L;

  /** Cuts through the data: a trace may be inside while some of its observations are not. */
  static final Instant CUT_FROM = Instant.parse("2026-02-27T05:30:00Z");

  static final Instant CUT_TO = Instant.parse("2026-03-03T17:00:00Z");

  private MetricsReference reference;

  @Override
  protected boolean sharedAcrossTests() {
    return true;
  }

  @AfterAll
  void closeSharedStorage() throws IOException {
    if (storage != null) storage.close();
    if (sharedDir != null) {
      try (Stream<Path> files = Files.walk(sharedDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Writes the data set (and a decoy in another project) in batches of 500, once per storage. */
  void writeData() {
    if (reference != null) return;
    RandomAnalyticsData data = RandomAnalyticsData.generate(PROJECT, SEED, 20, 2_400);
    RandomAnalyticsData decoy = RandomAnalyticsData.generate(OTHER_PROJECT, SEED + 1, 5, 300);
    accept(data.traces(), List.of());
    accept(decoy.traces(), decoy.observations());
    List<Observation> all = data.observations();
    for (int i = 0; i < all.size(); i += 500) {
      accept(WriteBatch.of(List.of(), all.subList(i, Math.min(all.size(), i + 500))));
    }
    storage.scoreStore().putScores(data.scores());
    storage.scoreStore().putScores(decoy.scores());
    reference = new MetricsReference(data.traces(), data.observations(), data.scores());
  }

  void assertMatchesReference(MetricsQuery.Builder query) {
    MetricsQuery q = query.build();
    List<MetricsRow> expected = reference.answer(q);
    assertThat(expected).as("the reference finds rows, so the check is not vacuous").isNotEmpty();
    assertRows(analytics().query(q), expected);
  }

  static MetricsQuery.Builder cut(MetricsView view) {
    return MetricsQuery.builder(PROJECT, view, CUT_FROM, CUT_TO).rowLimit(MetricsQuery.MAX_ROWS);
  }

  /** The views of traces and observations (the score views have tests of their own below). */
  static final List<MetricsView> RECORD_VIEWS =
      List.of(MetricsView.TRACES, MetricsView.OBSERVATIONS);

  static final List<MetricsView> SCORE_VIEWS =
      List.of(MetricsView.SCORES_NUMERIC, MetricsView.SCORES_CATEGORICAL);

  static Stream<Arguments> viewDimensions() {
    List<Arguments> args = new ArrayList<>();
    for (MetricsView view : RECORD_VIEWS) {
      for (Dimension d : Dimension.values())
        if (d.supports(view) && d.groupable()) args.add(Arguments.of(view, d));
    }
    return args.stream();
  }

  @ParameterizedTest
  @MethodSource("viewDimensions")
  protected void random_groupByEachDimension(MetricsView view, Dimension dimension) {
    writeData();

    assertMatchesReference(
        cut(view)
            .dimension(dimension)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .metric(Measure.TOTAL_TOKENS, Aggregation.SUM)
            .metric(Measure.TOTAL_COST, Aggregation.SUM)
            .metric(Measure.LATENCY, Aggregation.P95)
            .metric(Measure.USER_ID, Aggregation.UNIQ));
  }

  static Stream<Arguments> viewMeasures() {
    List<Arguments> args = new ArrayList<>();
    for (MetricsView view : RECORD_VIEWS) {
      for (Measure m : Measure.values()) if (m.supports(view)) args.add(Arguments.of(view, m));
    }
    return args.stream();
  }

  @ParameterizedTest
  @MethodSource("viewMeasures")
  protected void random_everyAggregationOfEachMeasureByDay(MetricsView view, Measure measure) {
    writeData();
    MetricsQuery.Builder query = cut(view).granularity(Granularity.DAY);
    for (Aggregation a : Aggregation.values()) if (a.appliesTo(measure)) query.metric(measure, a);

    assertMatchesReference(query);
  }

  @ParameterizedTest
  @EnumSource(Granularity.class)
  protected void random_eachGranularityOnObservations(Granularity granularity) {
    writeData();

    assertMatchesReference(
        cut(MetricsView.OBSERVATIONS)
            .granularity(granularity)
            .dimension(Dimension.TYPE)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .metric(Measure.INPUT_COST, Aggregation.SUM)
            .metric(Measure.LATENCY, Aggregation.P50));
  }

  @ParameterizedTest
  @EnumSource(Granularity.class)
  protected void random_eachGranularityOnTraces(Granularity granularity) {
    writeData();

    assertMatchesReference(
        cut(MetricsView.TRACES)
            .granularity(granularity)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .metric(Measure.TOTAL_COST, Aggregation.SUM)
            .metric(Measure.LATENCY, Aggregation.MAX));
  }

  static Stream<MetricFilter> filters() {
    return Stream.of(
        new MetricFilter(Dimension.USER_ID, FilterOperator.EQ, List.of("u1")),
        new MetricFilter(Dimension.USER_ID, FilterOperator.NEQ, List.of("u1")),
        new MetricFilter(Dimension.NAME, FilterOperator.CONTAINS, List.of("a")),
        new MetricFilter(Dimension.NAME, FilterOperator.NOT_CONTAINS, List.of("a")),
        new MetricFilter(
            Dimension.PROVIDED_MODEL_NAME, FilterOperator.STARTS_WITH, List.of("gpt-4o")),
        new MetricFilter(Dimension.PROVIDED_MODEL_NAME, FilterOperator.ENDS_WITH, List.of("ｌ")),
        new MetricFilter(
            Dimension.PROVIDED_MODEL_NAME,
            FilterOperator.ANY_OF,
            List.of("gpt-4o", "claude-3-5-sonnet")),
        new MetricFilter(
            Dimension.PROVIDED_MODEL_NAME,
            FilterOperator.NONE_OF,
            List.of("gpt-4o", "claude-3-5-sonnet")),
        new MetricFilter(Dimension.SESSION_ID, FilterOperator.IS_NULL, List.of()),
        new MetricFilter(Dimension.TRACE_NAME, FilterOperator.IS_NOT_NULL, List.of()),
        new MetricFilter(Dimension.LEVEL, FilterOperator.EQ, List.of("ERROR")),
        new MetricFilter(Dimension.COST_SOURCE, FilterOperator.ANY_OF, List.of("NO_PRICE", "NONE")),
        new MetricFilter(Dimension.TAGS, FilterOperator.ANY_OF, List.of("a", "b")),
        new MetricFilter(Dimension.TAGS, FilterOperator.NONE_OF, List.of("a")),
        new MetricFilter(Dimension.TAGS, FilterOperator.ALL_OF, List.of("a", "c")));
  }

  @ParameterizedTest
  @MethodSource("filters")
  protected void random_eachFilterOnObservations(MetricFilter filter) {
    writeData();
    MetricsQuery.Builder query =
        cut(MetricsView.OBSERVATIONS)
            .dimension(Dimension.PROVIDED_MODEL_NAME)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .metric(Measure.TOTAL_TOKENS, Aggregation.SUM)
            .metric(Measure.TOTAL_COST, Aggregation.SUM);
    query.filter(filter.column(), filter.operator(), filter.values().toArray(String[]::new));

    assertMatchesReference(query);
  }

  static Stream<MetricFilter> traceFilters() {
    return filters().filter(f -> f.column().supports(MetricsView.TRACES));
  }

  @ParameterizedTest
  @MethodSource("traceFilters")
  protected void random_eachTraceFilterOnTraces(MetricFilter filter) {
    writeData();
    MetricsQuery.Builder query =
        cut(MetricsView.TRACES)
            .dimension(Dimension.USER_ID)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .metric(Measure.TOTAL_COST, Aggregation.SUM);
    query.filter(filter.column(), filter.operator(), filter.values().toArray(String[]::new));

    assertMatchesReference(query);
  }

  /** The model analysis page in one call: per model and day, tokens, cost, latency, errors. */
  @Test
  protected void random_modelAnalysisInOneCall() {
    writeData();

    assertMatchesReference(
        MetricsQuery.builder(PROJECT, MetricsView.OBSERVATIONS, FROM, TO)
            .dimension(Dimension.PROVIDED_MODEL_NAME)
            .granularity(Granularity.DAY)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .metric(Measure.INPUT_TOKENS, Aggregation.SUM)
            .metric(Measure.OUTPUT_TOKENS, Aggregation.SUM)
            .metric(Measure.CACHED_INPUT_TOKENS, Aggregation.SUM)
            .metric(Measure.REASONING_TOKENS, Aggregation.SUM)
            .metric(Measure.TOTAL_COST, Aggregation.SUM)
            .metric(Measure.LATENCY, Aggregation.P50)
            .metric(Measure.LATENCY, Aggregation.P95)
            .metric(Measure.LATENCY, Aggregation.P99)
            .metric(Measure.TIME_TO_FIRST_TOKEN, Aggregation.P50)
            .metric(Measure.TIME_TO_FIRST_TOKEN, Aggregation.P95)
            .metric(Measure.TIME_TO_FIRST_TOKEN, Aggregation.P99)
            .metric(Measure.ERRORS, Aggregation.AVG)
            .filter(Dimension.TYPE, FilterOperator.ANY_OF, "GENERATION", "EMBEDDING"));
  }

  @Test
  protected void random_orderByMetricThenLimit() {
    writeData();

    assertMatchesReference(
        cut(MetricsView.OBSERVATIONS)
            .dimension(Dimension.USER_ID)
            .dimension(Dimension.PROVIDED_MODEL_NAME)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .metric(Measure.TOTAL_COST, Aggregation.SUM)
            .orderBy("count_count", SortDirection.DESC)
            .rowLimit(7));
  }

  @Test
  protected void random_orderByDimensionDescendingThenTime() {
    writeData();

    assertMatchesReference(
        cut(MetricsView.OBSERVATIONS)
            .granularity(Granularity.DAY)
            .dimension(Dimension.NAME)
            .metric(Measure.INPUT_TOKENS, Aggregation.SUM)
            .orderBy("name", SortDirection.DESC)
            .orderBy(MetricsRow.TIME, SortDirection.DESC));
  }

  @Test
  protected void random_modelsCountsObservationsAndUnpriced() {
    writeData();

    assertThat(analytics().models(PROJECT, CUT_FROM, CUT_TO))
        .isNotEmpty()
        .containsExactlyElementsOf(reference.models(CUT_FROM, CUT_TO));
  }

  /**
   * Checks each query against the reference on one data set (the score cases share one write, as
   * writing the data set is most of a case's time), naming the failing case.
   */
  private void assertEachMatchesReference(List<MetricsQuery.Builder> queries) {
    writeData();
    for (MetricsQuery.Builder query : queries) {
      MetricsQuery q = query.build();
      try {
        List<MetricsRow> expected = reference.answer(q);
        assertThat(expected).as("the reference finds rows").isNotEmpty();
        assertRows(analytics().query(q), expected);
      } catch (AssertionError e) {
        throw new AssertionError(
            q.view().wireName()
                + " "
                + q.dimensions()
                + " "
                + q.metrics()
                + " "
                + q.filters()
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }

  /** Scores: count, distinct traces and users, and (numeric) the value's avg and p95, by each. */
  @Test
  protected void random_scoresGroupByEachDimension() {
    List<MetricsQuery.Builder> queries = new ArrayList<>();
    for (MetricsView view : SCORE_VIEWS) {
      for (Dimension d : Dimension.values()) {
        if (!d.supports(view) || !d.groupable()) continue;
        MetricsQuery.Builder query =
            cut(view)
                .dimension(d)
                .metric(Measure.COUNT, Aggregation.COUNT)
                .metric(Measure.TRACE_ID, Aggregation.UNIQ)
                .metric(Measure.USER_ID, Aggregation.UNIQ);
        if (view == MetricsView.SCORES_NUMERIC) {
          query.metric(Measure.VALUE, Aggregation.AVG).metric(Measure.VALUE, Aggregation.P95);
        }
        queries.add(query);
      }
    }
    assertEachMatchesReference(queries);
  }

  @Test
  protected void random_scoresEveryAggregationOfEachMeasureByDay() {
    List<MetricsQuery.Builder> queries = new ArrayList<>();
    for (MetricsView view : SCORE_VIEWS) {
      for (Measure m : Measure.values()) {
        if (!m.supports(view)) continue;
        MetricsQuery.Builder query = cut(view).granularity(Granularity.DAY);
        for (Aggregation a : Aggregation.values()) if (a.appliesTo(m)) query.metric(m, a);
        queries.add(query);
      }
    }
    assertEachMatchesReference(queries);
  }

  @Test
  protected void random_eachFilterOnNumericScores() {
    List<MetricsQuery.Builder> queries = new ArrayList<>();
    for (MetricFilter filter :
        List.of(
            new MetricFilter(Dimension.NAME, FilterOperator.EQ, List.of("helpfulness")),
            new MetricFilter(Dimension.SOURCE, FilterOperator.NEQ, List.of("API")),
            new MetricFilter(Dimension.USER_ID, FilterOperator.ANY_OF, List.of("u1", "u2")),
            new MetricFilter(Dimension.MODEL, FilterOperator.STARTS_WITH, List.of("gpt")),
            new MetricFilter(Dimension.MODEL, FilterOperator.IS_NULL, List.of()),
            new MetricFilter(Dimension.OBSERVATION_NAME, FilterOperator.CONTAINS, List.of("a")),
            new MetricFilter(Dimension.SESSION_ID, FilterOperator.NONE_OF, List.of("s1")),
            new MetricFilter(Dimension.CONFIG_ID, FilterOperator.IS_NOT_NULL, List.of()),
            new MetricFilter(Dimension.TAGS, FilterOperator.ALL_OF, List.of("a", "b")),
            new MetricFilter(Dimension.TAGS, FilterOperator.NONE_OF, List.of("c")))) {
      queries.add(
          cut(MetricsView.SCORES_NUMERIC)
              .dimension(Dimension.NAME)
              .metric(Measure.COUNT, Aggregation.COUNT)
              .metric(Measure.VALUE, Aggregation.AVG)
              .filter(filter.column(), filter.operator(), filter.values().toArray(String[]::new)));
    }
    assertEachMatchesReference(queries);
  }

  /** "Average helpfulness by model per day" and "thumbs-down rate by agent" in one call each. */
  @Test
  protected void random_averageByModelPerDay_andRateByTraceName() {
    assertEachMatchesReference(
        List.of(
            cut(MetricsView.SCORES_NUMERIC)
                .granularity(Granularity.DAY)
                .dimension(Dimension.MODEL)
                .metric(Measure.VALUE, Aggregation.AVG)
                .metric(Measure.VALUE, Aggregation.P50)
                .metric(Measure.VALUE, Aggregation.P90)
                .metric(Measure.COUNT, Aggregation.COUNT)
                .filter(Dimension.NAME, FilterOperator.EQ, "helpfulness"),
            cut(MetricsView.SCORES_NUMERIC)
                .dimension(Dimension.TRACE_NAME)
                .metric(Measure.VALUE, Aggregation.AVG)
                .filter(Dimension.DATA_TYPE, FilterOperator.EQ, "BOOLEAN")
                .orderBy("avg_value", SortDirection.DESC),
            cut(MetricsView.SCORES_CATEGORICAL)
                .dimension(Dimension.STRING_VALUE)
                .dimension(Dimension.SOURCE)
                .metric(Measure.COUNT, Aggregation.COUNT)
                .orderBy("count_count", SortDirection.DESC)));
  }
}
