package dev.loupe.storage;

import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.MetricFilter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The metric filter operators as {@code FilterOperator} defines them; all filters must hold. */
final class InMemoryMetricFilters {
  private InMemoryMetricFilters() {}

  static boolean matchesAll(List<MetricFilter> filters, InMemoryMetricRecord record) {
    for (MetricFilter f : filters) {
      boolean ok =
          f.column() == Dimension.TAGS
              ? matchesTags(f, record.tags())
              : matches(f, record.dimension(f.column()));
      if (!ok) return false;
    }
    return true;
  }

  private static boolean matchesTags(MetricFilter f, List<String> tags) {
    return switch (f.operator()) {
      case ANY_OF -> f.values().stream().anyMatch(tags::contains);
      case NONE_OF -> f.values().stream().noneMatch(tags::contains);
      case ALL_OF -> tags.containsAll(f.values());
      default -> throw new IllegalArgumentException("tags take any of, none of or all of");
    };
  }

  private static boolean matches(MetricFilter f, @Nullable String value) {
    return switch (f.operator()) {
      case IS_NULL -> value == null;
      case IS_NOT_NULL -> value != null;
      case NEQ -> value == null || !value.equals(f.value());
      case NOT_CONTAINS -> value == null || !value.contains(f.value());
      case NONE_OF -> value == null || !f.values().contains(value);
      case EQ -> value != null && value.equals(f.value());
      case CONTAINS -> value != null && value.contains(f.value());
      case STARTS_WITH -> value != null && value.startsWith(f.value());
      case ENDS_WITH -> value != null && value.endsWith(f.value());
      case ANY_OF -> value != null && f.values().contains(value);
      case ALL_OF -> throw new IllegalArgumentException("all of applies to tags only");
    };
  }
}
