package dev.loupe.storage.alerts;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Instant;
import java.util.List;

/**
 * The one number a rule watches: a metrics query (the metrics API's view, measure, aggregation and
 * filters) with no dimensions and no time buckets, run over the rule's window. E.g. the error rate
 * of a model: view {@code observations}, {@code errors} / {@code avg}, filter {@code
 * providedModelName = gpt-4o}.
 */
public record AlertQuery(MetricsView view, Metric metric, List<MetricFilter> filters) {
  public AlertQuery {
    requireNonNull(view, "view");
    requireNonNull(metric, "metric");
    filters = List.copyOf(requireNonNull(filters, "filters"));
    if (metric.measure().kind() == Measure.Kind.TIME) {
      throw new IllegalArgumentException(
          "query.metric.measure: " + metric.measure().wireName() + " is a time, not a number");
    }
    // the query's own checks (measure and filter columns in the view), with a throwaway window
    query(view, metric, filters, "-", Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
  }

  /** The metrics query over {@code [from, to)} in a project: one row, the metric's value. */
  public MetricsQuery over(String projectId, Instant from, Instant to) {
    return query(view, metric, filters, projectId, from, to);
  }

  private static MetricsQuery query(
      MetricsView view,
      Metric metric,
      List<MetricFilter> filters,
      String projectId,
      Instant from,
      Instant to) {
    MetricsQuery.Builder b =
        MetricsQuery.builder(projectId, view, from, to)
            .metric(metric.measure(), metric.aggregation())
            .rowLimit(1);
    for (MetricFilter f : filters) {
      b.filter(f.column(), f.operator(), f.values().toArray(String[]::new));
    }
    return b.build();
  }

  /**
   * Whether no records at all is the value 0 (a count, a distinct count or a sum) rather than no
   * data (an average, a percentile, a min or a max of nothing).
   */
  public boolean zeroWhenEmpty() {
    Aggregation a = metric.aggregation();
    return a == Aggregation.COUNT || a == Aggregation.UNIQ || a == Aggregation.SUM;
  }
}
