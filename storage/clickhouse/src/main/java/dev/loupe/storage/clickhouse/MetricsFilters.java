package dev.loupe.storage.clickhouse;

import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.MetricFilter;

/**
 * Metric filters as conditions with bound values. A NULL value matches only {@code !=}, {@code none
 * of}, {@code does not contain} and {@code is null} (a comparison with NULL is NULL, which WHERE
 * drops); tags (never NULL: a missing trace row has none) take any of, none of and all of.
 */
final class MetricsFilters {
  private MetricsFilters() {}

  static String condition(String column, MetricFilter f, Params p) {
    if (f.column() == Dimension.TAGS) {
      String tags = p.strings(f.values());
      return switch (f.operator()) {
        case ANY_OF -> "hasAny(" + column + ", " + tags + ")";
        case NONE_OF -> "NOT hasAny(" + column + ", " + tags + ")";
        case ALL_OF -> "hasAll(" + column + ", " + tags + ")";
        default -> throw new IllegalArgumentException("tags take any of, none of or all of");
      };
    }
    String c = "(" + column + ")";
    return switch (f.operator()) {
      case EQ -> c + " = " + p.string(f.value());
      case NEQ -> "(" + c + " IS NULL OR " + c + " != " + p.string(f.value()) + ")";
      case CONTAINS -> "position(" + c + ", " + p.string(f.value()) + ") > 0";
      case NOT_CONTAINS ->
          "(" + c + " IS NULL OR position(" + c + ", " + p.string(f.value()) + ") = 0)";
      case STARTS_WITH -> "startsWith(" + c + ", " + p.string(f.value()) + ")";
      case ENDS_WITH -> "endsWith(" + c + ", " + p.string(f.value()) + ")";
      case ANY_OF -> c + " IN " + p.strings(f.values());
      case NONE_OF -> "(" + c + " IS NULL OR " + c + " NOT IN " + p.strings(f.values()) + ")";
      case IS_NULL -> c + " IS NULL";
      case IS_NOT_NULL -> c + " IS NOT NULL";
      case ALL_OF -> throw new IllegalArgumentException("all of applies to tags only");
    };
  }
}
