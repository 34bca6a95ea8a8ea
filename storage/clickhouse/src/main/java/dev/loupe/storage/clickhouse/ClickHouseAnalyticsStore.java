package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Times;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metrics as one statement per query ({@link MetricsSql}) over the live rows of the trace, score
 * and observation tables: no rollup table to keep in step, so every answer reflects the latest
 * merged rows exactly. Costs stay decimal end to end; percentiles are exact.
 */
final class ClickHouseAnalyticsStore implements AnalyticsStore {
  private final Sql sql;

  ClickHouseAnalyticsStore(Sql sql) {
    this.sql = sql;
  }

  @Override
  public List<MetricsRow> query(MetricsQuery query) {
    requireNonNull(query, "query");
    MetricsSql statement = new MetricsSql(query);
    return sql.query(statement.sql, statement.params.map(), in -> row(query, in));
  }

  @Override
  public List<ModelUsage> models(String projectId, Instant from, Instant to) {
    requireNonNull(projectId, "projectId");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    Params p = new Params();
    String statement =
        "SELECT assumeNotNull(model), toInt64(count()) AS n, toInt64(countIf(cost_source = 'NO_PRICE'))"
            + " FROM observations FINAL WHERE project_id = "
            + p.string(projectId)
            + " AND model IS NOT NULL AND start_time >= "
            + p.int64(TimeRange.ceilMicros(from))
            + " AND start_time < "
            + p.int64(TimeRange.ceilMicros(to))
            + " GROUP BY model ORDER BY n DESC, model";
    return sql.query(statement, p.map(), in -> new ModelUsage(in.string(), in.int64(), in.int64()));
  }

  private static MetricsRow row(MetricsQuery q, RowBinaryIn in) {
    Instant time = q.granularity() == null ? null : Times.fromEpochMicros(in.int64());
    Map<String, @Nullable String> dims = new LinkedHashMap<>();
    for (Dimension d : q.dimensions()) dims.put(d.wireName(), in.nullableString());
    Map<String, @Nullable Object> values = new LinkedHashMap<>();
    for (Metric m : q.metrics()) values.put(m.alias(), value(m, in));
    return new MetricsRow(time, dims, values);
  }

  /**
   * One Nullable metric column, read as {@link dev.loupe.storage.analytics.Aggregation#valueType}.
   */
  private static @Nullable Object value(Metric m, RowBinaryIn in) {
    if (in.uint8() != 0) return null;
    return switch (m.aggregation().valueType(m.measure())) {
      case LONG -> in.int64();
      case DOUBLE -> Doubles.read(in);
      case DECIMAL -> in.decimal128();
      case INSTANT -> Times.fromEpochMicros(in.int64());
    };
  }

  @Override
  public String toString() {
    return "ClickHouseAnalyticsStore{}";
  }
}
