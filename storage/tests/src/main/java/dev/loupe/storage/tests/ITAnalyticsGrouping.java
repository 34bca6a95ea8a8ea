package dev.loupe.storage.tests;

import static dev.loupe.storage.analytics.Aggregation.COUNT;
import static dev.loupe.storage.analytics.Aggregation.SUM;
import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.AnalyticsStore.ModelUsage;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.Storage;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grouping on the observations view: every dimension's values, time buckets (UTC, Monday weeks,
 * across a month boundary), orders (nulls last, code point order), the row limit, and {@code
 * models()}.
 */
public abstract class ITAnalyticsGrouping<S extends Storage> extends AnalyticsSuite<S> {
  static final Instant T = TODAY.plusSeconds(3_600);

  static Stream<Arguments> observationDimensions() {
    String t1 = TestObjects.traceId(1), t2 = TestObjects.traceId(2), t9 = TestObjects.traceId(9);
    return Stream.of(
        Arguments.of(Dimension.NAME, groups("chat", 1, "lookup", 1, null, 1)),
        Arguments.of(Dimension.USER_ID, groups("u1", 1, null, 2)),
        Arguments.of(Dimension.SESSION_ID, groups("s1", 1, null, 2)),
        Arguments.of(Dimension.ENVIRONMENT, groups("default", 1, "production", 1, "staging", 1)),
        Arguments.of(Dimension.RELEASE, groups("r1", 1, null, 2)),
        Arguments.of(Dimension.VERSION, groups("v1", 1, null, 2)),
        Arguments.of(Dimension.TRACE_ID, groups(t1, 1, t2, 1, t9, 1)),
        Arguments.of(Dimension.TRACE_NAME, groups("agent", 1, null, 2)),
        Arguments.of(Dimension.TYPE, groups("GENERATION", 2, "TOOL", 1)),
        Arguments.of(Dimension.LEVEL, groups("DEFAULT", 1, "ERROR", 1, "WARNING", 1)),
        Arguments.of(Dimension.PROVIDED_MODEL_NAME, groups("claude-3", 1, "gpt-4o", 1, null, 1)),
        Arguments.of(Dimension.PROMPT_NAME, groups("support-system", 1, null, 2)),
        Arguments.of(Dimension.COST_SOURCE, groups("CALCULATED", 1, "NONE", 1, "NO_PRICE", 1)),
        Arguments.of(Dimension.PRICED_MODEL_ID, groups("p-gpt-4o", 1, null, 2)));
  }

  /** Alternating value, count pairs. */
  static List<Object[]> groups(@Nullable Object... valueCount) {
    List<Object[]> g = new ArrayList<>();
    for (int i = 0; i < valueCount.length; i += 2)
      g.add(new Object[] {valueCount[i], valueCount[i + 1]});
    return g;
  }

  @ParameterizedTest
  @MethodSource("observationDimensions")
  protected void groupBy_eachObservationDimension(Dimension dimension, List<Object[]> groups) {
    threeDifferentObservations();

    List<MetricsRow> expected = new ArrayList<>();
    for (Object[] g : groups) {
      expected.add(
          row(
              null,
              dims(dimension.wireName(), (String) g[0]),
              values("count_count", (long) (int) g[1])));
    }
    assertRows(run(observations().dimension(dimension).metric(Measure.COUNT, COUNT)), expected);
  }

  @Test
  protected void groupBy_twoDimensionsOrdersByEachAscendingNullsLast() {
    threeDifferentObservations();

    assertRows(
        run(
            observations()
                .dimension(Dimension.TYPE)
                .dimension(Dimension.PROVIDED_MODEL_NAME)
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.TOTAL_COST, SUM)),
        List.of(
            row(
                null,
                dims("type", "GENERATION", "providedModelName", "claude-3"),
                values("count_count", 1L, "sum_totalCost", null)),
            row(
                null,
                dims("type", "GENERATION", "providedModelName", "gpt-4o"),
                values("count_count", 1L, "sum_totalCost", usd("0.01"))),
            row(
                null,
                dims("type", "TOOL", "providedModelName", null),
                values("count_count", 1L, "sum_totalCost", null))));
  }

  /** Around the February/March boundary: Sat 28th 23:59, Sun 1st 00:00 twice, Mon 2nd twice. */
  void acrossMonthAndWeekBoundaries() {
    Trace trace = bareTrace(1, Instant.parse("2026-02-28T23:00:00Z")).build();
    accept(
        List.of(trace),
        List.of(
            generation(trace, 1, Instant.parse("2026-02-28T23:59:30.500001Z")).build(),
            generation(trace, 2, Instant.parse("2026-03-01T00:00:10Z")).build(),
            generation(trace, 3, Instant.parse("2026-03-01T00:00:50Z")).build(),
            generation(trace, 4, Instant.parse("2026-03-02T10:15:00Z")).build(),
            generation(trace, 5, Instant.parse("2026-03-02T10:45:00Z")).build()));
  }

  static Stream<Arguments> buckets() {
    return Stream.of(
        Arguments.of(
            Granularity.MINUTE,
            groups(
                "2026-02-28T23:59:00Z",
                1,
                "2026-03-01T00:00:00Z",
                2,
                "2026-03-02T10:15:00Z",
                1,
                "2026-03-02T10:45:00Z",
                1)),
        Arguments.of(
            Granularity.HOUR,
            groups(
                "2026-02-28T23:00:00Z", 1, "2026-03-01T00:00:00Z", 2, "2026-03-02T10:00:00Z", 2)),
        Arguments.of(
            Granularity.DAY,
            groups(
                "2026-02-28T00:00:00Z", 1, "2026-03-01T00:00:00Z", 2, "2026-03-02T00:00:00Z", 2)),
        Arguments.of(
            Granularity.WEEK, groups("2026-02-23T00:00:00Z", 3, "2026-03-02T00:00:00Z", 2)),
        Arguments.of(
            Granularity.MONTH, groups("2026-02-01T00:00:00Z", 1, "2026-03-01T00:00:00Z", 4)));
  }

  @ParameterizedTest
  @MethodSource("buckets")
  protected void granularity_bucketsInUtcWithMondayWeeks(
      Granularity granularity, List<Object[]> groups) {
    acrossMonthAndWeekBoundaries();

    List<MetricsRow> expected = new ArrayList<>();
    for (Object[] g : groups) {
      expected.add(
          row(Instant.parse((String) g[0]), Map.of(), values("count_count", (long) (int) g[1])));
    }
    assertRows(run(observations().granularity(granularity).metric(Measure.COUNT, COUNT)), expected);
  }

  @Test
  protected void orderBy_timeDescending() {
    acrossMonthAndWeekBoundaries();

    assertRows(
        run(
            observations()
                .granularity(Granularity.DAY)
                .metric(Measure.COUNT, COUNT)
                .orderBy(MetricsRow.TIME, SortDirection.DESC)),
        List.of(
            row(Instant.parse("2026-03-02T00:00:00Z"), Map.of(), values("count_count", 2L)),
            row(Instant.parse("2026-03-01T00:00:00Z"), Map.of(), values("count_count", 2L)),
            row(Instant.parse("2026-02-28T00:00:00Z"), Map.of(), values("count_count", 1L))));
  }

  /**
   * Models by count: b-model 3, Z-model 2, none 2, and one each of a-model, é-model, ｆ (U+FF46) and
   * 😀 (U+1F600, which UTF-16 order would put before ｆ). Costs: b-model 0.3, a-model 0.5.
   */
  void modelsForOrdering() {
    Trace trace = bareTrace(1, T).build();
    String[] models = {
      "b-model", "b-model", "b-model", "Z-model", "Z-model", null, null, "a-model", "é-model", "ｆ",
      "😀"
    };
    List<Observation> all = new ArrayList<>();
    for (int i = 0; i < models.length; i++) {
      Observation.Builder o = generation(trace, i + 1, T.plusSeconds(i)).model(models[i]);
      if ("b-model".equals(models[i]))
        o.costDetails(Map.of("total", usd("0.1"))).costSource(CostSource.PROVIDED);
      if ("a-model".equals(models[i]))
        o.costDetails(Map.of("total", usd("0.5"))).costSource(CostSource.PROVIDED);
      all.add(o.build());
    }
    accept(List.of(trace), all);
  }

  List<@Nullable String> modelOrder(List<MetricsRow> rows) {
    return rows.stream().map(r -> r.dimensions().get("providedModelName")).toList();
  }

  @Test
  protected void order_defaultsToDimensionsAscendingByCodePointNullsLast() {
    modelsForOrdering();

    List<MetricsRow> rows =
        run(observations().dimension(Dimension.PROVIDED_MODEL_NAME).metric(Measure.COUNT, COUNT));

    assertThat(modelOrder(rows))
        .containsExactly("Z-model", "a-model", "b-model", "é-model", "ｆ", "😀", null);
  }

  @Test
  protected void orderBy_metricDescendingThenDimensions() {
    modelsForOrdering();

    List<MetricsRow> rows =
        run(
            observations()
                .dimension(Dimension.PROVIDED_MODEL_NAME)
                .metric(Measure.COUNT, COUNT)
                .orderBy("count_count", SortDirection.DESC));

    assertThat(modelOrder(rows))
        .containsExactly("b-model", "Z-model", null, "a-model", "é-model", "ｆ", "😀");
  }

  @Test
  protected void orderBy_dimensionDescendingKeepsNullsLast() {
    modelsForOrdering();

    List<MetricsRow> rows =
        run(
            observations()
                .dimension(Dimension.PROVIDED_MODEL_NAME)
                .metric(Measure.COUNT, COUNT)
                .orderBy("providedModelName", SortDirection.DESC));

    assertThat(modelOrder(rows))
        .containsExactly("😀", "ｆ", "é-model", "b-model", "a-model", "Z-model", null);
  }

  @Test
  protected void orderBy_decimalMetricKeepsNullsLastInBothDirections() {
    modelsForOrdering();
    var query =
        observations().dimension(Dimension.PROVIDED_MODEL_NAME).metric(Measure.TOTAL_COST, SUM);

    assertThat(modelOrder(run(query.orderBy("sum_totalCost", SortDirection.DESC))))
        .containsExactly("a-model", "b-model", "Z-model", "é-model", "ｆ", "😀", null);
    assertThat(
            modelOrder(
                run(
                    observations()
                        .dimension(Dimension.PROVIDED_MODEL_NAME)
                        .metric(Measure.TOTAL_COST, SUM)
                        .orderBy("sum_totalCost", SortDirection.ASC))))
        .containsExactly("b-model", "a-model", "Z-model", "é-model", "ｆ", "😀", null);
  }

  @Test
  protected void rowLimit_cutsAfterOrdering() {
    modelsForOrdering();

    List<MetricsRow> rows =
        run(
            observations()
                .dimension(Dimension.PROVIDED_MODEL_NAME)
                .metric(Measure.COUNT, COUNT)
                .orderBy("count_count", SortDirection.DESC)
                .rowLimit(2));

    assertRows(
        rows,
        List.of(
            row(null, dims("providedModelName", "b-model"), values("count_count", 3L)),
            row(null, dims("providedModelName", "Z-model"), values("count_count", 2L))));
  }

  @Test
  protected void models_countsObservationsAndUnpricedInTheWindow() {
    Trace trace = bareTrace(1, T).build();
    Trace other = Trace.builder(OTHER_PROJECT, trace.id(), T).build();
    List<Observation> all = new ArrayList<>();
    int n = 0;
    for (String m :
        Arrays.asList(
            "gpt-4o", "gpt-4o", "claude", "claude", "claude", "gpt-4o", "a", null, null)) {
      n++;
      Observation.Builder o = generation(trace, n, T.plusSeconds(n)).model(m);
      if ("claude".equals(m) || n == 1) o.costSource(CostSource.NO_PRICE);
      all.add(o.build());
    }
    all.add(generation(trace, 50, T.minusSeconds(1)).model("gpt-4o").build()); // before from
    all.add(generation(trace, 51, T.plusSeconds(3_600)).model("late").build()); // at to
    for (int i = 0; i < 5; i++) {
      all.add(
          generation(other, 60 + i, T.plusSeconds(i))
              .model("gpt-4o")
              .costSource(CostSource.NO_PRICE)
              .build());
    }
    accept(List.of(trace, other), all);

    assertThat(analytics().models(PROJECT, T, T.plusSeconds(3_600)))
        .containsExactly(
            new ModelUsage("claude", 3, 3),
            new ModelUsage("gpt-4o", 3, 1),
            new ModelUsage("a", 1, 0));
    assertThat(analytics().models("project-none", T, T.plusSeconds(3_600))).isEmpty();
  }
}
