package dev.loupe.query;

import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every row of a query grouped by day, however many: a window whose answer reaches the row limit is
 * split at a UTC day boundary and each half asked again, so no day's rows are cut.
 */
final class AllRows {
  private final AnalyticsStore store;
  private final int rowLimit;

  AllRows(AnalyticsStore store, int rowLimit) {
    this.store = store;
    this.rowLimit = rowLimit;
  }

  /** The rows of {@code q} (which must group by day), in the store's order within each half. */
  List<MetricsRow> all(MetricsQuery q) {
    List<MetricsRow> rows = store.query(withWindow(q, q.from(), q.to()));
    if (rows.size() < rowLimit) return rows;
    Instant mid = midnightBetween(q.from(), q.to());
    if (mid == null) {
      throw new IllegalStateException(
          "more than "
              + (rowLimit - 1)
              + " rows for one day from "
              + q.from()
              + "; cannot page further");
    }
    List<MetricsRow> all = new ArrayList<>(all(withWindow(q, q.from(), mid)));
    all.addAll(all(withWindow(q, mid, q.to())));
    return all;
  }

  private MetricsQuery withWindow(MetricsQuery q, Instant from, Instant to) {
    return q.withWindow(from, to).withRowLimit(rowLimit);
  }

  /** A UTC midnight strictly inside (from, to), near the middle; null when there is none. */
  private static @Nullable Instant midnightBetween(Instant from, Instant to) {
    Instant middle = from.plus(Duration.between(from, to).dividedBy(2));
    Instant mid = middle.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    if (!mid.isAfter(from)) mid = mid.plus(Duration.ofDays(1));
    return mid.isBefore(to) ? mid : null;
  }
}
