package dev.loupe.storage.duckdb;

import dev.loupe.storage.SessionQuery;

/**
 * SQL of a session search. A session is the traces of a project sharing a non-null sessionId; its
 * createdAt and environment come from its first trace by (timestamp, id).
 */
final class SessionSearch {
  /** Sessions of project {@code ?} as (id, created_at, environment, trace_count). */
  static final String SESSIONS =
      "WITH s AS (SELECT session_id AS id, min(timestamp) AS created_at,"
          + " first(environment ORDER BY timestamp, id) AS environment, count(*) AS trace_count"
          + " FROM traces WHERE project_id = ? AND session_id IS NOT NULL GROUP BY session_id) ";

  static final String ORDER_BY = " ORDER BY s.created_at DESC, s.id DESC";

  private SessionSearch() {}

  static SqlWhere where(SessionQuery q) {
    return new SqlWhere()
        .and("TRUE")
        .eq("s.environment", q.environment())
        .range("s.created_at", q.fromTimestamp(), q.toTimestamp());
  }
}
