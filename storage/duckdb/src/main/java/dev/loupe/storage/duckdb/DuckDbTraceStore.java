package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.SessionDetail;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SessionSummary;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.TraceSummary;
import dev.loupe.model.Times;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads on the read pool; every query filters on the project. */
final class DuckDbTraceStore implements TraceStore {
  private static final String TRACE = "SELECT " + TraceRows.COLUMNS + ", " + TraceRows.PAYLOAD_COLUMNS
      + " FROM traces t LEFT JOIN (SELECT * FROM trace_payloads WHERE seq = ANY(?::BIGINT[]) AND key = ?) p"
      + " ON p.seq = t.seq AND p.key = t.key AND p.project_id = t.project_id AND p.id = t.id"
      + " WHERE t.seq = ANY(?::BIGINT[]) AND t.key = ? AND t.project_id = ? AND t.id = ?";
  private static final String OBSERVATIONS_OF_TRACE = "SELECT " + ObservationRows.COLUMNS + ", "
      + ObservationRows.PAYLOAD_COLUMNS + " FROM observations o LEFT JOIN (SELECT * FROM observation_payloads"
      + " WHERE seq = ANY(?::BIGINT[]) AND trace_key = ?) p"
      + " ON p.seq = o.seq AND p.key = o.key AND p.project_id = o.project_id AND p.id = o.id"
      + " WHERE o.seq = ANY(?::BIGINT[]) AND o.trace_key = ? AND o.project_id = ? AND o.trace_id = ?"
      + " ORDER BY o.start_time, o.id";
  private static final String OBSERVATION = "SELECT " + ObservationRows.COLUMNS
      + " FROM observations o WHERE o.key = ? AND o.project_id = ? AND o.id = ?";

  private final ReadPool pool;

  DuckDbTraceStore(ReadPool pool) {
    this.pool = pool;
  }

  @Override
  public Optional<TraceDetail> getTrace(String projectId, String traceId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(traceId, "traceId");
    return pool.read("getTrace", s -> {
      long key = RowKeys.of(projectId, traceId);
      List<Long> seqs = TraceWrites.seqs(s, key);
      if (seqs.isEmpty()) return Optional.empty();
      PreparedStatement ps = s.statement(TRACE);
      ps.setArray(1, s.longs(seqs));
      ps.setLong(2, key);
      ps.setArray(3, s.longs(seqs));
      ps.setLong(4, key);
      ps.setString(5, projectId);
      ps.setString(6, traceId);
      Trace trace;
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        trace = TraceRows.decode(rs, 1, 1 + TraceRows.COLUMN_COUNT);
      }
      ps = s.statement(OBSERVATIONS_OF_TRACE);
      ps.setArray(1, s.longs(seqs));
      ps.setLong(2, key);
      ps.setArray(3, s.longs(seqs));
      ps.setLong(4, key);
      ps.setString(5, projectId);
      ps.setString(6, traceId);
      List<Observation> observations = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) observations.add(ObservationRows.decode(rs, 1, 1 + ObservationRows.COLUMN_COUNT));
      }
      return Optional.of(new TraceDetail(trace, observations));
    });
  }

  @Override
  public Page<TraceSummary> searchTraces(TraceQuery q) {
    SqlWhere where = TraceSearch.where(q);
    return pool.read("searchTraces", s -> {
      long total = count(s, "SELECT count(*) FROM traces t" + where.sql(), where);
      List<Paged<Trace>> rows = new ArrayList<>();
      PreparedStatement ps = s.statement("SELECT " + TraceRows.COLUMNS + " FROM traces t" + where.sql()
          + TraceSearch.orderBy(q) + " LIMIT ? OFFSET ?");
      bindPage(ps, where.bind(s, ps, 1), q.paging());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rows.add(new Paged<>(TraceRows.decode(rs, 1), rs.getLong(1), rs.getLong(2)));
      }
      List<Trace> traces = Payloads.traces(s, rows);
      return new Page<>(Summaries.of(s, traces), q.paging().page(), q.paging().limit(), total);
    });
  }

  @Override
  public Optional<Observation> getObservation(String projectId, String observationId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(observationId, "observationId");
    return pool.read("getObservation", s -> {
      PreparedStatement ps = s.statement(OBSERVATION);
      ps.setLong(1, RowKeys.of(projectId, observationId));
      ps.setString(2, projectId);
      ps.setString(3, observationId);
      List<Paged<Observation>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rows.add(new Paged<>(ObservationRows.decode(rs, 1), rs.getLong(1), rs.getLong(2)));
      }
      return Payloads.observations(s, rows).stream().findFirst();
    });
  }

  @Override
  public Page<Observation> searchObservations(ObservationQuery q) {
    SqlWhere where = ObservationSearch.where(q);
    return pool.read("searchObservations", s -> {
      long total = count(s, "SELECT count(*) FROM observations o" + where.sql(), where);
      List<Paged<Observation>> rows = new ArrayList<>();
      PreparedStatement ps = s.statement("SELECT " + ObservationRows.COLUMNS + " FROM observations o"
          + where.sql() + ObservationSearch.ORDER_BY + " LIMIT ? OFFSET ?");
      bindPage(ps, where.bind(s, ps, 1), q.paging());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rows.add(new Paged<>(ObservationRows.decode(rs, 1), rs.getLong(1), rs.getLong(2)));
      }
      return new Page<>(Payloads.observations(s, rows), q.paging().page(), q.paging().limit(), total);
    });
  }

  @Override
  public Page<SessionSummary> searchSessions(SessionQuery q) {
    SqlWhere where = SessionSearch.where(q);
    return pool.read("searchSessions", s -> {
      PreparedStatement ps = s.statement(SessionSearch.SESSIONS + "SELECT count(*) FROM s" + where.sql());
      ps.setString(1, q.projectId());
      where.bind(s, ps, 2);
      long total;
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
      ps = s.statement(SessionSearch.SESSIONS + "SELECT s.id, epoch_us(s.created_at), s.environment,"
          + " s.trace_count FROM s" + where.sql() + SessionSearch.ORDER_BY + " LIMIT ? OFFSET ?");
      ps.setString(1, q.projectId());
      bindPage(ps, where.bind(s, ps, 2), q.paging());
      List<SessionSummary> sessions = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sessions.add(new SessionSummary(q.projectId(), rs.getString(1), Times.fromEpochMicros(rs.getLong(2)),
              rs.getString(3), rs.getLong(4)));
        }
      }
      return new Page<>(sessions, q.paging().page(), q.paging().limit(), total);
    });
  }

  @Override
  public Optional<SessionDetail> getSession(String projectId, String sessionId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(sessionId, "sessionId");
    return pool.read("getSession", s -> {
      PreparedStatement ps = s.statement("SELECT " + TraceRows.COLUMNS
          + " FROM traces t WHERE t.project_id = ? AND t.session_id = ? ORDER BY t.timestamp, t.id");
      ps.setString(1, projectId);
      ps.setString(2, sessionId);
      List<Paged<Trace>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rows.add(new Paged<>(TraceRows.decode(rs, 1), rs.getLong(1), rs.getLong(2)));
      }
      if (rows.isEmpty()) return Optional.empty();
      List<Trace> traces = Payloads.traces(s, rows);
      Trace first = traces.getFirst();
      SessionSummary summary =
          new SessionSummary(projectId, sessionId, first.timestamp(), first.environment(), traces.size());
      return Optional.of(new SessionDetail(summary, traces));
    });
  }

  private static long count(Session s, String sql, SqlWhere where) throws SQLException {
    PreparedStatement ps = s.statement(sql);
    where.bind(s, ps, 1);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void bindPage(PreparedStatement ps, int at, Paging paging) throws SQLException {
    ps.setLong(at, paging.limit());
    ps.setLong(at + 1, paging.offset());
  }
}
