package dev.loupe.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.Json;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.MetricOrder;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Langfuse's metrics query, the JSON {@code query} parameter of {@code GET /api/public/metrics}
 * (and {@code /api/public/v2/metrics}), to a validated {@link MetricsQuery}:
 *
 * <pre>{@code
 * {"view": "observations",
 *  "dimensions": [{"field": "providedModelName"}],
 *  "metrics": [{"measure": "totalCost", "aggregation": "sum"}],
 *  "filters": [{"column": "traceName", "operator": "=", "value": "chat", "type": "string"}],
 *  "timeDimension": {"granularity": "auto"},
 *  "fromTimestamp": "2025-01-01T00:00:00Z", "toTimestamp": "2025-01-08T00:00:00Z",
 *  "orderBy": [{"field": "sum_totalCost", "direction": "desc"}],
 *  "config": {"row_limit": 100}}
 * }</pre>
 *
 * <p>The views are {@code traces}, {@code observations}, {@code scores-numeric} (NUMERIC and
 * BOOLEAN scores; measure {@code value}) and {@code scores-categorical} (dimension {@code
 * stringValue}).
 *
 * <p>{@code view}, {@code metrics}, {@code fromTimestamp} and {@code toTimestamp} are required.
 * Dimension and filter columns are the wire names of {@link dev.loupe.storage.analytics.Dimension};
 * {@code model} is accepted for {@code providedModelName} and, on the traces view, {@code
 * traceName} for {@code name} (answers use the canonical name). Measures are the wire names of
 * {@link dev.loupe.storage.analytics.Measure}; {@code timestamp} (first and last seen) takes only
 * {@code min} and {@code max}. A filter {@code value} is a string, number or boolean, or an array
 * of them for {@code any of}, {@code none of} and {@code all of}; the filter {@code type} is
 * informational (the operator fixes the meaning). {@code config.bins} is accepted and unused (no
 * histograms). An order field is a dimension, a metric alias ({@code sum_totalCost}) or {@code
 * time_dimension}. Unknown fields are rejected.
 *
 * <p>Errors are {@link InvalidParameterException}s for the {@code query} parameter whose reason
 * starts with the JSON path: {@code query: metrics[1].aggregation: unknown aggregation 'median'
 * (allowed: ...)}.
 */
public final class MetricsQueryParser {
  /** The request parameter holding the query. */
  public static final String PARAMETER = "query";

  /** The time dimension's name in answers and order fields, as Langfuse names it. */
  public static final String TIME_DIMENSION = "time_dimension";

  private static final Set<String> TOP =
      Set.of(
          "view",
          "dimensions",
          "metrics",
          "filters",
          "timeDimension",
          "fromTimestamp",
          "toTimestamp",
          "orderBy",
          "config");

  private static final JsonFields FIELDS = new JsonFields(PARAMETER);

  private MetricsQueryParser() {}

  /**
   * Parses the query for the caller's project.
   *
   * @throws InvalidParameterException naming the JSON path and the reason
   */
  public static MetricsQuery parse(String projectId, @Nullable String json) {
    if (json == null || json.isBlank()) {
      throw new InvalidParameterException(PARAMETER, "required (a JSON metrics query)");
    }
    JsonNode root;
    try {
      root = Json.parse(json);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(PARAMETER, "malformed JSON: " + e.getMessage());
    }
    ObjectNode q = FIELDS.object(root, "$");
    FIELDS.onlyKeys(q, "", TOP);
    MetricsView view = wire(() -> MetricsView.fromWire(FIELDS.text(q, "view", "")));
    Instant from = FIELDS.instant(q, "fromTimestamp", "");
    Instant to = FIELDS.instant(q, "toTimestamp", "");
    if (!from.isBefore(to)) throw FIELDS.error("toTimestamp", "must be after fromTimestamp");
    MetricsQuery.Builder b = MetricsQuery.builder(projectId, view, from, to);
    MetricsParts parts = new MetricsParts(FIELDS, view);
    List<JsonNode> dimensions = FIELDS.array(q, "dimensions", "");
    for (int i = 0; i < dimensions.size(); i++) {
      b.dimension(parts.dimension(dimensions.get(i), "dimensions[" + i + "]"));
    }
    List<JsonNode> metrics = FIELDS.array(q, "metrics", "");
    if (metrics.isEmpty()) throw FIELDS.error("metrics", "at least one metric is required");
    for (int i = 0; i < metrics.size(); i++) {
      var m = parts.metric(metrics.get(i), "metrics[" + i + "]");
      b.metric(m.measure(), m.aggregation());
    }
    List<JsonNode> filters = FIELDS.array(q, "filters", "");
    for (int i = 0; i < filters.size(); i++) {
      var f = parts.filter(filters.get(i), "filters[" + i + "]");
      b.filter(f.column(), f.operator(), f.values().toArray(String[]::new));
    }
    b.granularity(granularity(q, from, to));
    List<JsonNode> orderBy = FIELDS.array(q, "orderBy", "");
    for (int i = 0; i < orderBy.size(); i++) {
      MetricOrder o = order(orderBy.get(i), "orderBy[" + i + "]", parts);
      b.orderBy(o.field(), o.direction());
    }
    b.rowLimit(rowLimit(q));
    return wire(b::build);
  }

  /**
   * The granularity {@code auto} picks for a window: up to 2 hours minute, up to 3 days hour, up to
   * 60 days day, up to 365 days week, else month.
   */
  public static Granularity autoGranularity(Instant from, Instant to) {
    Duration window = Duration.between(from, to);
    if (window.compareTo(Duration.ofHours(2)) <= 0) return Granularity.MINUTE;
    if (window.compareTo(Duration.ofDays(3)) <= 0) return Granularity.HOUR;
    if (window.compareTo(Duration.ofDays(60)) <= 0) return Granularity.DAY;
    if (window.compareTo(Duration.ofDays(365)) <= 0) return Granularity.WEEK;
    return Granularity.MONTH;
  }

  private static @Nullable Granularity granularity(ObjectNode q, Instant from, Instant to) {
    JsonNode td = FIELDS.optional(q, "timeDimension");
    if (td == null) return null;
    ObjectNode t = FIELDS.object(td, "timeDimension");
    FIELDS.onlyKeys(t, "timeDimension", Set.of("granularity"));
    String g = FIELDS.text(t, "granularity", "timeDimension");
    if (g.equals("auto")) return autoGranularity(from, to);
    return wire(() -> Granularity.fromWire(g));
  }

  private static MetricOrder order(JsonNode node, String path, MetricsParts parts) {
    ObjectNode o = FIELDS.object(node, path);
    FIELDS.onlyKeys(o, path, Set.of("field", "direction"));
    String field = FIELDS.text(o, "field", path);
    String dir = FIELDS.text(o, "direction", path);
    SortDirection direction =
        switch (dir.toLowerCase(Locale.ROOT)) {
          case "asc" -> SortDirection.ASC;
          case "desc" -> SortDirection.DESC;
          default ->
              throw FIELDS.error(path + ".direction", "expected asc or desc, got '" + dir + "'");
        };
    if (field.equals(TIME_DIMENSION) || field.equals("timeDimension")) field = MetricsRow.TIME;
    return new MetricOrder(parts.canonicalDimensionName(field), direction);
  }

  private static int rowLimit(ObjectNode q) {
    JsonNode c = FIELDS.optional(q, "config");
    if (c == null) return MetricsQuery.DEFAULT_ROWS;
    ObjectNode config = FIELDS.object(c, "config");
    FIELDS.onlyKeys(config, "config", Set.of("row_limit", "bins"));
    JsonNode bins = FIELDS.optional(config, "bins");
    if (bins != null && !bins.canConvertToInt()) {
      throw FIELDS.error("config.bins", "expected an integer, got " + JsonFields.kind(bins));
    }
    JsonNode n = FIELDS.optional(config, "row_limit");
    if (n == null) return MetricsQuery.DEFAULT_ROWS;
    if (!n.isIntegralNumber()
        || !n.canConvertToInt()
        || n.intValue() < 1
        || n.intValue() > MetricsQuery.MAX_ROWS) {
      throw FIELDS.error(
          "config.row_limit", "must be an integer 1.." + MetricsQuery.MAX_ROWS + ", got " + n);
    }
    return n.intValue();
  }

  /** Runs a storage-side check, whose message already names the path, as a parameter error. */
  static <T> T wire(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidParameterException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(PARAMETER, e.getMessage());
    }
  }
}
