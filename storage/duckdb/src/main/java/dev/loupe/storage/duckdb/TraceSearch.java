package dev.loupe.storage.duckdb;

import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceQuery;

/**
 * SQL of a trace search: filters on the {@code traces} table (alias {@code t}) and the stable
 * order.
 */
final class TraceSearch {
  private TraceSearch() {}

  static SqlWhere where(TraceQuery q) {
    SqlWhere w =
        new SqlWhere()
            .and("t.project_id = ?", q.projectId())
            .eq("t.user_id", q.userId())
            .eq("t.name", q.name())
            .eq("t.session_id", q.sessionId())
            .eq("t.version", q.version())
            .eq("t.release", q.release())
            .range("t.timestamp", q.fromTimestamp(), q.toTimestamp());
    if (!q.tags().isEmpty())
      w.and("list_has_all(t.tags, ?::VARCHAR[])", new SqlWhere.Strings(q.tags()));
    if (!q.environments().isEmpty()) {
      w.and("t.environment = ANY(?::VARCHAR[])", new SqlWhere.Strings(q.environments()));
    }
    return w;
  }

  /** The requested column with nulls last, then id, both in the requested direction. */
  static String orderBy(TraceQuery q) {
    String dir = q.direction() == SortDirection.ASC ? "ASC" : "DESC";
    String column =
        switch (q.orderBy()) {
          case TIMESTAMP -> "t.timestamp";
          case NAME -> "t.name";
          case USER_ID -> "t.user_id";
          case SESSION_ID -> "t.session_id";
          case RELEASE -> "t.release";
          case VERSION -> "t.version";
          case ID -> null;
        };
    String byId = "t.id " + dir;
    return " ORDER BY " + (column == null ? byId : column + " " + dir + " NULLS LAST, " + byId);
  }
}
