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
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads on the read pool; every query filters on the project. */
final class DuckDbTraceStore implements TraceStore {
  /** Seq ranges for one trace's rows. */
  private static final int TRACE_SLOTS = 4;

  private static final String TRACE =
      TraceRows.SELECT
          + " WHERE "
          + SeqRanges.sql("t.seq", TRACE_SLOTS)
          + " AND t.key = ? AND t.project_id = ? AND t.id = ?";
  private static final String OF_TRACE =
      " WHERE "
          + SeqRanges.sql("o.seq", TRACE_SLOTS)
          + " AND o.trace_key = ? AND o.project_id = ? AND o.trace_id = ?";
  private static final String OBSERVATIONS_OF_TRACE = ObservationRows.SELECT + OF_TRACE;

  /** The observations of a trace by their records: 7 columns read instead of 31. */
  private static final String OBSERVATION_RECORDS_OF_TRACE =
      "SELECT " + ObservationRows.RECORD_COLUMNS + ObservationRows.FROM + OF_TRACE;

  private static final String OBSERVATION =
      ObservationRows.SELECT + " WHERE o.key = ? AND o.project_id = ? AND o.id = ?";
  private static final String SESSION_TRACES =
      TraceRows.SELECT + " WHERE t.project_id = ? AND t.session_id = ? ORDER BY t.timestamp, t.id";

  private final ReadPool pool;
  private final PayloadLog payloads;

  /** The first write group whose observations' records have a row part ({@link SchemaV11}). */
  private final long recordsFrom;

  DuckDbTraceStore(ReadPool pool, PayloadLog payloads, long recordsFrom) {
    this.recordsFrom = recordsFrom;
    this.pool = pool;
    this.payloads = payloads;
  }

  @Override
  public Optional<TraceDetail> getTrace(String projectId, String traceId) {
    return detail("getTrace", projectId, traceId, true);
  }

  /**
   * The observations' payloads are not read: by their columns, one log read per observation saved
   * (a trace of 10,000 observations on the trace page).
   */
  @Override
  public Optional<TraceDetail> getTraceOutline(String projectId, String traceId) {
    return detail("getTraceOutline", projectId, traceId, false);
  }

  /**
   * The trace; its observations, with their payload fields when {@code payload}. Its three queries
   * read one snapshot: the rows are found by the write groups the first one lists, and a group
   * committed in between may have rewritten them (TraceReadSnapshotTest).
   */
  private Optional<TraceDetail> detail(
      String name, String projectId, String traceId, boolean payload) {
    requireNonNull(projectId, "projectId");
    requireNonNull(traceId, "traceId");
    return pool.read(
        name,
        s ->
            snapshot(
                s,
                () -> {
                  long key = RowKeys.of(projectId, traceId);
                  Set<Long> seqs = TraceWrites.seqs(s, List.of(key)).get(key);
                  if (seqs == null) return Optional.empty();
                  SeqRanges ranges = SeqRanges.of(seqs, TRACE_SLOTS);
                  List<Trace> traces =
                      rows(
                          bindTrace(s.statement(TRACE), ranges, key, projectId, traceId),
                          rs -> TraceRows.decode(rs, 1, payloads));
                  if (traces.isEmpty()) return Optional.empty();
                  List<Observation> observations =
                      observations(
                          s,
                          ranges,
                          key,
                          projectId,
                          traceId,
                          payload,
                          Collections.min(seqs) >= recordsFrom);
                  observations.sort(TraceOrder.OBSERVATIONS);
                  return Optional.of(new TraceDetail(traces.getFirst(), observations));
                }));
  }

  /**
   * A trace's observations, with their payloads when {@code payload}: by their records (which hold
   * the rest of the row) when {@code records} (every row of the trace written since schema version
   * 11) and each has a row part, else by their columns.
   */
  private List<Observation> observations(
      Session s,
      SeqRanges ranges,
      long key,
      String projectId,
      String traceId,
      boolean payload,
      boolean records)
      throws SQLException {
    if (payload && records) {
      List<Observation> out = fromRecords(s, ranges, key, projectId, traceId);
      if (out != null) return out;
    }
    return rows(
        bindTrace(s.statement(OBSERVATIONS_OF_TRACE), ranges, key, projectId, traceId),
        r -> ObservationRows.decode(r, 1, payload ? payloads : null));
  }

  /** A trace's observations by their records; null when one has no row part. */
  private @Nullable List<Observation> fromRecords(
      Session s, SeqRanges ranges, long key, String projectId, String traceId) throws SQLException {
    List<Observation> out = new ArrayList<>();
    PreparedStatement ps =
        bindTrace(s.statement(OBSERVATION_RECORDS_OF_TRACE), ranges, key, projectId, traceId);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Observation o = ObservationRows.decodeRecord(rs, 1, payloads);
        if (o == null) return null;
        out.add(o);
      }
    }
    return out;
  }

  /**
   * One page of {@code trace_rollups} ({@link TraceSearch}) and its count, then the page's trace
   * rows and observation ids, in one read transaction.
   */
  @Override
  public Page<TraceSummary> searchTraces(TraceQuery q) {
    Paging paging = q.paging();
    return pool.read(
        "searchTraces",
        s ->
            snapshot(
                s,
                () -> {
                  SqlWhere where;
                  if (TraceSearch.boundsObservations(q)) {
                    Long first = firstSeq(s, TraceSearch.rollupWhere(q));
                    if (first == null)
                      return new Page<>(List.of(), paging.page(), paging.limit(), 0);
                    where = TraceSearch.where(q, first);
                  } else {
                    where = TraceSearch.where(q);
                  }
                  Counted<Summaries.Figures> page =
                      page(
                          s,
                          TraceSearch.FIGURES,
                          TraceSearch.FROM,
                          where,
                          TraceSearch.orderBy(q),
                          paging,
                          q.fullText() != null,
                          rs -> Summaries.Figures.read(q.projectId(), rs, 1));
                  return new Page<>(
                      Summaries.of(s, page.rows(), payloads, q.observationIds()),
                      paging.page(),
                      paging.limit(),
                      page.total());
                }));
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
          return rows(ps, rs -> ObservationRows.decode(rs, 1, payloads)).stream().findFirst();
        });
  }

  @Override
  public Page<Observation> searchObservations(ObservationQuery q) {
    SqlWhere where = ObservationSearch.where(q);
    return pool.read(
        "searchObservations",
        s -> {
          Counted<Observation> page =
              page(
                  s,
                  ObservationRows.COLUMNS,
                  ObservationRows.FROM,
                  where,
                  ObservationSearch.orderBy(q),
                  q.paging(),
                  q.fullText() != null,
                  rs -> ObservationRows.decode(rs, 1, payloads));
          return new Page<>(page.rows(), q.paging().page(), q.paging().limit(), page.total());
        });
  }

  @Override
  public Page<SessionSummary> searchSessions(SessionQuery q) {
    SqlWhere where = SessionSearch.where(q);
    return pool.read(
        "searchSessions",
        s -> {
          // the grouping of every trace is the cost: the page brings the count along (a window
          // over the same grouping), and only a page past the end asks for the count alone
          PreparedStatement ps =
              s.statement(
                  SessionSearch.SESSIONS
                      + "SELECT s.id, epoch_us(s.created_at), s.environment,"
                      + " s.trace_count, count(*) OVER () FROM s"
                      + where.sql()
                      + SessionSearch.ORDER_BY
                      + " LIMIT ? OFFSET ?");
          ps.setString(1, q.projectId());
          bindPage(ps, where.bind(s, ps, 2), q.paging());
          List<SessionSummary> sessions = new ArrayList<>();
          long total = -1;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              sessions.add(
                  new SessionSummary(
                      q.projectId(),
                      rs.getString(1),
                      Times.fromEpochMicros(rs.getLong(2)),
                      rs.getString(3),
                      rs.getLong(4)));
              total = rs.getLong(5);
            }
          }
          if (total < 0) {
            ps = s.statement(SessionSearch.SESSIONS + "SELECT count(*) FROM s" + where.sql());
            ps.setString(1, q.projectId());
            where.bind(s, ps, 2);
            total = count(ps);
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
          PreparedStatement ps = s.statement(SESSION_TRACES);
          ps.setString(1, projectId);
          ps.setString(2, sessionId);
          List<Trace> traces = rows(ps, rs -> TraceRows.decode(rs, 1, payloads));
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

  private interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} in a read transaction: its queries all see the same committed data. */
  private static <T> T snapshot(Session s, Work<T> work) throws SQLException {
    s.execute("BEGIN TRANSACTION");
    try {
      T result = work.run();
      s.execute("COMMIT");
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        s.execute("ROLLBACK");
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** A mutable list of the rows. */
  private static <T> List<T> rows(PreparedStatement ps, Decoder<T> decoder) throws SQLException {
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(decoder.decode(rs));
    }
    return out;
  }

  /** {@link TraceSearch#firstSeq}: null when no trace matches. */
  private static @Nullable Long firstSeq(Session s, SqlWhere rollupWhere) throws SQLException {
    PreparedStatement ps = s.statement(TraceSearch.firstSeq(rollupWhere));
    rollupWhere.bind(s, ps, 1);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) return null;
      long first = rs.getLong(1);
      return rs.wasNull() ? null : first;
    }
  }

  /** A page of rows and the count of all that match. */
  private record Counted<T>(List<T> rows, long total) {}

  /**
   * One page of the rows of {@code from} under {@code where}, with their count. A costly filter
   * (full text: a payload read per candidate row) is run once: the count comes with the page as a
   * window ({@code count(*) OVER ()}), and from a count query only when the page is past the end.
   */
  private static <T> Counted<T> page(
      Session s,
      String columns,
      String from,
      SqlWhere where,
      String orderBy,
      Paging paging,
      boolean costly,
      Decoder<T> decoder)
      throws SQLException {
    String select = "SELECT " + columns + (costly ? ", count(*) OVER ()" : "") + from + where.sql();
    PreparedStatement ps = s.statement(select + orderBy + " LIMIT ? OFFSET ?");
    bindPage(ps, where.bind(s, ps, 1), paging);
    List<T> rows = new ArrayList<>();
    long total = -1;
    try (ResultSet rs = ps.executeQuery()) {
      int countColumn = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        rows.add(decoder.decode(rs));
        if (costly) total = rs.getLong(countColumn);
      }
    }
    if (total < 0 && (!costly || paging.page() > 1)) {
      ps = s.statement("SELECT count(*)" + from + where.sql());
      where.bind(s, ps, 1);
      total = count(ps);
    }
    return new Counted<>(rows, Math.max(total, 0));
  }

  /** Binds the seq ranges and identity of one trace: the parameters of {@link #TRACE} and kin. */
  private static PreparedStatement bindTrace(
      PreparedStatement ps, SeqRanges ranges, long key, String projectId, String traceId)
      throws SQLException {
    int at = ranges.bind(ps, 1);
    ps.setLong(at, key);
    ps.setString(at + 1, projectId);
    ps.setString(at + 2, traceId);
    return ps;
  }

  private static long count(PreparedStatement ps) throws SQLException {
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
