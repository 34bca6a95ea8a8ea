package dev.loupe.storage;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.util.List;

/** Traces and observations to upsert together; every row carries its projectId. */
public record WriteBatch(List<Trace> traces, List<Observation> observations) {
  public WriteBatch {
    traces = List.copyOf(traces);
    observations = List.copyOf(observations);
  }

  public static WriteBatch of(List<Trace> traces, List<Observation> observations) {
    return new WriteBatch(traces, observations);
  }

  public boolean isEmpty() {
    return traces.isEmpty() && observations.isEmpty();
  }

  public int size() {
    return traces.size() + observations.size();
  }
}
