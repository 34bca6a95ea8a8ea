package dev.loupe.storage.analytics;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A validated metrics query over one project (see the package doc for what every part means).
 *
 * @param granularity time bucket width; null for no time grouping
 * @param rowLimit 1..{@value #MAX_ROWS}
 */
public record MetricsQuery(
    String projectId,
    MetricsView view,
    List<Dimension> dimensions,
    List<Metric> metrics,
    List<MetricFilter> filters,
    @Nullable Granularity granularity,
    Instant from,
    Instant to,
    List<MetricOrder> orderBy,
    int rowLimit) {

  public static final int MAX_ROWS = 10_000;
  public static final int DEFAULT_ROWS = 1_000;

  public MetricsQuery {
    requireNonNull(projectId, "projectId");
    requireNonNull(view, "view");
    dimensions = List.copyOf(requireNonNull(dimensions, "dimensions"));
    metrics = List.copyOf(requireNonNull(metrics, "metrics"));
    filters = List.copyOf(requireNonNull(filters, "filters"));
    requireNonNull(from, "fromTimestamp");
    requireNonNull(to, "toTimestamp");
    orderBy = List.copyOf(requireNonNull(orderBy, "orderBy"));
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("fromTimestamp must be before toTimestamp");
    }
    if (metrics.isEmpty()) throw new IllegalArgumentException("metrics: at least one is needed");
    if (rowLimit < 1 || rowLimit > MAX_ROWS) {
      throw new IllegalArgumentException("config.row_limit must be 1.." + MAX_ROWS);
    }
    Set<Dimension> seen = new HashSet<>();
    for (Dimension d : dimensions) {
      if (!d.supports(view) || !d.groupable()) {
        throw new IllegalArgumentException(
            "dimensions: " + d.wireName() + " cannot group view " + view.wireName());
      }
      if (!seen.add(d))
        throw new IllegalArgumentException("dimensions: " + d.wireName() + " twice");
    }
    Set<String> aliases = new HashSet<>();
    for (Metric m : metrics) {
      if (!m.measure().supports(view)) {
        throw new IllegalArgumentException(
            "metrics: measure " + m.measure().wireName() + " is not in view " + view.wireName());
      }
      if (!aliases.add(m.alias()))
        throw new IllegalArgumentException("metrics: " + m.alias() + " twice");
    }
    for (MetricFilter f : filters) {
      if (!f.column().supports(view)) {
        throw new IllegalArgumentException(
            "filters: column " + f.column().wireName() + " is not in view " + view.wireName());
      }
    }
    for (MetricOrder o : orderBy) {
      boolean known =
          aliases.contains(o.field())
              || (MetricsRow.TIME.equals(o.field()) && granularity != null)
              || dimensions.stream().anyMatch(d -> d.wireName().equals(o.field()));
      if (!known) {
        throw new IllegalArgumentException(
            "orderBy: '" + o.field() + "' is neither a dimension, the time dimension nor a metric");
      }
    }
  }

  /** The same query over another window. */
  public MetricsQuery withWindow(Instant from, Instant to) {
    return new MetricsQuery(
        projectId, view, dimensions, metrics, filters, granularity, from, to, orderBy, rowLimit);
  }

  /** The same query with another row limit. */
  public MetricsQuery withRowLimit(int rowLimit) {
    return new MetricsQuery(
        projectId, view, dimensions, metrics, filters, granularity, from, to, orderBy, rowLimit);
  }

  public static Builder builder(String projectId, MetricsView view, Instant from, Instant to) {
    return new Builder(projectId, view, from, to);
  }

  /**
   * Builder named after the fields; no dimensions, filters or order; {@value #DEFAULT_ROWS} rows.
   */
  public static final class Builder {
    private final String projectId;
    private final MetricsView view;
    private final Instant from, to;
    private final List<Dimension> dimensions = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final List<MetricFilter> filters = new ArrayList<>();
    private final List<MetricOrder> orderBy = new ArrayList<>();
    private @Nullable Granularity granularity;
    private int rowLimit = DEFAULT_ROWS;

    Builder(String projectId, MetricsView view, Instant from, Instant to) {
      this.projectId = projectId;
      this.view = view;
      this.from = from;
      this.to = to;
    }

    public Builder dimension(Dimension d) {
      dimensions.add(d);
      return this;
    }

    public Builder metric(Measure measure, Aggregation aggregation) {
      metrics.add(new Metric(measure, aggregation));
      return this;
    }

    public Builder filter(Dimension column, FilterOperator operator, String... values) {
      filters.add(new MetricFilter(column, operator, List.of(values)));
      return this;
    }

    public Builder granularity(@Nullable Granularity g) {
      granularity = g;
      return this;
    }

    public Builder orderBy(String field, dev.loupe.storage.SortDirection direction) {
      orderBy.add(new MetricOrder(field, direction));
      return this;
    }

    public Builder rowLimit(int n) {
      rowLimit = n;
      return this;
    }

    public MetricsQuery build() {
      return new MetricsQuery(
          projectId, view, dimensions, metrics, filters, granularity, from, to, orderBy, rowLimit);
    }
  }
}
