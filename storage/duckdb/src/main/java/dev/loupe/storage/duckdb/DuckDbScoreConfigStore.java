package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ScoreConfig;
import dev.loupe.model.Times;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.ScoreConfigStore;
import dev.loupe.storage.json.ScoreConfigJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Score configs in {@code score_configs}, one row per (project, id) with the config as JSON ({@link
 * ScoreConfigJson}); replaced in a short transaction on a read connection, durable on return.
 */
final class DuckDbScoreConfigStore implements ScoreConfigStore {
  private final ReadPool pool;

  DuckDbScoreConfigStore(ReadPool pool) {
    this.pool = pool;
  }

  @Override
  public synchronized void putScoreConfig(ScoreConfig config) {
    requireNonNull(config, "config");
    String body = ScoreConfigJson.write(config);
    pool.read(
        "putScoreConfig",
        s ->
            DuckDbProjectStore.inTransaction(
                s,
                () -> {
                  PreparedStatement delete =
                      s.statement("DELETE FROM score_configs WHERE project_id = ? AND id = ?");
                  delete.setString(1, config.projectId());
                  delete.setString(2, config.id());
                  delete.executeUpdate();
                  PreparedStatement insert =
                      s.statement(
                          "INSERT INTO score_configs VALUES (?, ?, make_timestamp(?::BIGINT), ?)");
                  insert.setString(1, config.projectId());
                  insert.setString(2, config.id());
                  insert.setLong(3, Times.toEpochMicros(config.createdAt()));
                  insert.setString(4, body);
                  insert.executeUpdate();
                }));
  }

  @Override
  public Optional<ScoreConfig> getScoreConfig(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    return pool.read(
        "getScoreConfig",
        s -> {
          PreparedStatement ps =
              s.statement("SELECT body FROM score_configs WHERE project_id = ? AND id = ?");
          ps.setString(1, projectId);
          ps.setString(2, id);
          return bodies(ps).stream().findFirst();
        });
  }

  @Override
  public Page<ScoreConfig> listScoreConfigs(String projectId, Paging paging) {
    requireNonNull(projectId, "projectId");
    requireNonNull(paging, "paging");
    return pool.read(
        "listScoreConfigs",
        s -> {
          PreparedStatement count =
              s.statement("SELECT count(*) FROM score_configs WHERE project_id = ?");
          count.setString(1, projectId);
          long total;
          try (ResultSet rs = count.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
          }
          PreparedStatement ps =
              s.statement(
                  "SELECT body FROM score_configs WHERE project_id = ?"
                      + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
          ps.setString(1, projectId);
          ps.setInt(2, paging.limit());
          ps.setLong(3, paging.offset());
          return new Page<>(bodies(ps), paging.page(), paging.limit(), total);
        });
  }

  private static List<ScoreConfig> bodies(PreparedStatement ps) throws SQLException {
    List<ScoreConfig> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(ScoreConfigJson.read(rs.getString(1)));
    }
    return out;
  }

  @Override
  public String toString() {
    return "DuckDbScoreConfigStore{}";
  }
}
