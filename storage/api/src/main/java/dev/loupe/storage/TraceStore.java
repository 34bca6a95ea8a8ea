package dev.loupe.storage;

import dev.loupe.model.Observation;
import java.util.Optional;

/**
 * The read side. Every method is scoped to one project: a project never sees another's rows.
 * Searches page with a stable order (the requested order, then id).
 */
public interface TraceStore {
  /**
   * A trace with all its observations (ordered by start time, then id); empty when unknown in the
   * project.
   */
  Optional<TraceDetail> getTrace(String projectId, String traceId);

  /**
   * {@link #getTrace} for a trace's tree: the trace in full, its observations with their facts
   * (ids, parents, type, name, level, times, model, usage, cost) but without their status message,
   * model parameters, input, output, metadata and mapping notes, which a backend may leave out. A
   * 10,000-observation trace's page needs none of them, and reading them is most of its read where
   * payloads are stored apart. The default is {@link #getTrace}: a backend overrides it when
   * leaving them out is cheaper.
   */
  default Optional<TraceDetail> getTraceOutline(String projectId, String traceId) {
    return getTrace(projectId, traceId);
  }

  /** Traces matching the query, with their observation ids, total cost and latency. */
  Page<TraceSummary> searchTraces(TraceQuery query);

  /** One observation; empty when unknown in the project. */
  Optional<Observation> getObservation(String projectId, String observationId);

  /** Observations matching the query. */
  Page<Observation> searchObservations(ObservationQuery query);

  /** Sessions (traces sharing a sessionId), newest first. */
  Page<SessionSummary> searchSessions(SessionQuery query);

  /**
   * A session with its traces in timestamp order; empty when no trace of the project has that
   * sessionId.
   */
  Optional<SessionDetail> getSession(String projectId, String sessionId);
}
