package dev.loupe.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples in microseconds; thread-safe; exact percentiles (nearest rank). */
final class Histogram {
  private final List<Long> samples = new ArrayList<>();

  synchronized void record(long micros) {
    samples.add(micros);
  }

  synchronized int count() {
    return samples.size();
  }

  synchronized double percentileMillis(double p) {
    if (samples.isEmpty()) return Double.NaN;
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1000.0;
  }
}
