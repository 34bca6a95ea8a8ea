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
   * A value read once per scrape: the gauges of one scrape read one snapshot (one call of the
   * source), not one each, and never an earlier scrape's. {@link ServerMetrics#scrape()} expires
   * every snapshot before it scrapes.
   */
  static final class Snapshot<T> implements Supplier<T> {
    private final Supplier<T> source;
    private @Nullable T value;

    Snapshot(Supplier<T> source) {
      this.source = source;
    }

    @Override
    public synchronized T get() {
      T v = value;
      if (v == null) {
        v = source.get();
        value = v;
      }
      return v;
    }

    /** The next {@link #get()} reads the source anew. */
    synchronized void expire() {
      value = null;
    }
  }
}
