package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Score;
import dev.loupe.model.Times;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A put of scores: reads the stored createdAt and versions of their ids, then inserts every score
 * as one block (one part: all or nothing) at a version past the stored ones. A re-sent score keeps
 * the createdAt of the live row it replaces; one re-sent after a delete starts afresh.
 */
final class ScoreWrites {
  private final Replacing rows;

  ScoreWrites(Replacing rows) {
    this.rows = rows;
  }

  void put(List<Score> scores) {
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
}
