package dev.loupe.storage;

import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import java.util.List;

/**
 * Aggregates over one project's traces or observations: counts, tokens, cost, latency percentiles,
 * error counts, grouped by dimensions and time buckets. The meaning of every measure, aggregation
 * and dimension is fixed in {@link dev.loupe.storage.analytics}; every backend gives the same rows
 * (the shared suite checks them against values computed from the raw data).
 */
public interface AnalyticsStore {
  /**
   * Runs the query: one row per distinct (time bucket, dimension values) with at least one matching
   * record, ordered by the query's order then by bucket and dimensions ascending, at most {@code
   * rowLimit} rows.
   */
  List<MetricsRow> query(MetricsQuery query);

  /**
   * Distinct provided model names of the project's observations that start in {@code [from, to)},
   * with their observation counts; for re-pricing and "models without a price".
   */
  List<ModelUsage> models(String projectId, java.time.Instant from, java.time.Instant to);

  /** A provided model name, how many observations carry it, and how many had no price. */
  record ModelUsage(String model, long observations, long unpriced) {}
}
