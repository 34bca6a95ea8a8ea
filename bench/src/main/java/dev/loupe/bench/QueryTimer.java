package dev.loupe.bench;

import java.util.function.Supplier;

/** Times a call: warm-up runs off the record, then timed runs into a {@link Histogram}. */
final class QueryTimer {
  static final int WARM_UPS = 3;

  /**
   * The timed runs, and the very first call's time on its own: a store that keeps answers (whole
   * past buckets of metrics) is fast from the second call on, and the first shows what it costs.
   */
  record Timing<T>(Histogram histogram, T lastResult, double firstMillis) {
    String summary() {
      return String.format(
          "p50 %8.1f ms  p99 %8.1f ms  (%d runs; first call %.1f ms)",
          histogram.percentileMillis(50),
          histogram.percentileMillis(99),
          histogram.count(),
          firstMillis);
    }
  }

  private QueryTimer() {}

  static <T> Timing<T> time(int runs, Supplier<T> call) {
    long first = System.nanoTime();
    call.get();
    double firstMillis = (System.nanoTime() - first) / 1e6;
    for (int i = 1; i < WARM_UPS; i++) call.get();
    Histogram histogram = new Histogram();
    T last = null;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      last = call.get();
      histogram.record((System.nanoTime() - t0) / 1_000);
    }
    return new Timing<>(histogram, last, firstMillis);
  }
}
