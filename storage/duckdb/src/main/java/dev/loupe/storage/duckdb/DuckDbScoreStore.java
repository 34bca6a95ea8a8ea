package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Score;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import dev.loupe.model.Times;
import dev.loupe.storage.Page;
import dev.loupe.storage.ScoreQuery;
import dev.loupe.storage.ScoreStore;
import dev.loupe.storage.ScoreSummary;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Scores in {@code scores} ({@link ScoreTables}): small writes replaced row by row in one short
 * transaction on a read connection, committed (and so durable) before returning. Writes of this
 * store take turns, so two requests re-sending the same score never conflict.
 */
final class DuckDbScoreStore implements ScoreStore {
  static final String COLUMNS =
      "s.id, s.name, s.data_type, s.value, s.string_value, s.source, s.trace_id,"
          + " s.observation_id, s.session_id, s.dataset_run_id, epoch_us(s.timestamp), s.comment,"
          + " s.metadata, s.config_id, s.queue_id, s.author_user_id, s.environment,"
          + " epoch_us(s.created_at), epoch_us(s.updated_at)";

  private static final String TRACE_FACTS =
      " LEFT JOIN (SELECT key, id, user_id, tags, environment, session_id FROM traces"
          + " WHERE project_id = ?) t ON t.key = s.trace_key AND t.id = s.trace_id";

  private static final String INSERT =
      "INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " make_timestamp(?::BIGINT), ?, ?, ?, ?, ?, ?, make_timestamp(?::BIGINT),"
          + " make_timestamp(?::BIGINT))";

  private final ReadPool pool;
  private final ReentrantLock writes = new ReentrantLock();

  /**
   * By project looked at: true when it holds no score. The lists ask for their rows' scores on
   * every page and live refresh, and a project that never had one answers without a query. Learned
   * under the write lock, so no write slips between the look and the note, and set to false before
   * any write of the project; a delete that empties it leaves it false (then the query answers).
   */
  private final Map<String, Boolean> unscored = new ConcurrentHashMap<>();

  DuckDbScoreStore(ReadPool pool) {
    this.pool = pool;
  }

  @Override
  public void putScores(List<Score> scores) {
    requireNonNull(scores, "scores").forEach(s -> requireNonNull(s, "score"));
    if (scores.isEmpty()) return;
    // the later of two same ids in one batch wins, with the earlier createdAt
    Map<String, Map<String, Score>> byProject = new LinkedHashMap<>();
    for (Score score : scores) {
      byProject
          .computeIfAbsent(score.projectId(), p -> new LinkedHashMap<>())
          .merge(score.id(), score, (older, newer) -> keepFirstCreated(newer, older.createdAt()));
    }
    writes.lock();
    try {
      for (String projectId : byProject.keySet()) unscored.put(projectId, false);
      pool.read(
          "putScores",
          s ->
              DuckDbProjectStore.inTransaction(
                  s,
                  () -> {
                    for (Map.Entry<String, Map<String, Score>> p : byProject.entrySet()) {
                      replace(s, p.getKey(), p.getValue());
                    }
                  }));
    } finally {
      writes.unlock();
    }
  }

  private static Score keepFirstCreated(Score s, Instant createdAt) {
    return createdAt.isBefore(s.createdAt()) ? s.toBuilder().createdAt(createdAt).build() : s;
  }

  /** Replaces one project's scores: reads their stored createdAt, deletes them, inserts. */
  private static void replace(Session s, String projectId, Map<String, Score> scores)
      throws SQLException {
    PreparedStatement old =
        s.statement(
            "SELECT id, epoch_us(created_at) FROM scores WHERE project_id = ?"
                + " AND list_contains(?::VARCHAR[], id)");
    old.setString(1, projectId);
    old.setArray(2, s.strings(scores.keySet()));
    try (ResultSet rs = old.executeQuery()) {
      while (rs.next()) {
        Instant stored = Times.fromEpochMicros(rs.getLong(2));
        scores.computeIfPresent(rs.getString(1), (id, score) -> keepFirstCreated(score, stored));
      }
    }
    PreparedStatement delete =
        s.statement("DELETE FROM scores WHERE project_id = ? AND list_contains(?::VARCHAR[], id)");
    delete.setString(1, projectId);
    delete.setArray(2, s.strings(scores.keySet()));
    delete.executeUpdate();
    for (Score score : scores.values()) insert(s, score);
  }

  private static void insert(Session s, Score score) throws SQLException {
    PreparedStatement ps = s.statement(INSERT);
    ScoreTarget target = score.target();
    int i = 1;
    ps.setString(i++, score.projectId());
    ps.setString(i++, score.id());
    setKey(ps, i++, score.projectId(), target.traceId());
    setKey(ps, i++, score.projectId(), target.observationId());
    ps.setString(i++, score.name());
    ps.setString(i++, score.dataType().name());
    if (score.value() == null) ps.setNull(i++, Types.DOUBLE);
    else ps.setDouble(i++, score.value());
    ps.setString(i++, score.stringValue());
    ps.setString(i++, score.source().name());
    ps.setString(i++, target.traceId());
    ps.setString(i++, target.observationId());
    ps.setString(i++, target.sessionId());
    ps.setString(i++, target.datasetRunId());
    ps.setLong(i++, Times.toEpochMicros(score.timestamp()));
    ps.setString(i++, score.comment());
    ps.setString(i++, score.metadata());
    ps.setString(i++, score.configId());
    ps.setString(i++, score.queueId());
    ps.setString(i++, score.authorUserId());
    ps.setString(i++, score.environment());
    ps.setLong(i++, Times.toEpochMicros(score.createdAt()));
    ps.setLong(i, Times.toEpochMicros(score.updatedAt()));
    ps.executeUpdate();
  }

  private static void setKey(PreparedStatement ps, int i, String projectId, @Nullable String id)
      throws SQLException {
    if (id == null) ps.setNull(i, Types.BIGINT);
    else ps.setLong(i, RowKeys.of(projectId, id));
  }

  @Override
  public Optional<Score> getScore(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    return pool.read(
        "getScore",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT " + COLUMNS + " FROM scores s WHERE s.project_id = ? AND s.id = ?");
          ps.setString(1, projectId);
          ps.setString(2, id);
          return scores(ps, projectId).stream().findFirst();
        });
  }

  @Override
  public boolean deleteScore(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    writes.lock();
    try {
      int[] deleted = new int[1];
      pool.read(
          "deleteScore",
          s -> DuckDbProjectStore.inTransaction(s, () -> deleted[0] = delete(s, projectId, id)));
      return deleted[0] > 0;
    } finally {
      writes.unlock();
    }
  }

  @Override
  public Page<ScoreSummary> searchScores(ScoreQuery q) {
    requireNonNull(q, "query");
    return pool.read(
        "searchScores",
        s -> {
          SqlWhere where = ScoreSearch.where(q);
          long total;
          PreparedStatement count =
              s.statement(
                  "SELECT count(*) FROM scores s" + (q.byTrace() ? TRACE_FACTS : "") + where.sql());
          int next = 1;
          if (q.byTrace()) count.setString(next++, q.projectId());
          where.bind(s, count, next);
          try (ResultSet rs = count.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
          }
          PreparedStatement page =
              s.statement(
                  "SELECT "
                      + COLUMNS
                      + ", t.user_id, t.tags, t.environment, t.session_id, t.key IS NOT NULL"
                      + " FROM scores s"
                      + TRACE_FACTS
                      + where.sql()
                      + " ORDER BY s.timestamp DESC, s.id DESC LIMIT ? OFFSET ?");
          page.setString(1, q.projectId());
          int at = where.bind(s, page, 2);
          page.setInt(at, q.paging().limit());
          page.setLong(at + 1, q.paging().offset());
          List<ScoreSummary> items = new ArrayList<>();
          try (ResultSet rs = page.executeQuery()) {
            while (rs.next()) {
              ScoreSummary.TraceFacts facts =
                  rs.getBoolean(24)
                      ? new ScoreSummary.TraceFacts(
                          rs.getString(20),
                          TraceRows.strings(rs.getArray(21)),
                          rs.getString(22),
                          rs.getString(23))
                      : null;
              items.add(new ScoreSummary(score(rs, q.projectId()), facts));
            }
          }
          return new Page<>(items, q.paging().page(), q.paging().limit(), total);
        });
  }

  @Override
  public List<Score> scoresOfTraces(String projectId, Collection<String> traceIds) {
    requireNonNull(projectId, "projectId");
    List<String> ids = List.copyOf(requireNonNull(traceIds, "traceIds"));
    if (ids.isEmpty() || holdsNoScore(projectId)) return List.of();
    return pool.read(
        "scoresOfTraces",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + COLUMNS
                      + " FROM scores s WHERE s.project_id = ?"
                      + " AND list_contains(?::VARCHAR[], s.trace_id) ORDER BY s.timestamp, s.id");
          ps.setString(1, projectId);
          ps.setArray(2, s.strings(ids));
          return scores(ps, projectId);
        });
  }

  /** Whether the project holds no score, from {@link #unscored} or looked up once. */
  private boolean holdsNoScore(String projectId) {
    Boolean known = unscored.get(projectId);
    if (known != null) return known;
    writes.lock();
    try {
      known = unscored.get(projectId);
      if (known != null) return known;
      boolean none =
          pool.read(
              "holdsNoScore",
              s -> {
                PreparedStatement ps =
                    s.statement("SELECT count(*) = 0 FROM scores WHERE project_id = ?");
                ps.setString(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getBoolean(1);
                }
              });
      unscored.put(projectId, none);
      return none;
    } finally {
      writes.unlock();
    }
  }

  @Override
  public List<Score> scoresOfSession(String projectId, String sessionId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(sessionId, "sessionId");
    return pool.read(
        "scoresOfSession",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + COLUMNS
                      + " FROM scores s WHERE s.project_id = ? AND s.session_id = ?"
                      + " ORDER BY s.timestamp, s.id");
          ps.setString(1, projectId);
          ps.setString(2, sessionId);
          return scores(ps, projectId);
        });
  }

  private static int delete(Session s, String projectId, String id) throws SQLException {
    PreparedStatement delete = s.statement("DELETE FROM scores WHERE project_id = ? AND id = ?");
    delete.setString(1, projectId);
    delete.setString(2, id);
    return delete.executeUpdate();
  }

  private static List<Score> scores(PreparedStatement ps, String projectId) throws SQLException {
    List<Score> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(score(rs, projectId));
    }
    return out;
  }

  /** A score from the first 19 columns ({@link #COLUMNS}). */
  private static Score score(ResultSet rs, String projectId) throws SQLException {
    double value = rs.getDouble(4);
    boolean noValue = rs.wasNull();
    return Score.builder(
            projectId,
            rs.getString(1),
            rs.getString(2),
            new ScoreTarget(rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)),
            Times.fromEpochMicros(rs.getLong(11)))
        .dataType(ScoreDataType.valueOf(rs.getString(3)))
        .value(noValue ? null : value)
        .stringValue(rs.getString(5))
        .source(ScoreSource.valueOf(rs.getString(6)))
        .comment(rs.getString(12))
        .metadata(rs.getString(13))
        .configId(rs.getString(14))
        .queueId(rs.getString(15))
        .authorUserId(rs.getString(16))
        .environment(rs.getString(17))
        .createdAt(Times.fromEpochMicros(rs.getLong(18)))
        .updatedAt(Times.fromEpochMicros(rs.getLong(19)))
        .build();
  }

  @Override
  public String toString() {
    return "DuckDbScoreStore{}";
  }
}
