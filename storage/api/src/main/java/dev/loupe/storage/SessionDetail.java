package dev.loupe.storage;

import dev.loupe.model.Trace;
import java.util.List;

/** A session with its traces in timestamp order. */
public record SessionDetail(SessionSummary session, List<Trace> traces) {
  public SessionDetail {
    traces = List.copyOf(traces);
  }
}
