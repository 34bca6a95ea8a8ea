package dev.loupe.storage;

import java.util.List;

/**
 * A storage backend: the write side, the read side and health. Components are lazy with regard to
 * I/O; {@link #check()} reports health as data and never throws. Methods block; callers run them on
 * virtual threads.
 *
 * <pre>{@code
 * try (Storage storage = DuckDbStorage.open(dir)) {
 *   storage.observationConsumer().accept(WriteBatch.of(traces, observations)); // durable on return
 *   Optional<TraceDetail> t = storage.traceStore().getTrace("proj", traceId);
 * }
 * }</pre>
 */
public interface Storage extends AutoCloseable {
  /**
   * Writes batches; upserts and merges by (projectId, id) and stores merged rows as they are:
   * {@code observationConsumer(MergeHook.NONE)}.
   */
  default ObservationConsumer observationConsumer() {
    return observationConsumer(MergeHook.NONE);
  }

  /**
   * Writes batches like {@link #observationConsumer()}, passing each observation that merges into
   * an earlier version through {@code onMerge} before it is stored (see {@link MergeHook}). Write
   * sides with different hooks may be used side by side; each batch's merges get its own side's
   * hook.
   */
  ObservationConsumer observationConsumer(MergeHook onMerge);

  /** Reads traces, observations and sessions, always within one project. */
  TraceStore traceStore();

  /** Projects and their API keys. */
  ProjectStore projectStore();

  /**
   * Grouped counts, tokens, cost, latency percentiles and errors over one project's data. Not
   * abstract as added later: a backend without analytics throws {@link
   * UnsupportedOperationException}.
   */
  default AnalyticsStore analyticsStore() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no analytics");
  }

  /**
   * Projects' custom model prices. Not abstract as added later: a backend without custom prices
   * throws {@link UnsupportedOperationException}.
   */
  default ModelPriceStore modelPriceStore() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no price store");
  }

  /**
   * The positions recorded for {@code log} with the write batches that carried them ({@link
   * WriteBatch#withPositions}), one per partition, by partition; empty when none was recorded. An
   * applier reads them at start and resumes there. Not abstract as added later: a backend that
   * records no positions throws {@link UnsupportedOperationException}.
   */
  default List<LogPosition> logPositions(String log) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " records no positions");
  }

  /**
   * Scores of traces, observations, sessions and dataset runs. Not abstract as added later: a
   * backend without scores throws {@link UnsupportedOperationException}.
   */
  default ScoreStore scoreStore() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no score store");
  }

  /**
   * Score configs. Not abstract as added later: a backend without them throws {@link
   * UnsupportedOperationException}.
   */
  default ScoreConfigStore scoreConfigStore() {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " has no score config store");
  }

  /**
   * Alert rules, channels, their statuses, history and delivery log. Not abstract as added later: a
   * backend without alerts throws {@link UnsupportedOperationException}.
   */
  default AlertStore alertStore() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no alert store");
  }

  /**
   * Evaluation setup, jobs and watermarks. Not abstract as added later: a backend without them
   * throws {@link UnsupportedOperationException}.
   */
  default EvaluationStore evaluationStore() {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " has no evaluation store");
  }

  /** Health as data: {@link CheckResult#OK} or the failure; never throws. */
  default CheckResult check() {
    return CheckResult.OK;
  }

  /** Releases resources; pending acknowledged writes are already durable. */
  @Override
  void close();
}
