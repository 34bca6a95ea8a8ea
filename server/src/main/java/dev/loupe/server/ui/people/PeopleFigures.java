package dev.loupe.server.ui.people;

import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.TimeRange;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per-session and per-user figures from the analytics store, so they are the metrics API's own:
 * trace counts from the traces view ({@code count}), cost, tokens and errors from the observations
 * view ({@code sum} of {@code totalCost}, {@code totalTokens}, {@code errors}: observations at
 * level ERROR), merged by id so that a group whose traces have no observations keeps its count; and
 * when each was first and last seen ({@code min} and {@code max} of the traces' {@code timestamp}).
 */
final class PeopleFigures {
  /** Past any timestamp a client sends; windows run from their start to here. */
  static final Instant END = Instant.parse("9999-01-01T00:00:00Z");

  private static final String TRACES = "count_count";
  private static final String COST = "sum_totalCost";
  private static final String TOKENS = "sum_totalTokens";
  private static final String ERRORS = "sum_errors";
  private static final String FIRST = "min_timestamp";
  private static final String LAST = "max_timestamp";

  /**
   * One group's figures.
   *
   * @param cost null when no observation of the group has a cost
   */
  record Figures(long traces, @Nullable BigDecimal cost, long tokens, long errors) {
    static final Figures NONE = new Figures(0, null, 0, 0);
  }

  /** Merged figures by id, and whether a view answered its full row limit (more may exist). */
  record Grouped(Map<String, Figures> byId, boolean truncated) {}

  private final AnalyticsStore analytics;

  PeopleFigures(AnalyticsStore analytics) {
    this.analytics = analytics;
  }

  /** The time ranges the lists offer, in picker order. */
  static final List<TimeRange> RANGES =
      List.of(
          TimeRange.M15, TimeRange.H1, TimeRange.H24, TimeRange.D7, TimeRange.D30, TimeRange.ALL);

  /** The range a {@code range} parameter names; a week (fast on large projects) otherwise. */
  static TimeRange range(@Nullable String wire) {
    return TimeRange.of(wire, RANGES).orElse(TimeRange.D7);
  }

  /** Figures of the listed ids of {@code by} over all time. */
  Map<String, Figures> of(String projectId, Dimension by, List<String> ids) {
    if (ids.isEmpty()) return Map.of();
    String[] values = ids.toArray(String[]::new);
    return grouped(projectId, by, Instant.EPOCH, ids.size(), FilterOperator.ANY_OF, values).byId();
  }

  /**
   * Figures of every non-null value of {@code by} with records since {@code from}. Each view keeps
   * its top {@link MetricsQuery#MAX_ROWS} groups (traces by count, observations by cost), so past
   * that many groups ({@link Grouped#truncated()}) the least active ones may lack figures.
   */
  Grouped all(String projectId, Dimension by, Instant from) {
    return grouped(projectId, by, from, MetricsQuery.MAX_ROWS, FilterOperator.IS_NOT_NULL, null);
  }

  private Grouped grouped(
      String projectId,
      Dimension by,
      Instant from,
      int limit,
      FilterOperator op,
      String @Nullable [] values) {
    MetricsQuery.Builder traces =
        MetricsQuery.builder(projectId, MetricsView.TRACES, from, END)
            .dimension(by)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .rowLimit(limit);
    MetricsQuery.Builder observations =
        MetricsQuery.builder(projectId, MetricsView.OBSERVATIONS, from, END)
            .dimension(by)
            .metric(Measure.TOTAL_COST, Aggregation.SUM)
            .metric(Measure.TOTAL_TOKENS, Aggregation.SUM)
            .metric(Measure.ERRORS, Aggregation.SUM)
            .rowLimit(limit);
    if (values == null) {
      traces.filter(by, op);
      observations.filter(by, op);
    } else {
      traces.filter(by, op, values);
      observations.filter(by, op, values);
    }
    traces.orderBy(TRACES, SortDirection.DESC);
    observations.orderBy(COST, SortDirection.DESC);
    List<MetricsRow> traceRows = analytics.query(traces.build());
    List<MetricsRow> observationRows = analytics.query(observations.build());
    Map<String, Figures> byId = new LinkedHashMap<>();
    String key = by.wireName();
    for (MetricsRow r : traceRows) {
      String id = r.dimensions().get(key);
      if (id != null) byId.put(id, new Figures(asLong(r.values().get(TRACES)), null, 0, 0));
    }
    for (MetricsRow r : observationRows) {
      String id = r.dimensions().get(key);
      if (id == null) continue;
      Figures f = byId.getOrDefault(id, Figures.NONE);
      byId.put(
          id,
          new Figures(
              f.traces(),
              (BigDecimal) r.values().get(COST),
              asLong(r.values().get(TOKENS)),
              asLong(r.values().get(ERRORS))));
    }
    boolean truncated = traceRows.size() >= limit || observationRows.size() >= limit;
    return new Grouped(byId, truncated && values == null);
  }

  /** When an id was first and last seen: its oldest and newest trace timestamps, exactly. */
  record Seen(Instant first, Instant last) {}

  /**
   * When each listed id was first and last seen among its traces since {@code from}: the {@code
   * min} and {@code max} of the traces view's {@code timestamp}, one query for all ids. An id
   * without traces in the window is absent.
   */
  Map<String, Seen> seen(String projectId, Dimension by, List<String> ids, Instant from) {
    if (ids.isEmpty()) return Map.of();
    MetricsQuery q =
        MetricsQuery.builder(projectId, MetricsView.TRACES, from, END)
            .dimension(by)
            .metric(Measure.TIMESTAMP, Aggregation.MIN)
            .metric(Measure.TIMESTAMP, Aggregation.MAX)
            .filter(by, FilterOperator.ANY_OF, ids.toArray(String[]::new))
            .rowLimit(Math.min(ids.size(), MetricsQuery.MAX_ROWS))
            .build();
    Map<String, Seen> seen = new LinkedHashMap<>();
    for (MetricsRow r : analytics.query(q)) {
      String id = r.dimensions().get(by.wireName());
      Instant first = (Instant) r.values().get(FIRST);
      Instant last = (Instant) r.values().get(LAST);
      if (id != null && first != null && last != null) seen.put(id, new Seen(first, last));
    }
    return seen;
  }

  /** A {@link #seen} time as the pages show times; empty for none. */
  static String time(@Nullable Instant t) {
    return t == null ? Formats.NONE : Formats.time(t);
  }

  private static long asLong(@Nullable Object v) {
    return v == null ? 0 : ((Number) v).longValue();
  }
}
