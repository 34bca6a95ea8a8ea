package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ApiKey;
import dev.loupe.model.Project;
import dev.loupe.model.Times;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Projects and API keys: small tables, replaced row by row in short transactions on a read
 * connection.
 */
final class DuckDbProjectStore implements dev.loupe.storage.ProjectStore {
  private static final String PROJECT_COLUMNS = "id, name, epoch_us(created_at)";
  private static final String KEY_COLUMNS =
      "project_id, public_key, secret_hash, kind, epoch_us(created_at)";

  private final ReadPool pool;

  DuckDbProjectStore(ReadPool pool) {
    this.pool = pool;
  }

  @Override
  public void saveProject(Project project) {
    requireNonNull(project, "project");
    pool.read(
        "saveProject",
        s ->
            inTransaction(
                s,
                () -> {
                  PreparedStatement delete = s.statement("DELETE FROM projects WHERE id = ?");
                  delete.setString(1, project.id());
                  delete.executeUpdate();
                  PreparedStatement insert =
                      s.statement("INSERT INTO projects VALUES (?, ?, make_timestamp(?::BIGINT))");
                  insert.setString(1, project.id());
                  insert.setString(2, project.name());
                  insert.setLong(3, Times.toEpochMicros(project.createdAt()));
                  insert.executeUpdate();
                }));
  }

  @Override
  public List<Project> projects() {
    return pool.read(
        "projects",
        s ->
            all(
                s.statement("SELECT " + PROJECT_COLUMNS + " FROM projects ORDER BY id"),
                DuckDbProjectStore::project));
  }

  @Override
  public Optional<Project> project(String id) {
    requireNonNull(id, "id");
    return pool.read(
        "project",
        s -> {
          PreparedStatement ps =
              s.statement("SELECT " + PROJECT_COLUMNS + " FROM projects WHERE id = ?");
          ps.setString(1, id);
          return all(ps, DuckDbProjectStore::project).stream().findFirst();
        });
  }

  @Override
  public void saveKey(ApiKey key) {
    requireNonNull(key, "key");
    pool.read(
        "saveKey",
        s ->
            inTransaction(
                s,
                () -> {
                  PreparedStatement delete =
                      s.statement("DELETE FROM api_keys WHERE kind = ? AND public_key = ?");
                  delete.setString(1, key.kind().name());
                  delete.setString(2, key.publicKey());
                  delete.executeUpdate();
                  PreparedStatement insert =
                      s.statement(
                          "INSERT INTO api_keys VALUES (?, ?, ?, ?, make_timestamp(?::BIGINT))");
                  insert.setString(1, key.kind().name());
                  insert.setString(2, key.publicKey());
                  insert.setString(3, key.projectId());
                  insert.setString(4, key.secretHash());
                  insert.setLong(5, Times.toEpochMicros(key.createdAt()));
                  insert.executeUpdate();
                }));
  }

  @Override
  public Optional<ApiKey> key(ApiKey.Kind kind, String publicKey) {
    requireNonNull(kind, "kind");
    requireNonNull(publicKey, "publicKey");
    return pool.read(
        "key",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE kind = ? AND public_key = ?");
          ps.setString(1, kind.name());
          ps.setString(2, publicKey);
          return all(ps, DuckDbProjectStore::key).stream().findFirst();
        });
  }

  @Override
  public List<ApiKey> keys(String projectId) {
    requireNonNull(projectId, "projectId");
    return pool.read(
        "keys",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + KEY_COLUMNS
                      + " FROM api_keys WHERE project_id = ? ORDER BY created_at, public_key, kind");
          ps.setString(1, projectId);
          return all(ps, DuckDbProjectStore::key);
        });
  }

  interface Work {
    void run() throws SQLException;
  }

  /** Runs {@code work} in its own transaction on {@code s}; durable when it returns. */
  static Void inTransaction(Session s, Work work) throws SQLException {
    s.execute("BEGIN TRANSACTION");
    try {
      work.run();
      s.execute("COMMIT");
      return null;
    } catch (SQLException | RuntimeException e) {
      s.execute("ROLLBACK");
      throw e;
    }
  }

  private interface Mapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private static <T> List<T> all(PreparedStatement ps, Mapper<T> mapper) throws SQLException {
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(mapper.map(rs));
    }
    return out;
  }

  private static Project project(ResultSet rs) throws SQLException {
    return new Project(rs.getString(1), rs.getString(2), Times.fromEpochMicros(rs.getLong(3)));
  }

  private static ApiKey key(ResultSet rs) throws SQLException {
    return new ApiKey(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        ApiKey.Kind.valueOf(rs.getString(4)),
        Times.fromEpochMicros(rs.getLong(5)));
  }
}
