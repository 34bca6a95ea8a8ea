package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.analytics.MetricsRow;
import java.util.List;

/**
 * {@code GET /api/public/metrics} and {@code /api/public/v2/metrics}: the JSON {@code query}
 * parameter ({@link MetricsQueryParser}) to an {@link AnalyticsStore} query, always within the
 * caller's project. Write the rows with {@code MetricsJson.rows}.
 */
public final class MetricsQueries {
  private final AnalyticsStore store;

  public MetricsQueries(AnalyticsStore store) {
    this.store = requireNonNull(store, "store");
  }

  /**
   * The rows answering the request's {@code query} parameter.
   *
   * @throws InvalidParameterException for a missing or bad query, naming the JSON path
   */
  public List<MetricsRow> query(String projectId, QueryParams params) {
    return store.query(
        MetricsQueryParser.parse(projectId, params.string(MetricsQueryParser.PARAMETER)));
  }
}
