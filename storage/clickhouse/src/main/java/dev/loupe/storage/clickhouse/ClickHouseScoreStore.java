package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Score;
import dev.loupe.storage.Page;
import dev.loupe.storage.ScoreQuery;
import dev.loupe.storage.ScoreStore;
import dev.loupe.storage.ScoreSummary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Scores in {@code scores} (schema 100, {@link ScoreRows}). A put replaces by id ({@link
 * ScoreWrites}); a delete inserts a tombstone. Reads use FINAL, so a replaced or deleted score is
 * never seen.
 */
final class ClickHouseScoreStore implements ScoreStore {
  private final Replacing rows;

  ClickHouseScoreStore(Replacing rows) {
    this.rows = rows;
  }

  @Override
  public void putScores(List<Score> scores) {
    new ScoreWrites(rows).put(scores);
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
