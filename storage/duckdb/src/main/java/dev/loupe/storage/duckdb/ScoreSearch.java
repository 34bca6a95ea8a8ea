package dev.loupe.storage.duckdb;

import dev.loupe.storage.ScoreQuery;

/**
 * The WHERE clause of a score search over {@code scores s}, with {@code t} the scored trace's row
 * (joined when {@link ScoreQuery#byTrace()}); values are parameters.
 */
final class ScoreSearch {
  private ScoreSearch() {}

  static SqlWhere where(ScoreQuery q) {
    SqlWhere w = new SqlWhere().and("s.project_id = ?", q.projectId());
    w.eq("s.name", q.name())
        .eq("s.source", q.source() == null ? null : q.source().name())
        .eq("s.data_type", q.dataType() == null ? null : q.dataType().name())
        .eq("s.config_id", q.configId())
        .eq("s.queue_id", q.queueId())
        .eq("s.trace_id", q.traceId())
        .eq("s.session_id", q.sessionId())
        .eq("s.dataset_run_id", q.datasetRunId())
        .eq("t.user_id", q.userId())
        .range("s.timestamp", q.fromTimestamp(), q.toTimestamp());
    anyOf(w, "s.observation_id", q);
    if (!q.environments().isEmpty()) {
      w.and("list_contains(?::VARCHAR[], s.environment)", new SqlWhere.Strings(q.environments()));
    }
    if (!q.scoreIds().isEmpty()) {
      w.and("list_contains(?::VARCHAR[], s.id)", new SqlWhere.Strings(q.scoreIds()));
    }
    if (!q.traceTags().isEmpty()) {
      w.and("list_has_all(t.tags, ?::VARCHAR[])", new SqlWhere.Strings(q.traceTags()));
    }
    if (q.value() != null) {
      w.and("s.value " + q.value().operator().symbol() + " ?", q.value().threshold());
    }
    return w;
  }

  private static void anyOf(SqlWhere w, String column, ScoreQuery q) {
    if (q.observationIds().isEmpty()) return;
    w.and(
        "(" + column + " IS NOT NULL AND list_contains(?::VARCHAR[], " + column + "))",
        new SqlWhere.Strings(q.observationIds()));
  }
}
