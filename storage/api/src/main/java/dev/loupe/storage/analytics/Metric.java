package dev.loupe.storage.analytics;

import static java.util.Objects.requireNonNull;

/** A measure and how to aggregate it; its value is named {@link #alias()}. */
public record Metric(Measure measure, Aggregation aggregation) {
  public Metric {
    requireNonNull(measure, "measure");
    requireNonNull(aggregation, "aggregation");
    if (!aggregation.appliesTo(measure)) {
      throw new IllegalArgumentException(
          "metrics: aggregation "
              + aggregation.wireName()
              + " does not apply to measure "
              + measure.wireName()
              + " (use "
              + Aggregation.allowedFor(measure)
              + ")");
    }
  }

  /** {@code <aggregation>_<measure>}, e.g. {@code p95_latency}, {@code sum_totalCost}. */
  public String alias() {
    return aggregation.wireName() + "_" + measure.wireName();
  }
}
