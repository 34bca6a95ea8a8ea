package dev.loupe.storage.clickhouse;

import dev.loupe.storage.SortDirection;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricOrder;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement for a {@link MetricsQuery}. Result columns: {@code bucket} (Int64 microseconds,
 * with a granularity), {@code d0..} the dimensions as Nullable(String), {@code m0..} the metrics
 * ({@link MetricsAggregates}). The FROM and window come from {@link MetricsFrom}; one row per group
 * with a record (an ungrouped query over nothing has no row); ordered by the query's order, then
 * bucket and dimensions ascending, NULLs last in both directions.
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
      select.add(MetricsAggregates.of(q, q.metrics().get(i)) + " AS m" + i);
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
}
