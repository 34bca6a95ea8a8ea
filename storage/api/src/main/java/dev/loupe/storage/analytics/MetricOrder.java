package dev.loupe.storage.analytics;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.SortDirection;

/**
 * Order by a dimension's wire name, {@link MetricsRow#TIME} or a metric alias; nulls last in both
 * directions.
 */
public record MetricOrder(String field, SortDirection direction) {
  public MetricOrder {
    requireNonNull(field, "field");
    requireNonNull(direction, "direction");
  }
}
