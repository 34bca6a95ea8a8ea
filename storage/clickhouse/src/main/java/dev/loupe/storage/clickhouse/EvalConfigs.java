package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.EvalConfig;
import java.util.List;
import java.util.Optional;

/**
 * The evaluation setup in {@code eval_configs} (schema 110): one versioned row per (project, kind,
 * id) with the body the evaluation module wrote, read with FINAL, deleted by tombstone.
 */
final class EvalConfigs {
  private final Replacing rows;

  EvalConfigs(Replacing rows) {
    this.rows = rows;
  }

  void put(EvalConfig c) {
    requireNonNull(c, "config");
    Params p = new Params();
    long version =
        rows.versionAfter("eval_configs", configKey(p, c.projectId(), c.kind(), c.id()), p);
    RowBinaryOut out = new RowBinaryOut();
    EvalRows.writeConfig(out, c, version);
    rows.sql().insert("eval_configs", EvalRows.CONFIG_INSERT, out);
  }

  Optional<EvalConfig> get(String projectId, EvalConfig.Kind kind, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    Params p = new Params();
    return configs(configKey(p, projectId, kind, id), p).stream().findFirst();
  }

  List<EvalConfig> list(String projectId, EvalConfig.Kind kind) {
    requireNonNull(projectId, "projectId");
    requireNonNull(kind, "kind");
    Params p = new Params();
    return configs(
        "project_id = "
            + p.string(projectId)
            + " AND kind = "
            + p.string(kind.name())
            + " ORDER BY created_at DESC, id DESC",
        p);
  }

  List<EvalConfig> all(EvalConfig.Kind kind) {
    requireNonNull(kind, "kind");
    Params p = new Params();
    return configs("kind = " + p.string(kind.name()) + " ORDER BY project_id, created_at, id", p);
  }

  boolean delete(String projectId, EvalConfig.Kind kind, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    Params p = new Params();
    return rows.delete("eval_configs", configKey(p, projectId, kind, id), p) > 0;
  }

  private static String configKey(Params p, String projectId, EvalConfig.Kind kind, String id) {
    return "project_id = "
        + p.string(projectId)
        + " AND kind = "
        + p.string(kind.name())
        + " AND id = "
        + p.string(id);
  }

  private List<EvalConfig> configs(String whereAndOrder, Params p) {
    return rows.sql()
        .query(
            "SELECT " + EvalRows.CONFIG_SELECT + " FROM eval_configs FINAL WHERE " + whereAndOrder,
            p.map(),
            EvalRows::readConfig);
  }
}
