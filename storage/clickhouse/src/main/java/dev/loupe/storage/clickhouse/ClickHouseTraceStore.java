package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Page;
import dev.loupe.storage.SessionDetail;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SessionSummary;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.TraceSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads of traces, observations and sessions, always within one project and always of the newest
 * live versions (FINAL): what background merges have or have not done never shows.
 */
final class ClickHouseTraceStore implements TraceStore {
  private final Sql sql;
  private final TraceSearch traceSearch;
  private final SessionSearch sessions;

  ClickHouseTraceStore(Sql sql) {
    this.sql = sql;
    this.traceSearch = new TraceSearch(sql, new Summaries(sql));
    this.sessions = new SessionSearch(sql);
  }

  @Override
  public Optional<TraceDetail> getTrace(String projectId, String traceId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(traceId, "traceId");
    var read =
        Both.of(
            () -> traces(sql, projectId, List.of(traceId)),
            () ->
                sql.query(
                    "SELECT "
                        + ObservationRows.SELECT
                        + " FROM observations FINAL"
                        + " WHERE project_id = {p:String} AND trace_id = {t:String}"
                        + " ORDER BY start_time, id",
                    Map.of("p", projectId, "t", traceId),
                    ObservationRows::read));
    if (read.first().isEmpty()) return Optional.empty();
    return Optional.of(new TraceDetail(read.first().getFirst(), read.second()));
  }

  @Override
  public Page<TraceSummary> searchTraces(TraceQuery query) {
    return traceSearch.search(requireNonNull(query, "query"));
  }

  @Override
  public Optional<Observation> getObservation(String projectId, String observationId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(observationId, "observationId");
    return observations(sql, projectId, List.of(observationId)).stream().findFirst();
  }

  @Override
  public Page<Observation> searchObservations(ObservationQuery q) {
    requireNonNull(q, "query");
    Where w = ObservationFilters.of(q);
    String order = ObservationFilters.order(q);
    Page<String> ids;
    if (q.fullText() == null) {
      long total =
          sql.queryLong(
              "SELECT toInt64(count()) FROM observations AS o FINAL WHERE " + w.sql(), w.params());
      List<String> page =
          total <= q.paging().offset()
              ? List.of()
              : sql.query(
                  "SELECT o.id FROM observations AS o FINAL WHERE "
                      + w.sql()
                      + " ORDER BY "
                      + order
                      + " LIMIT {limit:UInt32} OFFSET {offset:UInt64}",
                  w.paramsWith(Map.of("limit", q.paging().limit(), "offset", q.paging().offset())),
                  RowBinaryIn::string);
      ids = new Page<>(page, q.paging().page(), q.paging().limit(), total);
    } else {
      ids =
          Candidates.page(
              sql.query(
                  "SELECT o.id, o.name, o.input, o.output FROM observations AS o FINAL WHERE "
                      + w.sql()
                      + " ORDER BY "
                      + order,
                  w.params(),
                  Candidates::read),
              q.fullText(),
              q.paging());
    }
    return new Page<>(
        observations(sql, q.projectId(), ids.items()), ids.page(), ids.limit(), ids.totalItems());
  }

  @Override
  public Page<SessionSummary> searchSessions(SessionQuery query) {
    return sessions.search(requireNonNull(query, "query"));
  }

  @Override
  public Optional<SessionDetail> getSession(String projectId, String sessionId) {
    return sessions.get(
        requireNonNull(projectId, "projectId"), requireNonNull(sessionId, "sessionId"));
  }

  /** The project's traces of these ids, in the ids' order (unknown ids left out). */
  static List<Trace> traces(Sql sql, String projectId, List<String> ids) {
    if (ids.isEmpty()) return List.of();
    Map<String, Trace> byId = new HashMap<>();
    for (Trace t :
        sql.query(
            "SELECT "
                + TraceRows.SELECT
                + " FROM traces FINAL"
                + " WHERE project_id = {p:String} AND id IN {ids:Array(String)}",
            Map.of("p", projectId, "ids", ids),
            TraceRows::read)) {
      byId.put(t.id(), t);
    }
    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
  }

  /** The project's observations of these ids, in the ids' order (unknown ids left out). */
  static List<Observation> observations(Sql sql, String projectId, List<String> ids) {
    if (ids.isEmpty()) return List.of();
    Map<String, Observation> byId = new HashMap<>();
    for (Observation o :
        sql.query(
            "SELECT "
                + ObservationRows.SELECT
                + " FROM observations FINAL"
                + " WHERE project_id = {p:String} AND id IN {ids:Array(String)}",
            Map.of("p", projectId, "ids", ids),
            ObservationRows::read)) {
      byId.put(o.id(), o);
    }
    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
  }
}
