package dev.loupe.storage.duckdb;

import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.MetricFilter;

/**
 * Metric filters as SQL conditions with bound values. A NULL value matches only {@code !=}, {@code
 * none of}, {@code does not contain} and {@code is null}; tags (never NULL here) take any of, none
 * of and all of.
 */
final class MetricsFilters {
  private MetricsFilters() {}

  static void add(SqlWhere w, String column, MetricFilter f) {
    if (f.column() == Dimension.TAGS) {
      SqlWhere.Strings tags = new SqlWhere.Strings(f.values());
      switch (f.operator()) {
        case ANY_OF -> w.and("list_has_any(" + column + ", ?::VARCHAR[])", tags);
        case NONE_OF -> w.and("NOT list_has_any(" + column + ", ?::VARCHAR[])", tags);
        case ALL_OF -> w.and("list_has_all(" + column + ", ?::VARCHAR[])", tags);
        default -> throw new IllegalArgumentException("tags take any of, none of or all of");
      }
      return;
    }
    switch (f.operator()) {
      case EQ -> w.and(column + " = ?", f.value());
      case NEQ -> w.and("(" + column + " IS NULL OR " + column + " <> ?)", f.value());
      case CONTAINS -> w.and("contains(" + column + ", ?)", f.value());
      case NOT_CONTAINS ->
          w.and("(" + column + " IS NULL OR NOT contains(" + column + ", ?))", f.value());
      case STARTS_WITH -> w.and("starts_with(" + column + ", ?)", f.value());
      case ENDS_WITH -> w.and("ends_with(" + column + ", ?)", f.value());
      case ANY_OF ->
          w.and(
              "(" + column + " IS NOT NULL AND list_contains(?::VARCHAR[], " + column + "))",
              new SqlWhere.Strings(f.values()));
      case NONE_OF ->
          w.and(
              "(" + column + " IS NULL OR NOT list_contains(?::VARCHAR[], " + column + "))",
              new SqlWhere.Strings(f.values()));
      case IS_NULL -> w.and(column + " IS NULL");
      case IS_NOT_NULL -> w.and(column + " IS NOT NULL");
      case ALL_OF -> throw new IllegalArgumentException("all of applies to tags only");
    }
  }
}
