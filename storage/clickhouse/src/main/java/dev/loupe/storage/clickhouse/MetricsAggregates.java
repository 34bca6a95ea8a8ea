package dev.loupe.storage.clickhouse;

import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricsQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * A metric's aggregate, as a Nullable of its value type: Int64 (counts, tokens; sums in Int128,
 * saturated), Decimal(38, 12) (costs, exact), Float64 (averages, durations, rates, percentiles), or
 * Int64 microseconds (a time). NULL over no values, except count and uniq. Percentiles are exact:
 * {@code quantilesExactInclusive} interpolates linearly between the closest ranks, h = (n - 1)p,
 * the formula of the package doc.
 */
final class MetricsAggregates {
  private MetricsAggregates() {}

  /** The metric's value over a group, as a Nullable of its value type. */
  static String of(MetricsQuery q, Metric metric) {
    Measure m = metric.measure();
    Aggregation a = metric.aggregation();
    String x = MetricsColumns.measure(q.view(), m);
    if (a == Aggregation.COUNT) return "toNullable(toInt64(count()))";
    if (a == Aggregation.UNIQ) return "toNullable(toInt64(uniqExact(" + x + ")))";
    String value =
        switch (a.valueType(m)) {
          case LONG ->
              a == Aggregation.SUM
                  ? Summaries.clampedToInt64("sum(toInt128(" + x + "))")
                  : "toInt64(" + fn(a) + "(" + x + "))";
          case DECIMAL -> "toDecimal128(" + fn(a) + "(" + x + "), 12)";
          case INSTANT -> "toInt64(" + fn(a) + "(" + x + "))";
          case DOUBLE ->
              a.isPercentile() ? percentile(q, m, a, x) : fn(a) + "(toFloat64(" + x + "))";
        };
    return "if(count(" + x + ") = 0, NULL, " + value + ")";
  }

  private static String fn(Aggregation a) {
    return switch (a) {
      case SUM -> "sum";
      case AVG -> "avg";
      case MIN -> "min";
      case MAX -> "max";
      default -> throw new IllegalArgumentException(a.wireName() + " is not a plain aggregate");
    };
  }

  /**
   * One percentile. The percentiles of one measure read one {@code quantilesExactInclusive} call
   * with all their levels, which ClickHouse computes once per group (one sort, not one per level).
   */
  private static String percentile(MetricsQuery q, Measure m, Aggregation a, String x) {
    List<String> levels = new ArrayList<>();
    for (Metric other : q.metrics()) {
      if (other.measure() == m && other.aggregation().isPercentile()) {
        levels.add(Double.toString(other.aggregation().percentile()));
      }
    }
    int index = levels.indexOf(Double.toString(a.percentile())) + 1;
    return "quantilesExactInclusive("
        + String.join(", ", levels)
        + ")(toFloat64("
        + x
        + "))["
        + index
        + "]";
  }
}
