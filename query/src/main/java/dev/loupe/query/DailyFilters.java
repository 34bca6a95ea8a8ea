package dev.loupe.query;

import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.MetricsQuery;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The filters of a daily metrics request, as conditions on either view. */
record DailyFilters(
    @Nullable String traceName,
    @Nullable String userId,
    List<String> tags,
    List<String> environments) {
  DailyFilters(QueryParams p) {
    this(p.string("traceName"), p.string("userId"), p.strings("tags"), p.strings("environment"));
  }

  MetricsQuery.Builder onTraces(MetricsQuery.Builder b) {
    if (traceName != null) b.filter(Dimension.NAME, FilterOperator.EQ, traceName);
    return common(b);
  }

  MetricsQuery.Builder onObservations(MetricsQuery.Builder b) {
    if (traceName != null) b.filter(Dimension.TRACE_NAME, FilterOperator.EQ, traceName);
    return common(b);
  }

  private MetricsQuery.Builder common(MetricsQuery.Builder b) {
    if (userId != null) b.filter(Dimension.USER_ID, FilterOperator.EQ, userId);
    if (!tags.isEmpty()) {
      b.filter(Dimension.TAGS, FilterOperator.ALL_OF, tags.toArray(String[]::new));
    }
    if (!environments.isEmpty()) {
      b.filter(Dimension.ENVIRONMENT, FilterOperator.ANY_OF, environments.toArray(String[]::new));
    }
    return b;
  }
}
