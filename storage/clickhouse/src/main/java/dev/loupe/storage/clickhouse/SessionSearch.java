package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.SessionDetail;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SessionSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions: a project's traces (newest versions) grouped by a non-null sessionId. {@code createdAt}
 * and {@code environment} come from the first trace by (timestamp, id); search filters on them and
 * lists newest first, then id descending.
 */
final class SessionSearch {
  private static final String GROUPED =
      "SELECT assumeNotNull(session_id) AS sid, min(timestamp) AS created,"
          + " argMin(environment, (timestamp, id)) AS env, toInt64(count()) AS traces"
          + " FROM traces FINAL WHERE project_id = {p:String} AND session_id IS NOT NULL"
          + " GROUP BY sid";

  private final Sql sql;

  SessionSearch(Sql sql) {
    this.sql = sql;
  }

  Page<SessionSummary> search(SessionQuery q) {
    Where w = new Where().param("p", q.projectId());
    if (q.environment() != null) w.and("env = {env:String}", "env", q.environment());
    if (q.fromTimestamp() != null) {
      w.and("created >= {from:Int64}", "from", TimeRange.ceilMicros(q.fromTimestamp()));
    }
    if (q.toTimestamp() != null) {
      w.and("created < {to:Int64}", "to", TimeRange.ceilMicros(q.toTimestamp()));
    }
    String filtered = "SELECT * FROM (" + GROUPED + ") WHERE " + w.sql();
    long total = sql.queryLong("SELECT toInt64(count()) FROM (" + filtered + ")", w.params());
    List<SessionSummary> items =
        total <= q.paging().offset()
            ? List.of()
            : sql.query(
                "SELECT sid, created, env, traces FROM ("
                    + filtered
                    + ")"
                    + " ORDER BY created DESC, sid DESC LIMIT {limit:UInt32} OFFSET {offset:UInt64}",
                w.paramsWith(Map.of("limit", q.paging().limit(), "offset", q.paging().offset())),
                in ->
                    new SessionSummary(
                        q.projectId(),
                        in.string(),
                        Times.fromEpochMicros(in.int64()),
                        in.string(),
                        in.int64()));
    return new Page<>(items, q.paging().page(), q.paging().limit(), total);
  }

  Optional<SessionDetail> get(String projectId, String sessionId) {
    List<Trace> traces =
        sql.query(
            "SELECT "
                + TraceRows.SELECT
                + " FROM traces FINAL"
                + " WHERE project_id = {p:String} AND session_id = {s:String} ORDER BY timestamp, id",
            Map.of("p", projectId, "s", sessionId),
            TraceRows::read);
    if (traces.isEmpty()) return Optional.empty();
    Trace first = traces.getFirst();
    return Optional.of(
        new SessionDetail(
            new SessionSummary(
                projectId, sessionId, first.timestamp(), first.environment(), traces.size()),
            traces));
  }
}
