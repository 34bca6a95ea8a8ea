package dev.loupe.server.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** What the meter groups share: histogram buckets, label spelling, snapshots read once a scrape. */
final class Meters {
  /** Latency buckets (upper bounds) for request, append and apply histograms: 1 ms to 30 s. */
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30)
  };

  /** Size buckets (upper bounds) for apply batches, in records or rows. */
  static final double[] BATCH_BUCKETS = {1, 10, 100, 1_000, 10_000, 100_000};

  private Meters() {}

  /** An enum constant as a label value: {@code OTLP_HTTP} is {@code otlp_http}. */
  static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /**
   * A value read at most once per {@code maxAge}: the gauges of one scrape read one snapshot (one
   * call of the source), not one each.
   */
  static final class Snapshot<T> implements Supplier<T> {
    private final Supplier<T> source;
    private final long maxAgeNanos;
    private @Nullable T value;
    private long readAt;

    Snapshot(Supplier<T> source, Duration maxAge) {
      this.source = source;
      this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public synchronized T get() {
      long now = System.nanoTime();
      if (value == null || now - readAt > maxAgeNanos) {
        value = source.get();
        readAt = now;
      }
      return value;
    }
  }
}
