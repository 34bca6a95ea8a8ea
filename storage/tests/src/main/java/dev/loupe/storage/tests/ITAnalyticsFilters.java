package dev.loupe.storage.tests;

import static dev.loupe.storage.analytics.Aggregation.COUNT;
import static dev.loupe.storage.analytics.FilterOperator.ALL_OF;
import static dev.loupe.storage.analytics.FilterOperator.ANY_OF;
import static dev.loupe.storage.analytics.FilterOperator.CONTAINS;
import static dev.loupe.storage.analytics.FilterOperator.ENDS_WITH;
import static dev.loupe.storage.analytics.FilterOperator.EQ;
import static dev.loupe.storage.analytics.FilterOperator.IS_NOT_NULL;
import static dev.loupe.storage.analytics.FilterOperator.IS_NULL;
import static dev.loupe.storage.analytics.FilterOperator.NEQ;
import static dev.loupe.storage.analytics.FilterOperator.NONE_OF;
import static dev.loupe.storage.analytics.FilterOperator.NOT_CONTAINS;
import static dev.loupe.storage.analytics.FilterOperator.STARTS_WITH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.storage.Storage;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every filter operator on the observations and traces views, with null values (which match only
 * {@code !=}, {@code none of}, {@code does not contain} and {@code is null}) and tags (none while
 * an observation's trace row is missing). Expected answers are the trace ids of the matching
 * records of {@link #threeDifferentObservations}: 1 (chat, gpt-4o, trace "agent" of u1, tags
 * support and tier-2), 2 (lookup tool, ERROR, no model, trace tagged billing) and 9 (unnamed
 * claude-3 WARNING, no trace row).
 */
public abstract class ITAnalyticsFilters<S extends Storage> extends AnalyticsSuite<S> {

  static Arguments filter(Dimension column, FilterOperator op, List<String> values, int... traces) {
    return Arguments.of(new MetricFilter(column, op, values), traces);
  }

  static Stream<Arguments> observationFilters() {
    return Stream.of(
        filter(Dimension.USER_ID, EQ, List.of("u1"), 1),
        filter(Dimension.USER_ID, NEQ, List.of("u1"), 2, 9),
        filter(Dimension.NAME, EQ, List.of("Chat")),
        filter(Dimension.NAME, CONTAINS, List.of("ha"), 1),
        filter(Dimension.NAME, NOT_CONTAINS, List.of("ha"), 2, 9),
        filter(Dimension.NAME, STARTS_WITH, List.of("lo"), 2),
        filter(Dimension.NAME, ENDS_WITH, List.of("at"), 1),
        filter(Dimension.PROVIDED_MODEL_NAME, ANY_OF, List.of("gpt-4o", "claude-3"), 1, 9),
        filter(Dimension.PROVIDED_MODEL_NAME, NONE_OF, List.of("gpt-4o"), 2, 9),
        filter(Dimension.PROMPT_NAME, IS_NULL, List.of(), 2, 9),
        filter(Dimension.PROMPT_NAME, IS_NOT_NULL, List.of(), 1),
        filter(Dimension.TRACE_NAME, EQ, List.of("agent"), 1),
        filter(Dimension.TRACE_NAME, IS_NULL, List.of(), 2, 9),
        filter(Dimension.TRACE_NAME, STARTS_WITH, List.of(""), 1),
        filter(Dimension.LEVEL, EQ, List.of("ERROR"), 2),
        filter(Dimension.TYPE, NEQ, List.of("GENERATION"), 2),
        filter(Dimension.COST_SOURCE, EQ, List.of("NO_PRICE"), 9),
        filter(Dimension.ENVIRONMENT, EQ, List.of("default"), 2),
        filter(Dimension.TRACE_ID, EQ, List.of(TestObjects.traceId(9)), 9),
        filter(Dimension.TAGS, ANY_OF, List.of("support", "billing"), 1, 2),
        filter(Dimension.TAGS, ANY_OF, List.of("vip"), new int[0]),
        filter(Dimension.TAGS, NONE_OF, List.of("support"), 2, 9),
        filter(Dimension.TAGS, ALL_OF, List.of("support", "tier-2"), 1),
        filter(Dimension.TAGS, ALL_OF, List.of("support", "billing")));
  }

  @ParameterizedTest
  @MethodSource("observationFilters")
  protected void filter_observationsView(MetricFilter filter, int[] traces) {
    threeDifferentObservations();

    MetricsQuery.Builder query =
        observations().dimension(Dimension.TRACE_ID).metric(Measure.COUNT, COUNT);
    query.filter(filter.column(), filter.operator(), filter.values().toArray(String[]::new));

    assertThat(traceIds(run(query))).containsExactly(expectedIds(traces));
  }

  @Test
  protected void filters_allMustHold() {
    threeDifferentObservations();

    List<MetricsRow> rows =
        run(
            observations()
                .dimension(Dimension.TRACE_ID)
                .metric(Measure.COUNT, COUNT)
                .filter(Dimension.TYPE, EQ, "GENERATION")
                .filter(Dimension.LEVEL, NEQ, "WARNING"));

    assertThat(traceIds(rows)).containsExactly(TestObjects.traceId(1));
  }

  static Stream<Arguments> traceFilters() {
    return Stream.of(
        filter(Dimension.NAME, EQ, List.of("agent"), 1),
        filter(Dimension.NAME, NEQ, List.of("agent"), 2),
        filter(Dimension.USER_ID, IS_NULL, List.of(), 2),
        filter(Dimension.SESSION_ID, ANY_OF, List.of("s1", "s2"), 1),
        filter(Dimension.ENVIRONMENT, NOT_CONTAINS, List.of("prod"), 1, 2),
        filter(Dimension.TAGS, ANY_OF, List.of("billing"), 2),
        filter(Dimension.TAGS, NONE_OF, List.of("billing"), 1),
        filter(Dimension.TAGS, ALL_OF, List.of("tier-2", "support"), 1));
  }

  @ParameterizedTest
  @MethodSource("traceFilters")
  protected void filter_tracesView(MetricFilter filter, int[] traces) {
    threeDifferentObservations();

    MetricsQuery.Builder query = traces().dimension(Dimension.NAME).metric(Measure.COUNT, COUNT);
    query.filter(filter.column(), filter.operator(), filter.values().toArray(String[]::new));
    List<MetricsRow> rows = run(query);
    // trace 1 is named "agent", trace 2 has no name
    List<String> names =
        java.util.Arrays.stream(traces).mapToObj(t -> t == 1 ? "agent" : null).toList();

    assertThat(rows.stream().map(r -> r.dimensions().get("name")).toList())
        .containsExactlyElementsOf(names);
  }

  private static List<String> traceIds(List<MetricsRow> rows) {
    return rows.stream().map(r -> r.dimensions().get("traceId")).toList();
  }

  private static String[] expectedIds(int[] traces) {
    return java.util.Arrays.stream(traces).mapToObj(TestObjects::traceId).toArray(String[]::new);
  }
}
