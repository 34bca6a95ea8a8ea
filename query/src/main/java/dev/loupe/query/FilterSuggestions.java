package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceSummary;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values a filter box suggests, within one project: the user ids, session ids and environments of
 * the traces, and the models of the observations, of the last {@link #WINDOW}, that start with the
 * typed prefix (exactly, case-sensitive, as the filters match), most frequent first, at most {@link
 * #MAX}; the answer of the metrics query {@code {view, dimensions: [field], metrics: [count],
 * filters: [field starts with prefix]}}. Tags are not a metrics dimension: they come from the
 * {@link #RECENT_TRACES} newest traces, most frequent among them first.
 */
public final class FilterSuggestions {
  public static final int MAX = 20;
  static final Duration WINDOW = Duration.ofDays(30);
  static final int RECENT_TRACES = 100;

  /** The fields with suggestions, as the filters name them. */
  public static final List<String> FIELDS =
      List.of("userId", "sessionId", "environment", "model", "tags");

  private final AnalyticsStore analytics;
  private final TraceQueries traces;
  private final Clock clock;

  public FilterSuggestions(AnalyticsStore analytics, TraceQueries traces, Clock clock) {
    this.analytics = requireNonNull(analytics, "analytics");
    this.traces = requireNonNull(traces, "traces");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Up to {@link #MAX} values of {@code field} starting with {@code prefix}.
   *
   * @throws InvalidParameterException for a field without suggestions
   */
  public List<String> suggest(String projectId, String field, String prefix) {
    requireNonNull(prefix, "prefix");
    return switch (field) {
      case "userId" -> grouped(projectId, MetricsView.TRACES, Dimension.USER_ID, prefix);
      case "sessionId" -> grouped(projectId, MetricsView.TRACES, Dimension.SESSION_ID, prefix);
      case "environment" -> grouped(projectId, MetricsView.TRACES, Dimension.ENVIRONMENT, prefix);
      case "model" ->
          grouped(projectId, MetricsView.OBSERVATIONS, Dimension.PROVIDED_MODEL_NAME, prefix);
      case "tags" -> recentTags(projectId, prefix);
      default ->
          throw new InvalidParameterException(
              "field", "expected one of " + String.join(", ", FIELDS) + ", got '" + field + "'");
    };
  }

  private List<String> grouped(
      String projectId, MetricsView view, Dimension dimension, String prefix) {
    Instant now = clock.instant();
    MetricsQuery.Builder b =
        MetricsQuery.builder(projectId, view, now.minus(WINDOW), now.plusSeconds(1))
            .dimension(dimension)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .filter(dimension, FilterOperator.IS_NOT_NULL)
            .orderBy("count_count", SortDirection.DESC)
            .orderBy(dimension.wireName(), SortDirection.ASC)
            .rowLimit(MAX);
    if (!prefix.isEmpty()) b.filter(dimension, FilterOperator.STARTS_WITH, prefix);
    List<String> out = new ArrayList<>();
    for (MetricsRow row : analytics.query(b.build())) {
      String v = row.dimensions().get(dimension.wireName());
      if (v != null && !v.isEmpty()) out.add(v);
    }
    return out;
  }

  private List<String> recentTags(String projectId, String prefix) {
    QueryParams newest = new QueryParams(Map.of("limit", List.of(Integer.toString(RECENT_TRACES))));
    Map<String, Integer> counts = new HashMap<>();
    for (TraceSummary s : traces.search(projectId, newest).items()) {
      for (String tag : s.trace().tags())
        if (tag.startsWith(prefix)) counts.merge(tag, 1, Integer::sum);
    }
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(MAX)
        .map(Map.Entry::getKey)
        .toList();
  }
}
