package dev.loupe.storage;

import dev.loupe.model.Trace;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A trace in a search result, with what the list shows about its observations.
 *
 * @param totalCost sum of the observations' total costs (zero when none)
 * @param latency max(end) − min(start) over the observations (an unfinished one counts by its
 *     start); null without observations
 * @param totalTokens sum of the observations' total tokens ({@code Observation.totalTokens()})
 * @param errorCount how many observations are at level ERROR
 */
public record TraceSummary(
    Trace trace,
    List<String> observationIds,
    BigDecimal totalCost,
    @Nullable Duration latency,
    long totalTokens,
    long errorCount) {
  public TraceSummary {
    observationIds = List.copyOf(observationIds);
  }
}
