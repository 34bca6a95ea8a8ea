package dev.loupe.storage;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A trace with all its observations, ordered by start time then id. */
public record TraceDetail(Trace trace, List<Observation> observations) {
  public TraceDetail {
    observations = List.copyOf(observations);
  }

  /**
   * Sum of the total costs of the observations that count in totals ({@code
   * Observation.countsInTotals()}: not a parent reporting its descendants' usage); zero when none
   * has a cost.
   */
  public BigDecimal totalCost() {
    return totalCost(observations);
  }

  /** Sum of the total tokens of the observations that count in totals. */
  public long totalTokens() {
    return observations.stream()
        .filter(Observation::countsInTotals)
        .mapToLong(Observation::totalTokens)
        .sum();
  }

  /** max(end, else start) − min(start) over the observations; null when there are none. */
  public @Nullable Duration latency() {
    return latency(observations);
  }

  /** Sum of the total costs of the observations that count in totals; zero when none has one. */
  public static BigDecimal totalCost(List<Observation> observations) {
    return observations.stream()
        .filter(Observation::countsInTotals)
        .map(Observation::totalCost)
        .filter(Objects::nonNull)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public static @Nullable Duration latency(List<Observation> observations) {
    Instant start = null, end = null;
    for (Observation o : observations) {
      if (start == null || o.startTime().isBefore(start)) start = o.startTime();
      Instant e = o.endTime() != null ? o.endTime() : o.startTime();
      if (end == null || e.isAfter(end)) end = e;
    }
    return start == null ? null : Duration.between(start, end);
  }
}
