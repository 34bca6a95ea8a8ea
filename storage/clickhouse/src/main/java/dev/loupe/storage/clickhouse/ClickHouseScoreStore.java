package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Score;
import dev.loupe.model.Times;
import dev.loupe.storage.Page;
import dev.loupe.storage.ScoreQuery;
import dev.loupe.storage.ScoreStore;
import dev.loupe.storage.ScoreSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores in {@code scores} (schema 100, {@link ScoreRows}). A put reads the stored createdAt and
 * version of its ids, then inserts every score as one block (all or nothing) at a higher version; a
 * delete inserts a tombstone. Reads use FINAL, so a replaced or deleted score is never seen.
 */
final class ClickHouseScoreStore implements ScoreStore {
  private final Replacing rows;

  ClickHouseScoreStore(Replacing rows) {
    this.rows = rows;
  }

  @Override
  public void putScores(List<Score> scores) {
    requireNonNull(scores, "scores").forEach(s -> requireNonNull(s, "score"));
    if (scores.isEmpty()) return;
    // the later of two same ids in one batch wins, with the earlier createdAt
    Map<String, Map<String, Score>> byProject = new LinkedHashMap<>();
    for (Score s : scores) {
      byProject
          .computeIfAbsent(s.projectId(), p -> new LinkedHashMap<>())
          .merge(s.id(), s, (older, newer) -> keepCreated(newer, older.createdAt()));
    }
    long stored = 0;
    for (Map.Entry<String, Map<String, Score>> p : byProject.entrySet()) {
      stored = Math.max(stored, keepStoredCreatedAt(p.getKey(), p.getValue()));
    }
    RowBinaryOut out = new RowBinaryOut();
    long version = rows.versionAfterStored(stored);
    for (Map<String, Score> project : byProject.values()) {
      for (Score s : project.values()) ScoreRows.write(out, s, version);
    }
    rows.sql().insert("scores", ScoreRows.INSERT_COLUMNS, out);
  }

  /**
   * Gives each score its live stored row's createdAt when earlier; returns the highest stored
   * version of these ids, tombstones included (read by argMax, without FINAL, for that reason).
   */
  private long keepStoredCreatedAt(String projectId, Map<String, Score> scores) {
    Params p = new Params();
    String sql =
        "SELECT id, argMax(created_at, row_version), argMax(is_deleted, row_version),"
            + " max(row_version) FROM scores WHERE project_id = "
            + p.string(projectId)
            + " AND id IN "
            + p.strings(scores.keySet())
            + " GROUP BY id";
    long[] max = {0};
    rows.sql()
        .query(
            sql,
            p.map(),
            r -> {
              String id = r.string();
              Instant created = Times.fromEpochMicros(r.int64());
              boolean deleted = r.uint8() == 1;
              max[0] = Math.max(max[0], r.int64());
              if (!deleted) scores.computeIfPresent(id, (k, s) -> keepCreated(s, created));
              return id;
            });
    return max[0];
  }

  private static Score keepCreated(Score s, Instant createdAt) {
    return createdAt.isBefore(s.createdAt()) ? s.toBuilder().createdAt(createdAt).build() : s;
  }

  @Override
  public Optional<Score> getScore(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    Params p = new Params();
    return select(
            "FROM scores s FINAL WHERE s.project_id = "
                + p.string(projectId)
                + " AND s.id = "
                + p.string(id),
            p)
        .stream()
        .findFirst();
  }

  @Override
  public boolean deleteScore(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    Params p = new Params();
    return rows.delete(
            "scores", "project_id = " + p.string(projectId) + " AND id = " + p.string(id), p)
        > 0;
  }

  @Override
  public Page<ScoreSummary> searchScores(ScoreQuery q) {
    requireNonNull(q, "query");
    ScoreSearchSql search = new ScoreSearchSql(q);
    Params p = search.params;
    long total = rows.sql().queryLong("SELECT toInt64(count())" + search.fromWhere(), p.map());
    String sql =
        "SELECT "
            + ScoreRows.SELECT
            + ", t.found, t.user_id, t.tags, t.environment, t.session_id"
            + search.fromWhere()
            + " ORDER BY s.timestamp DESC, s.id DESC LIMIT "
            + p.int64(q.paging().limit())
            + " OFFSET "
            + p.int64(q.paging().offset());
    List<ScoreSummary> items =
        rows.sql()
            .query(
                sql,
                p.map(),
                r -> {
                  Score s = ScoreRows.read(r);
                  boolean found = r.uint8() == 1;
                  ScoreSummary.TraceFacts facts =
                      new ScoreSummary.TraceFacts(
                          r.nullableString(), r.strings(), r.string(), r.nullableString());
                  return new ScoreSummary(s, found ? facts : null);
                });
    return new Page<>(items, q.paging().page(), q.paging().limit(), total);
  }

  @Override
  public List<Score> scoresOfTraces(String projectId, Collection<String> traceIds) {
    requireNonNull(projectId, "projectId");
    List<String> ids = List.copyOf(requireNonNull(traceIds, "traceIds"));
    if (ids.isEmpty()) return List.of();
    Params p = new Params();
    return select(
        "FROM scores s FINAL WHERE s.project_id = "
            + p.string(projectId)
            + " AND s.trace_id IN "
            + p.strings(ids)
            + " ORDER BY s.timestamp, s.id",
        p);
  }

  @Override
  public List<Score> scoresOfSession(String projectId, String sessionId) {
    requireNonNull(projectId, "projectId");
    requireNonNull(sessionId, "sessionId");
    Params p = new Params();
    return select(
        "FROM scores s FINAL WHERE s.project_id = "
            + p.string(projectId)
            + " AND s.session_id = "
            + p.string(sessionId)
            + " ORDER BY s.timestamp, s.id",
        p);
  }

  private List<Score> select(String fromWhere, Params p) {
    return new ArrayList<>(
        rows.sql().query("SELECT " + ScoreRows.SELECT + " " + fromWhere, p.map(), ScoreRows::read));
  }

  @Override
  public String toString() {
    return "ClickHouseScoreStore{}";
  }
}
