package dev.loupe.storage.duckdb;

import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Bucketed observation metrics answered bucket by bucket: a whole bucket that has ended and was
 * computed before is taken from the {@link BucketCache} while its days are unchanged; the rest of
 * the window (its partial first and last buckets, changed or new buckets) is queried as usual, in
 * as few statements as there are gaps, and its whole ended buckets are kept for next time.
 *
 * <p>Exact by construction: a bucket's rows depend only on the observations that start inside it
 * (no trace row is read: such queries are not cached), the rows of a query ordered by bucket then
 * dimensions are the concatenation of its buckets' rows, and a bucket is reused only while no write
 * touched its days. Applies to queries without their own order (a custom order or a row limit
 * across buckets would need the whole result): the dashboards' by-day charts.
 */
final class BucketedMetrics {
  private final BucketCache cache;
  private final ObservationDays days;
  private final Clock clock;
  private final AtomicLong served = new AtomicLong();

  BucketedMetrics(ObservationDays days, Clock clock, int maxRows) {
    this.days = days;
    this.clock = clock;
    this.cache = new BucketCache(days, maxRows);
  }

  static boolean applies(MetricsQuery q) {
    return q.view() == MetricsView.OBSERVATIONS
        && q.granularity() != null
        && q.granularity() != Granularity.MINUTE
        && q.orderBy().isEmpty()
        && !MetricsSql.readsTraceRow(q);
  }

  List<MetricsRow> query(MetricsQuery q, Function<MetricsQuery, List<MetricsRow>> run) {
    Granularity g = q.granularity();
    if (g == null) throw new IllegalArgumentException("a bucketed query has a granularity");
    BucketCache.Shape shape = BucketCache.Shape.of(q);
    long snapshot = days.snapshot();
    Instant now = clock.instant();
    List<MetricsRow> out = new ArrayList<>();
    Instant answered = q.from(); // everything before it is in out
    for (Instant b = Buckets.firstStartAtOrAfter(g, q.from()); ; ) {
      Instant next = Buckets.next(g, b);
      if (next.isAfter(q.to()) || next.isAfter(now)) break;
      List<MetricsRow> hit = cache.get(shape, b, next);
      if (hit != null) {
        if (answered.isBefore(b)) out.addAll(runAndKeep(q, shape, answered, b, snapshot, now, run));
        out.addAll(hit);
        served.incrementAndGet();
        answered = next;
      }
      b = next;
    }
    if (answered.isBefore(q.to())) {
      out.addAll(runAndKeep(q, shape, answered, q.to(), snapshot, now, run));
    }
    return out.size() > q.rowLimit() ? List.copyOf(out.subList(0, q.rowLimit())) : out;
  }

  /** Buckets answered from the cache so far (for tests and metrics). */
  long servedBuckets() {
    return served.get();
  }

  private List<MetricsRow> runAndKeep(
      MetricsQuery q,
      BucketCache.Shape shape,
      Instant from,
      Instant to,
      long snapshot,
      Instant now,
      Function<MetricsQuery, List<MetricsRow>> run) {
    List<MetricsRow> rows = run.apply(window(q, from, to));
    if (rows.size() >= q.rowLimit()) return rows; // maybe cut: its buckets may be incomplete
    Granularity g = shape.granularity();
    int i = 0;
    for (Instant b = Buckets.firstStartAtOrAfter(g, from); ; ) {
      Instant next = Buckets.next(g, b);
      if (next.isAfter(to) || next.isAfter(now)) break;
      while (i < rows.size() && before(rows.get(i), b)) i++;
      int start = i;
      while (i < rows.size() && b.equals(rows.get(i).time())) i++;
      cache.put(shape, b, rows.subList(start, i), snapshot);
      b = next;
    }
    return rows;
  }

  private static boolean before(MetricsRow r, Instant bucket) {
    Instant t = r.time();
    return t != null && t.isBefore(bucket);
  }

  private static MetricsQuery window(MetricsQuery q, Instant from, Instant to) {
    return from.equals(q.from()) && to.equals(q.to()) ? q : q.withWindow(from, to);
  }
}
