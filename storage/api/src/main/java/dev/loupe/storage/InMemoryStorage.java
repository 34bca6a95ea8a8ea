package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The reference backend and executable spec: every other backend must give the same answers.
 * Thread-safe; data lives as long as the object.
 *
 * <p>Rules every backend follows (the shared suite in {@code loupe-storage-tests} checks them):
 *
 * <ul>
 *   <li>Writes upsert by (projectId, id) in arrival order: the stored row is {@code
 *       stored.mergedWith(newer)} ({@code Trace.mergedWith}, {@code Observation.mergedWith}); a
 *       merged observation then passes through the write side's {@link MergeHook}. A batch is all
 *       or nothing, its log positions included; the last position written for a (log, partition) is
 *       the one recorded.
 *   <li>A trace is visible (getTrace, searchTraces, sessions) once a trace row exists for it;
 *       ingest always writes at least a shallow one. Observations are visible on their own
 *       (getObservation, searchObservations) and join their trace whenever its row arrives; an
 *       observation belongs to the trace its merged row names.
 *   <li>Text sorts by Unicode code point (UTF-8 byte order, as SQL engines compare by default);
 *       nulls sort last in both directions; ties break on id in the same direction.
 *   <li>Sessions: traces sharing a non-null sessionId. {@code createdAt} and {@code environment}
 *       come from the first trace (by timestamp, then id); search filters on those and sorts by
 *       createdAt descending, then id descending; a session's traces are listed by timestamp, then
 *       id.
 *   <li>A summary's observation ids are in trace order (start time, then id).
 *   <li>Metrics: several filters must all hold. A trace record's measures cover all its
 *       observations (whatever their start time). Observation-view {@code name}, {@code
 *       environment}, {@code release} and {@code version} are the observation's own. {@code uniq}
 *       counts like {@code count}: 0 over no values, costs by value (0.10 = 0.1). Model prices of a
 *       project list by {@code createdAt} descending (none last), then id.
 *   <li>Scores: a score replaces one of the same (projectId, id) and keeps the earlier {@code
 *       createdAt}; lists go newest timestamp first, then id descending; a score's trace facts come
 *       from the trace row its {@code traceId} names. Score configs list newest {@code createdAt}
 *       first, then id descending.
 *   <li>Alerts: rules and channels list by name, then id; history and deliveries newest first, then
 *       id descending. Deleting a rule deletes its status, history and deliveries.
 *   <li>Evaluation: configs replace by (projectId, kind, id) and list newest {@code createdAt}
 *       first, then id descending; jobs replace by (projectId, ruleId, targetId); due jobs go
 *       earliest {@code nextAttemptAt} first, then target id; latest jobs newest {@code updatedAt}
 *       first, then target id descending.
 * </ul>
 */
public final class InMemoryStorage implements Storage {
  private final InMemoryTables tables = new InMemoryTables();
  private final TraceStore traceStore = new InMemoryTraceStore(tables);
  private final ProjectStore projectStore = new InMemoryProjectStore();
  private final AnalyticsStore analyticsStore = new InMemoryAnalyticsStore(tables);
  private final ModelPriceStore modelPriceStore = new InMemoryModelPriceStore();
  private final ScoreStore scoreStore = new InMemoryScoreStore(tables);
  private final ScoreConfigStore scoreConfigStore = new InMemoryScoreConfigStore();
  private final InMemoryAlertStore alertStore = new InMemoryAlertStore();
  private final InMemoryEvaluationStore evaluationStore = new InMemoryEvaluationStore();

  @Override
  public ObservationConsumer observationConsumer(MergeHook onMerge) {
    requireNonNull(onMerge, "onMerge");
    return batch -> tables.write(batch, onMerge);
  }

  @Override
  public TraceStore traceStore() {
    return traceStore;
  }

  @Override
  public ProjectStore projectStore() {
    return projectStore;
  }

  @Override
  public AnalyticsStore analyticsStore() {
    return analyticsStore;
  }

  @Override
  public ModelPriceStore modelPriceStore() {
    return modelPriceStore;
  }

  @Override
  public List<LogPosition> logPositions(String log) {
    return tables.positions(requireNonNull(log, "log"));
  }

  @Override
  public ScoreStore scoreStore() {
    return scoreStore;
  }

  @Override
  public ScoreConfigStore scoreConfigStore() {
    return scoreConfigStore;
  }

  @Override
  public AlertStore alertStore() {
    return alertStore;
  }

  @Override
  public EvaluationStore evaluationStore() {
    return evaluationStore;
  }

  /**
   * Drops all traces, observations, scores and log positions (projects, keys, prices and configs
   * stay).
   */
  public void clear() {
    tables.clear();
  }

  /** Nothing to release: data lives as long as this object. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "InMemoryStorage{}";
  }
}
