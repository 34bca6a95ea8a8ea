package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ScoreConfig;
import dev.loupe.model.Times;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.ScoreConfigStore;
import dev.loupe.storage.json.ScoreConfigJson;
import java.util.List;
import java.util.Optional;

/**
 * Score configs in {@code score_configs} (schema 100): one versioned row per (project, id) holding
 * the config as JSON ({@link ScoreConfigJson}). Configs are archived, never deleted, so a put is
 * the only write: a row of a version above the stored ones.
 */
final class ClickHouseScoreConfigStore implements ScoreConfigStore {
  private static final List<String> COLUMNS =
      List.of("project_id", "id", "created_at", "body", "row_version", "is_deleted");

  private final Replacing rows;

  ClickHouseScoreConfigStore(Replacing rows) {
    this.rows = rows;
  }

  @Override
  public void putScoreConfig(ScoreConfig config) {
    requireNonNull(config, "config");
    Params p = new Params();
    long version =
        rows.versionAfter(
            "score_configs",
            "project_id = " + p.string(config.projectId()) + " AND id = " + p.string(config.id()),
            p);
    RowBinaryOut out = new RowBinaryOut();
    out.string(config.projectId());
    out.string(config.id());
    out.int64(Times.toEpochMicros(config.createdAt()));
    out.string(ScoreConfigJson.write(config));
    out.int64(version);
    out.uint8(0);
    out.endRow();
    rows.sql().insert("score_configs", COLUMNS, out);
  }

  @Override
  public Optional<ScoreConfig> getScoreConfig(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    Params p = new Params();
    return rows
        .sql()
        .query(
            "SELECT body FROM score_configs FINAL WHERE project_id = "
                + p.string(projectId)
                + " AND id = "
                + p.string(id),
            p.map(),
            r -> ScoreConfigJson.read(r.string()))
        .stream()
        .findFirst();
  }

  @Override
  public Page<ScoreConfig> listScoreConfigs(String projectId, Paging paging) {
    requireNonNull(projectId, "projectId");
    requireNonNull(paging, "paging");
    Params p = new Params();
    String where = " FROM score_configs FINAL WHERE project_id = " + p.string(projectId);
    long total = rows.sql().queryLong("SELECT toInt64(count())" + where, p.map());
    List<ScoreConfig> items =
        rows.sql()
            .query(
                "SELECT body"
                    + where
                    + " ORDER BY created_at DESC, id DESC LIMIT "
                    + p.int64(paging.limit())
                    + " OFFSET "
                    + p.int64(paging.offset()),
                p.map(),
                r -> ScoreConfigJson.read(r.string()));
    return new Page<>(items, paging.page(), paging.limit(), total);
  }

  @Override
  public String toString() {
    return "ClickHouseScoreConfigStore{}";
  }
}
