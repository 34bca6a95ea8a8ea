package dev.loupe.storage;

import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.MetricOrder;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The order of a metrics answer: the query's order fields (nulls last in both directions), then the
 * time bucket ascending, then each dimension ascending (code point order, nulls last).
 */
final class InMemoryMetricsOrder {
  private static final Comparator<Object> VALUES = InMemoryMetricsOrder::compareValues;

  private InMemoryMetricsOrder() {}

  static Comparator<MetricsRow> of(MetricsQuery query) {
    Comparator<MetricsRow> order = (a, b) -> 0;
    for (MetricOrder o : query.orderBy()) {
      Comparator<Object> directed = o.direction() == SortDirection.ASC ? VALUES : VALUES.reversed();
      order = order.thenComparing(field(o.field(), query), Comparator.nullsLast(directed));
    }
    order =
        order.thenComparing(
            MetricsRow::time, Comparator.nullsLast(Comparator.<Instant>naturalOrder()));
    for (Dimension d : query.dimensions()) {
      order = order.thenComparing(field(d.wireName(), query), Comparator.nullsLast(VALUES));
    }
    return order;
  }

  /**
   * A metric alias first (aliases never clash with dimension names), then time, then dimensions.
   */
  private static Function<MetricsRow, @Nullable Object> field(String name, MetricsQuery query) {
    boolean metric = query.metrics().stream().anyMatch(m -> m.alias().equals(name));
    if (metric) return row -> row.values().get(name);
    if (MetricsRow.TIME.equals(name)) return MetricsRow::time;
    return row -> row.dimensions().get(name);
  }

  private static int compareValues(Object a, Object b) {
    if (a instanceof String x && b instanceof String y)
      return InMemoryOrder.compareCodePoints(x, y);
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y);
    if (a instanceof Instant x && b instanceof Instant y) return x.compareTo(y);
    if (a instanceof Long x && b instanceof Long y) return Long.compare(x, y);
    return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
  }
}
