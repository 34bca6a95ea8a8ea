package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Times;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Metrics as one SQL statement per query ({@link MetricsSql}) on a read connection. */
final class DuckDbAnalyticsStore implements AnalyticsStore {
  private static final String MODELS =
      "SELECT o.model, count(*), count(*) FILTER (WHERE o.cost_source = 'NO_PRICE')"
          + " FROM observations o WHERE o.project_id = ? AND o.model IS NOT NULL"
          + " AND o.start_time >= make_timestamp(?::BIGINT) AND o.start_time < make_timestamp(?::BIGINT)"
          + " GROUP BY o.model ORDER BY count(*) DESC, o.model";

  /** Rows of whole buckets kept for reuse: about 1,200 rows (40 models x 30 days) per dashboard. */
  static final int CACHED_ROWS = 200_000;

  private final ReadPool pool;
  private final BucketedMetrics bucketed;

  DuckDbAnalyticsStore(ReadPool pool, ObservationDays days) {
    this.pool = pool;
    this.bucketed = new BucketedMetrics(days, Clock.systemUTC(), CACHED_ROWS);
  }

  BucketedMetrics bucketed() {
    return bucketed;
  }

  @Override
  public List<MetricsRow> query(MetricsQuery query) {
    requireNonNull(query, "query");
    return BucketedMetrics.applies(query) ? bucketed.query(query, this::run) : run(query);
  }

  private List<MetricsRow> run(MetricsQuery query) {
    return pool.read(
        "metrics query",
        s -> {
          MetricsSql sql = new MetricsSql(query);
          PreparedStatement ps = s.statement(sql.sql());
          sql.bind(s, ps);
          List<MetricsRow> rows = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rows.add(row(query, sql.hasBucket(), rs));
          }
          return rows;
        });
  }

  @Override
  public List<ModelUsage> models(String projectId, Instant from, Instant to) {
    requireNonNull(projectId, "projectId");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    return pool.read(
        "models",
        s -> {
          PreparedStatement ps = s.statement(MODELS);
          ps.setString(1, projectId);
          ps.setLong(2, Times.toEpochMicros(from));
          ps.setLong(3, Times.toEpochMicros(to));
          List<ModelUsage> out = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next())
              out.add(new ModelUsage(rs.getString(1), rs.getLong(2), rs.getLong(3)));
          }
          return out;
        });
  }

  private static MetricsRow row(MetricsQuery q, boolean bucket, ResultSet rs) throws SQLException {
    int col = 1;
    Instant time = null;
    if (bucket) time = Times.fromEpochMicros(rs.getLong(col++));
    Map<String, @Nullable String> dims = new LinkedHashMap<>();
    for (var d : q.dimensions()) dims.put(d.wireName(), rs.getString(col++));
    Map<String, @Nullable Object> values = new LinkedHashMap<>();
    for (Metric m : q.metrics()) values.put(m.alias(), value(m, rs, col++));
    return new MetricsRow(time, dims, values);
  }

  private static @Nullable Object value(Metric m, ResultSet rs, int col) throws SQLException {
    return switch (m.aggregation().valueType(m.measure())) {
      case LONG -> {
        long v = rs.getLong(col);
        yield rs.wasNull() ? null : v;
      }
      case DOUBLE -> {
        double v = rs.getDouble(col);
        yield rs.wasNull() ? null : v;
      }
      case DECIMAL -> {
        java.math.BigDecimal v = rs.getBigDecimal(col);
        yield v == null ? null : v.stripTrailingZeros();
      }
      case INSTANT -> {
        long micros = rs.getLong(col);
        yield rs.wasNull() ? null : Times.fromEpochMicros(micros);
      }
    };
  }
}
