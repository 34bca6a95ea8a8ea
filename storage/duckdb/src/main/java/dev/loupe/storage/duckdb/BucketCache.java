package dev.loupe.storage.duckdb;

import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rows of whole time buckets of metrics queries, as computed at a {@link ObservationDays}
 * snapshot; an entry is returned only while none of its days changed after that snapshot. Bounded
 * by rows held (least recently used first out).
 */
final class BucketCache {
  /** A query without its window: what makes two queries' buckets the same. */
  record Shape(
      String projectId,
      MetricsView view,
      List<Dimension> dimensions,
      List<Metric> metrics,
      List<MetricFilter> filters,
      Granularity granularity) {
    static Shape of(MetricsQuery q) {
      Granularity g = q.granularity();
      if (g == null) throw new IllegalArgumentException("a bucketed query has a granularity");
      return new Shape(q.projectId(), q.view(), q.dimensions(), q.metrics(), q.filters(), g);
    }
  }

  private record Key(Shape shape, Instant bucket) {}

  private record Entry(List<MetricsRow> rows, long snapshot) {}

  private final ObservationDays days;
  private final int maxRows;
  private int rows;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);

  BucketCache(ObservationDays days, int maxRows) {
    this.days = days;
    this.maxRows = maxRows;
  }

  /** The bucket's rows when cached and none of its days changed since, else null. */
  synchronized @Nullable List<MetricsRow> get(Shape shape, Instant bucket, Instant next) {
    Key k = new Key(shape, bucket);
    Entry e = entries.get(k);
    if (e == null) return null;
    if (!days.unchangedSince(shape.projectId(), firstDay(bucket), endDay(next), e.snapshot())) {
      remove(k);
      return null;
    }
    return e.rows();
  }

  synchronized void put(Shape shape, Instant bucket, List<MetricsRow> bucketRows, long snapshot) {
    if (bucketRows.size() > maxRows / 4) return;
    Key k = new Key(shape, bucket);
    remove(k);
    entries.put(k, new Entry(List.copyOf(bucketRows), snapshot));
    rows += Math.max(1, bucketRows.size());
    var it = entries.entrySet().iterator();
    while (rows > maxRows && it.hasNext()) {
      Map.Entry<Key, Entry> oldest = it.next();
      rows -= Math.max(1, oldest.getValue().rows().size());
      it.remove();
    }
  }

  synchronized int size() {
    return entries.size();
  }

  private void remove(Key k) {
    Entry old = entries.remove(k);
    if (old != null) rows -= Math.max(1, old.rows().size());
  }

  private static long firstDay(Instant bucket) {
    return ObservationDays.day(bucket);
  }

  /** The day after the last one the bucket ending at {@code next} touches. */
  private static long endDay(Instant next) {
    return ObservationDays.day(next.minusNanos(1)) + 1;
  }
}
