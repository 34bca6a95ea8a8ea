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
 */
public record TraceSummary(
    Trace trace, List<String> observationIds, BigDecimal totalCost, @Nullable Duration latency) {
  public TraceSummary {
    observationIds = List.copyOf(observationIds);
  }
}
