package dev.loupe.storage.duckdb;

import dev.loupe.model.Times;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricOrder;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One SQL statement for a {@link MetricsQuery}. Result columns: {@code bucket} (epoch micros, when
 * the query has a granularity), then {@code d0..} the dimensions, then {@code m0..} the metrics.
 *
 * <p>Observations view: {@code observations o} in the window, LEFT JOIN {@code traces t} only when
 * a trace-level dimension, filter or measure is used. Traces view: {@code trace_rollups t} in the
 * window, one row per trace that has a trace row, with what its observations add up to ({@link
 * TraceRollups}).
 */
final class MetricsSql {
  private final MetricsQuery q;
  private final SqlWhere cte = new SqlWhere(); // score views: the scored traces' model calls
  private final SqlWhere join = new SqlWhere(); // the project's trace rows
  private final SqlWhere where = new SqlWhere();
  private final String sql;

  MetricsSql(MetricsQuery q) {
    this.q = q;
    this.sql = build();
  }

  String sql() {
    return sql;
  }

  boolean hasBucket() {
    return q.granularity() != null;
  }

  /** Binds every parameter in statement order. */
  void bind(Session s, PreparedStatement ps) throws SQLException {
    int next = cte.bind(s, ps, 1);
    next = join.bind(s, ps, next);
    next = where.bind(s, ps, next);
    ps.setInt(next, q.rowLimit());
  }

  private String build() {
    boolean traces = q.view() == MetricsView.TRACES;
    String time = q.view().scores() ? "s.timestamp" : traces ? "t.timestamp" : "o.start_time";
    List<String> select = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    if (q.granularity() != null) {
      select.add(
          "epoch_us(date_trunc('"
              + q.granularity().name().toLowerCase(Locale.ROOT)
              + "', "
              + time
              + ")) AS bucket");
      groups.add("bucket");
    }
    for (int i = 0; i < q.dimensions().size(); i++) {
      select.add(MetricsColumns.dimension(q.view(), q.dimensions().get(i)) + " AS d" + i);
      groups.add("d" + i);
    }
    for (int i = 0; i < q.metrics().size(); i++) {
      select.add(aggregate(q.metrics().get(i)) + " AS m" + i);
    }
    long from = Times.toEpochMicros(q.from()), to = Times.toEpochMicros(q.to());
    String window = " >= make_timestamp(?::BIGINT) AND " + time + " < make_timestamp(?::BIGINT)";
    StringBuilder sb = new StringBuilder();
    if (q.view().scores()) {
      scoresFrom(sb, select, window, from, to);
    } else if (traces) {
      // one row per trace with its observations' figures, kept by the writer: no aggregate here
      sb.append("SELECT ").append(String.join(", ", select)).append(" FROM trace_rollups t");
      where
          .and("t.project_id = ?", q.projectId())
          .and("t.trace_seq IS NOT NULL")
          .and(time + window, from, to);
    } else {
      sb.append("SELECT ").append(String.join(", ", select)).append(" FROM observations o");
      if (needsTraceRow()) {
        // The trace row by key alone (a persisted 64-bit hash of project and id) among the
        // project's traces: comparing the text ids too made this join 2.5x slower at 14M rows.
        join.and("project_id = ?", q.projectId());
        sb.append(" LEFT JOIN (SELECT * FROM traces")
            .append(join.sql())
            .append(") t ON t.key = o.trace_key");
      }
      where.and("o.project_id = ?", q.projectId()).and(time + window, from, to);
    }
    for (MetricFilter f : q.filters()) {
      MetricsFilters.add(where, MetricsColumns.dimension(q.view(), f.column()), f);
    }
    sb.append(where.sql());
    if (groups.isEmpty()) sb.append(" HAVING count(*) > 0");
    else sb.append(" GROUP BY ").append(String.join(", ", groups));
    List<String> order = order(groups);
    if (!order.isEmpty()) sb.append(" ORDER BY ").append(String.join(", ", order));
    sb.append(" LIMIT ?");
    return sb.toString();
  }

  /**
   * The score views: {@code scores s} of the view's data types in the window, LEFT JOIN the scored
   * trace {@code t}, the scored observation {@code o} and {@code m}, the model of each scored
   * trace's last model call, each only when a dimension, filter or measure reads it.
   */
  private void scoresFrom(
      StringBuilder sb, List<String> select, String window, long from, long to) {
    boolean model = usesScoreColumn(MetricsColumns.ScoreJoin.MODEL);
    if (model) {
      cte.and("o.project_id = ?", q.projectId())
          .and("o.model IS NOT NULL")
          .and(
              "o.trace_key IN (SELECT s.trace_key FROM scores s WHERE s.project_id = ?"
                  + " AND s.timestamp"
                  + window
                  + ")",
              q.projectId(),
              from,
              to);
      sb.append("WITH m AS (SELECT o.trace_key, o.trace_id,")
          .append(" first(o.model ORDER BY o.start_time DESC, o.id DESC) AS model")
          .append(" FROM observations o")
          .append(cte.sql())
          .append(" GROUP BY o.trace_key, o.trace_id) ");
    }
    sb.append("SELECT ").append(String.join(", ", select)).append(" FROM scores s");
    if (usesScoreColumn(MetricsColumns.ScoreJoin.TRACE)) {
      join.and("project_id = ?", q.projectId());
      sb.append(" LEFT JOIN (SELECT * FROM traces WHERE project_id = ?)")
          .append(" t ON t.key = s.trace_key AND t.id = s.trace_id");
    }
    if (model || usesScoreColumn(MetricsColumns.ScoreJoin.OBSERVATION)) {
      join.and("project_id = ?", q.projectId());
      sb.append(" LEFT JOIN (SELECT * FROM observations WHERE project_id = ?)")
          .append(" o ON o.key = s.observation_key AND o.id = s.observation_id");
    }
    if (model) sb.append(" LEFT JOIN m ON m.trace_key = s.trace_key AND m.trace_id = s.trace_id");
    where
        .and("s.project_id = ?", q.projectId())
        .and("s.timestamp" + window, from, to)
        .and(
            q.view() == MetricsView.SCORES_NUMERIC
                ? "s.data_type IN ('NUMERIC', 'BOOLEAN')"
                : "s.data_type = 'CATEGORICAL'");
  }

  private boolean usesScoreColumn(MetricsColumns.ScoreJoin needed) {
    return q.dimensions().stream().anyMatch(d -> MetricsColumns.scoreJoin(d) == needed)
        || q.filters().stream().anyMatch(f -> MetricsColumns.scoreJoin(f.column()) == needed)
        || q.metrics().stream().anyMatch(m -> MetricsColumns.scoreJoin(m.measure()) == needed);
  }

  private boolean needsTraceRow() {
    return readsTraceRow(q);
  }

  /** Whether an observations-view query reads the observation's trace row. */
  static boolean readsTraceRow(MetricsQuery q) {
    return q.dimensions().stream().anyMatch(MetricsColumns::fromTrace)
        || q.filters().stream().map(MetricFilter::column).anyMatch(MetricsColumns::fromTrace)
        || q.metrics().stream().map(Metric::measure).anyMatch(MetricsColumns::fromTrace);
  }

  private List<String> order(List<String> groups) {
    List<String> out = new ArrayList<>();
    for (MetricOrder o : q.orderBy()) {
      out.add(
          column(o.field())
              + (o.direction() == SortDirection.DESC ? " DESC" : " ASC")
              + " NULLS LAST");
    }
    for (String g : groups) out.add(g + " ASC NULLS LAST");
    return out;
  }

  /** The result column an order field names (the query validated it). */
  private String column(String field) {
    if (MetricsRow.TIME.equals(field)) return "bucket";
    for (int i = 0; i < q.dimensions().size(); i++) {
      if (q.dimensions().get(i).wireName().equals(field)) return "d" + i;
    }
    for (int i = 0; i < q.metrics().size(); i++) {
      if (q.metrics().get(i).alias().equals(field)) return "m" + i;
    }
    throw new IllegalArgumentException("orderBy: unknown field '" + field + "'");
  }

  /**
   * A sum of counts as BIGINT, stopping at its largest value: DuckDB sums BIGINTs exactly (in 128
   * bits), and a sum past 2^63 - 1 would fail the cast, and with it the whole query.
   */
  static String saturatedSum(String x) {
    return "least(sum(" + x + "), 9223372036854775807)::BIGINT";
  }

  private String aggregate(Metric metric) {
    Measure m = metric.measure();
    Aggregation a = metric.aggregation();
    String x = MetricsColumns.measure(q.view(), m);
    String cast =
        switch (a.valueType(m)) {
          case LONG -> "::BIGINT";
          case DECIMAL -> "::DECIMAL(38,12)";
          case DOUBLE -> "::DOUBLE";
          case INSTANT -> "";
        };
    String value =
        switch (a) {
          case COUNT -> "count(*)";
          case UNIQ -> "count(DISTINCT " + x + ")";
          case SUM ->
              a.valueType(m) == Aggregation.ValueType.LONG
                  ? saturatedSum(x)
                  : "sum(" + x + ")" + cast;
          case AVG -> "avg(" + x + ")::DOUBLE";
          case MIN -> "min(" + x + ")" + cast;
          case MAX -> "max(" + x + ")" + cast;
          case P50, P75, P90, P95, P99 -> percentile(m, a, x);
        };
    // a time (min or max of a TIMESTAMP) as epoch microseconds: exact, and it orders as time does
    return a.valueType(m) == Aggregation.ValueType.INSTANT ? "epoch_us(" + value + ")" : value;
  }

  /**
   * One percentile. Several percentiles of one measure read the same list-valued {@code
   * quantile_cont}, which DuckDB computes once (one sort per group instead of one per percentile).
   */
  private String percentile(Measure m, Aggregation a, String x) {
    List<Double> ps = new ArrayList<>();
    for (Metric other : q.metrics()) {
      if (other.measure() == m && other.aggregation().isPercentile()) {
        ps.add(other.aggregation().percentile());
      }
    }
    // durations as whole microseconds, interpolated, then in milliseconds (MetricsColumns.micros)
    String us = MetricsColumns.micros(q.view(), m);
    String input = us != null ? us : "(" + x + ")::DOUBLE";
    String scale = us != null ? " / 1000" : "";
    if (ps.size() == 1)
      return "(quantile_cont(" + input + ", " + a.percentile() + ")" + scale + ")";
    String list = ps.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    return "(quantile_cont("
        + input
        + ", "
        + list
        + ")["
        + (ps.indexOf(a.percentile()) + 1)
        + "]"
        + scale
        + ")";
  }
}
