package dev.loupe.storage.duckdb;

import dev.loupe.storage.ObservationQuery;

/** SQL of an observation search: filters on the {@code observations} table (alias {@code o}). */
final class ObservationSearch {
  /** Newest first, then id descending. */
  static final String ORDER_BY = " ORDER BY o.start_time DESC, o.id DESC";

  private ObservationSearch() {}

  static SqlWhere where(ObservationQuery q) {
    SqlWhere w =
        new SqlWhere()
            .and("o.project_id = ?", q.projectId())
            .eq("o.type", q.type() == null ? null : q.type().name())
            .eq("o.name", q.name())
            .eq("o.level", q.level() == null ? null : q.level().name())
            .eq("o.parent_observation_id", q.parentObservationId())
            .eq("o.environment", q.environment())
            .eq("o.version", q.version())
            .eq("o.model", q.model())
            .range("o.start_time", q.fromStartTime(), q.toStartTime());
    if (q.traceId() != null) {
      w.and(
          "o.trace_key = ? AND o.trace_id = ?",
          RowKeys.of(q.projectId(), q.traceId()),
          q.traceId());
    }
    if (q.userId() != null) {
      w.and(
          "o.trace_id IN (SELECT id FROM traces WHERE project_id = ? AND user_id = ?)",
          q.projectId(),
          q.userId());
    }
    return w;
  }
}
