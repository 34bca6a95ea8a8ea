package dev.loupe.storage;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.util.List;

/**
 * Traces and observations to upsert together; every row carries its projectId. An applier adds the
 * log positions the batch brings the store to ({@link #withPositions}); the store records them in
 * the same transaction as the rows.
 */
public record WriteBatch(
    List<Trace> traces, List<Observation> observations, List<LogPosition> positions) {
  public WriteBatch {
    traces = List.copyOf(traces);
    observations = List.copyOf(observations);
    positions = List.copyOf(positions);
  }

  public WriteBatch(List<Trace> traces, List<Observation> observations) {
    this(traces, observations, List.of());
  }

  public static WriteBatch of(List<Trace> traces, List<Observation> observations) {
    return new WriteBatch(traces, observations);
  }

  /**
   * This batch, recording {@code positions} when stored: all or nothing with its rows, later
   * positions of the same (log, partition) replacing earlier ones, in arrival order.
   */
  public WriteBatch withPositions(List<LogPosition> positions) {
    return new WriteBatch(traces, observations, positions);
  }

  /** Nothing to store: no rows and no positions. */
  public boolean isEmpty() {
    return traces.isEmpty() && observations.isEmpty() && positions.isEmpty();
  }

  /** Rows in the batch (traces and observations). */
  public int size() {
    return traces.size() + observations.size();
  }
}
