package dev.loupe.ingest;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.util.List;

/**
 * What one ingest request produced: traces (full, updates or shallow, in wire order, to be merged
 * by storage), observations, and the items rejected with the reason (which field, why). Good items
 * are never dropped because of bad ones.
 */
public record IngestResult(
    List<Trace> traces, List<Observation> observations, List<Rejection> rejected) {
  public IngestResult {
    traces = List.copyOf(traces);
    observations = List.copyOf(observations);
    rejected = List.copyOf(rejected);
  }

  /** A rejected span or event: its id when known (else its position) and why. */
  public record Rejection(String item, String reason) {}
}
