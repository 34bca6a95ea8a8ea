package dev.loupe.bench;

import java.util.function.Supplier;

/** Times a call: warm-up runs off the record, then timed runs into a {@link Histogram}. */
final class QueryTimer {
  static final int WARM_UPS = 3;

  record Timing<T>(Histogram histogram, T lastResult) {
    String summary() {
      return String.format(
          "p50 %8.1f ms  p99 %8.1f ms  (%d runs)",
          histogram.percentileMillis(50), histogram.percentileMillis(99), histogram.count());
    }
  }

  private QueryTimer() {}

  static <T> Timing<T> time(int runs, Supplier<T> call) {
    for (int i = 0; i < WARM_UPS; i++) call.get();
    Histogram histogram = new Histogram();
    T last = null;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      last = call.get();
      histogram.record((System.nanoTime() - t0) / 1_000);
    }
    return new Timing<>(histogram, last);
  }
}
