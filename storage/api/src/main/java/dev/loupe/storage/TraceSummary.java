package dev.loupe.storage;

import dev.loupe.model.Trace;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A trace in a search result, with what the list shows about its observations.
 *
 * @param totalCost sum of the observations' total costs (zero when none); like every total, it
 *     leaves out an observation whose usage is its descendants' ({@code
 *     Observation.countsInTotals()} false), which its descendants already count
 * @param latency max(end) − min(start) over the observations (an unfinished one counts by its
 *     start); null without observations
 * @param totalTokens sum of the counted observations' total tokens ({@code
 *     Observation.totalTokens()})
 * @param errorCount how many observations are at level ERROR
 * @param unpricedCount how many observations have usage but no price ({@code CostSource.NO_PRICE}):
 *     the total cost then leaves them out, and a list says so rather than show a lower figure
 */
public record TraceSummary(
    Trace trace,
    List<String> observationIds,
    BigDecimal totalCost,
    @Nullable Duration latency,
    long totalTokens,
    long errorCount,
    long unpricedCount) {
  public TraceSummary {
    observationIds = List.copyOf(observationIds);
  }
}
