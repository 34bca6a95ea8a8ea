package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Observation;
import dev.loupe.model.Times;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads on the read pool; every query filters on the project. */
final class DuckDbTraceStore implements TraceStore {
  /** Seq ranges for one trace's rows. */
  private static final int TRACE_SLOTS = 4;

  private static final String TRACE =
      "SELECT "
          + TraceRows.COLUMNS
          + " FROM traces t WHERE "
          + SeqRanges.sql("t.seq", TRACE_SLOTS)
          + " AND t.key = ? AND t.project_id = ? AND t.id = ?";
  private static final String OBSERVATIONS_OF_TRACE =
      "SELECT "
          + ObservationRows.COLUMNS
          + " FROM observations o WHERE "
          + SeqRanges.sql("o.seq", TRACE_SLOTS)
          + " AND o.trace_key = ? AND o.project_id = ? AND o.trace_id = ?";
  private static final String OBSERVATION =
      "SELECT "
          + ObservationRows.COLUMNS
          + " FROM observations o WHERE o.key = ? AND o.project_id = ? AND o.id = ?";

  private final ReadPool pool;
  private final PayloadLog payloads;

  DuckDbTraceStore(ReadPool pool, PayloadLog payloads) {
    this.pool = pool;
    this.payloads = payloads;
  }

  @Override
  public Optional<TraceDetail> getTrace(String projectId, String traceId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(traceId, "traceId");
    return pool.read(
        "getTrace",
        s -> {
          long key = RowKeys.of(projectId, traceId);
          List<Long> seqs = TraceWrites.seqs(s, key);
          if (seqs.isEmpty()) return Optional.empty();
          SeqRanges ranges = SeqRanges.of(seqs, TRACE_SLOTS);
          PreparedStatement ps = s.statement(TRACE);
          int at = ranges.bind(ps, 1);
          ps.setLong(at, key);
          ps.setString(at + 1, projectId);
          ps.setString(at + 2, traceId);
          List<Paged<Trace>> traces = rows(ps, rs -> TraceRows.decode(rs, 1, payloads));
          if (traces.isEmpty()) return Optional.empty();
          ps = s.statement(OBSERVATIONS_OF_TRACE);
          at = ranges.bind(ps, 1);
          ps.setLong(at, key);
          ps.setString(at + 1, projectId);
          ps.setString(at + 2, traceId);
          List<Paged<Observation>> observations =
              rows(ps, rs -> ObservationRows.decode(rs, 1, payloads));
          observations.sort(TraceOrder.OBSERVATIONS);
          return Optional.of(
              new TraceDetail(
                  traces.getFirst().row(), observations.stream().map(Paged::row).toList()));
        });
  }

  @Override
  public Page<TraceSummary> searchTraces(TraceQuery q) {
    SqlWhere where = TraceSearch.where(q);
    return pool.read(
        "searchTraces",
        s -> {
          long total = count(s, "SELECT count(*) FROM traces t" + where.sql(), where);
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + TraceRows.COLUMNS
                      + " FROM traces t"
                      + where.sql()
                      + TraceSearch.orderBy(q)
                      + " LIMIT ? OFFSET ?");
          bindPage(ps, where.bind(s, ps, 1), q.paging());
          List<Trace> traces = values(rows(ps, rs -> TraceRows.decode(rs, 1, payloads)));
          return new Page<>(Summaries.of(s, traces), q.paging().page(), q.paging().limit(), total);
        });
  }

  @Override
  public Optional<Observation> getObservation(String projectId, String observationId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(observationId, "observationId");
    return pool.read(
        "getObservation",
        s -> {
          PreparedStatement ps = s.statement(OBSERVATION);
          ps.setLong(1, RowKeys.of(projectId, observationId));
          ps.setString(2, projectId);
          ps.setString(3, observationId);
          return values(rows(ps, rs -> ObservationRows.decode(rs, 1, payloads))).stream()
              .findFirst();
        });
  }

  @Override
  public Page<Observation> searchObservations(ObservationQuery q) {
    SqlWhere where = ObservationSearch.where(q);
    return pool.read(
        "searchObservations",
        s -> {
          long total = count(s, "SELECT count(*) FROM observations o" + where.sql(), where);
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + ObservationRows.COLUMNS
                      + " FROM observations o"
                      + where.sql()
                      + ObservationSearch.ORDER_BY
                      + " LIMIT ? OFFSET ?");
          bindPage(ps, where.bind(s, ps, 1), q.paging());
          List<Observation> page = values(rows(ps, rs -> ObservationRows.decode(rs, 1, payloads)));
          return new Page<>(page, q.paging().page(), q.paging().limit(), total);
        });
  }

  @Override
  public Page<SessionSummary> searchSessions(SessionQuery q) {
    SqlWhere where = SessionSearch.where(q);
    return pool.read(
        "searchSessions",
        s -> {
          PreparedStatement ps =
              s.statement(SessionSearch.SESSIONS + "SELECT count(*) FROM s" + where.sql());
          ps.setString(1, q.projectId());
          where.bind(s, ps, 2);
          long total;
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
          }
          ps =
              s.statement(
                  SessionSearch.SESSIONS
                      + "SELECT s.id, epoch_us(s.created_at), s.environment,"
                      + " s.trace_count FROM s"
                      + where.sql()
                      + SessionSearch.ORDER_BY
                      + " LIMIT ? OFFSET ?");
          ps.setString(1, q.projectId());
          bindPage(ps, where.bind(s, ps, 2), q.paging());
          List<SessionSummary> sessions = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              sessions.add(
                  new SessionSummary(
                      q.projectId(),
                      rs.getString(1),
                      Times.fromEpochMicros(rs.getLong(2)),
                      rs.getString(3),
                      rs.getLong(4)));
            }
          }
          return new Page<>(sessions, q.paging().page(), q.paging().limit(), total);
        });
  }

  @Override
  public Optional<SessionDetail> getSession(String projectId, String sessionId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(sessionId, "sessionId");
    return pool.read(
        "getSession",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + TraceRows.COLUMNS
                      + " FROM traces t WHERE t.project_id = ? AND t.session_id = ? ORDER BY t.timestamp, t.id");
          ps.setString(1, projectId);
          ps.setString(2, sessionId);
          List<Trace> traces = values(rows(ps, rs -> TraceRows.decode(rs, 1, payloads)));
          if (traces.isEmpty()) return Optional.empty();
          Trace first = traces.getFirst();
          SessionSummary summary =
              new SessionSummary(
                  projectId, sessionId, first.timestamp(), first.environment(), traces.size());
          return Optional.of(new SessionDetail(summary, traces));
        });
  }

  private interface Decoder<T> {
    T decode(ResultSet rs) throws SQLException;
  }

  /** Rows whose first two columns are seq and key. */
  private static <T> List<Paged<T>> rows(PreparedStatement ps, Decoder<T> decoder)
      throws SQLException {
    List<Paged<T>> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(new Paged<>(decoder.decode(rs), rs.getLong(1), rs.getLong(2)));
    }
    return out;
  }

  private static <T> List<T> values(List<Paged<T>> rows) {
    return rows.stream().map(Paged::row).toList();
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
