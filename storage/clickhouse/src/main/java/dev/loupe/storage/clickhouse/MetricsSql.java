package dev.loupe.storage.clickhouse;

import dev.loupe.storage.SortDirection;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricOrder;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement for a {@link MetricsQuery}. Result columns: {@code bucket} (Int64 microseconds,
 * with a granularity), {@code d0..} the dimensions as Nullable(String), {@code m0..} the metrics,
 * each Nullable of its value type (Int64, Decimal(38, 12), Float64, or Int64 microseconds for a
 * time). Every aggregation but count and uniq is NULL over no values; percentiles are exact ({@code
 * quantilesExactInclusive}: linear interpolation between the closest ranks, h = (n-1)p).
 */
final class MetricsSql {
  private static final long MINUTE = 60_000_000L, DAY = 86_400_000_000L;

  final Params params = new Params();
  private final MetricsQuery q;
  final String sql;

  MetricsSql(MetricsQuery q) {
    this.q = q;
    this.sql = build();
  }

  private String build() {
    String time =
        q.view().scores()
            ? "s.timestamp"
            : q.view() == MetricsView.TRACES ? "t.timestamp" : "o.start_time";
    List<String> select = new ArrayList<>(), groups = new ArrayList<>();
    if (q.granularity() != null) {
      select.add(bucket(q.granularity(), time) + " AS bucket");
      groups.add("bucket");
    }
    for (int i = 0; i < q.dimensions().size(); i++) {
      select.add(
          "CAST("
              + MetricsColumns.dimension(q.view(), q.dimensions().get(i))
              + " AS Nullable(String)) AS d"
              + i);
      groups.add("d" + i);
    }
    for (int i = 0; i < q.metrics().size(); i++)
      select.add(aggregate(q.metrics().get(i)) + " AS m" + i);
    StringBuilder sb = new StringBuilder("SELECT ").append(String.join(", ", select));
    sb.append(MetricsFrom.of(q, MetricsReads.of(q), params));
    for (MetricFilter f : q.filters()) {
      sb.append(" AND ")
          .append(
              MetricsFilters.condition(MetricsColumns.dimension(q.view(), f.column()), f, params));
    }
    if (groups.isEmpty()) sb.append(" HAVING count() > 0");
    else sb.append(" GROUP BY ").append(String.join(", ", groups));
    List<String> order = new ArrayList<>();
    for (MetricOrder o : q.orderBy()) {
      order.add(
          column(o.field())
              + (o.direction() == SortDirection.DESC ? " DESC" : " ASC")
              + " NULLS LAST");
    }
    for (String g : groups) order.add(g + " ASC NULLS LAST");
    if (!order.isEmpty()) sb.append(" ORDER BY ").append(String.join(", ", order));
    return sb.append(" LIMIT ").append(params.int64(q.rowLimit())).toString();
  }

  /**
   * The start of the UTC bucket of an Int64 microsecond time. Minutes, hours, days and weeks
   * (Monday: 1970-01-01 was a Thursday, 3 days after one) are floor arithmetic on the Int64, exact
   * for any stored time; months go through Date32 (1900 to 2299).
   */
  static String bucket(Granularity g, String t) {
    return switch (g) {
      case MINUTE -> floor(t, MINUTE);
      case HOUR -> floor(t, 60 * MINUTE);
      case DAY -> floor(t, DAY);
      case WEEK ->
          "("
              + t
              + " - positiveModulo("
              + t
              + " + "
              + int64(3 * DAY)
              + ", "
              + int64(7 * DAY)
              + "))";
      case MONTH ->
          "(toInt64(toDaysSinceYearZero(toStartOfMonth(addDays(toDate32('1970-01-01'), intDiv("
              + floor(t, DAY)
              + ", "
              + int64(DAY)
              + "))))) - 719528) * "
              + int64(DAY);
    };
  }

  private static String floor(String t, long width) {
    return "(" + t + " - positiveModulo(" + t + ", " + int64(width) + "))";
  }

  private static String int64(long v) {
    return "toInt64(" + v + ")";
  }

  /** The result column an order field names (the query validated it). */
  private String column(String field) {
    if (MetricsRow.TIME.equals(field)) return "bucket";
    for (int i = 0; i < q.metrics().size(); i++) {
      if (q.metrics().get(i).alias().equals(field)) return "m" + i;
    }
    for (int i = 0; i < q.dimensions().size(); i++) {
      if (q.dimensions().get(i).wireName().equals(field)) return "d" + i;
    }
    throw new IllegalArgumentException("orderBy: unknown field '" + field + "'");
  }

  private String aggregate(Metric metric) {
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
          case DOUBLE -> a.isPercentile() ? percentile(m, a, x) : fn(a) + "(toFloat64(" + x + "))";
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
  private String percentile(Measure m, Aggregation a, String x) {
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
