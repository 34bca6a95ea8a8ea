package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ApiKey;
import dev.loupe.model.Project;
import dev.loupe.model.Times;
import dev.loupe.storage.ProjectStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Projects by id and API keys by (kind, publicKey), replaced by writing a newer row version; reads
 * with FINAL. A save is one INSERT: visible to every node once it returns. Two nodes saving the
 * same id at once: the higher version (the later clock) wins, as with any last-writer-wins upsert.
 */
final class ClickHouseProjectStore implements ProjectStore {
  private static final String KEY_COLUMNS = "project_id, public_key, secret_hash, kind, created_at";

  private final Sql sql;
  private final RowVersions versions;

  ClickHouseProjectStore(Sql sql, RowVersions versions) {
    this.sql = sql;
    this.versions = versions;
  }

  @Override
  public void saveProject(Project project) {
    requireNonNull(project, "project");
    RowBinaryOut out = new RowBinaryOut();
    out.string(project.id());
    out.string(project.name());
    out.int64(Times.toEpochMicros(project.createdAt()));
    out.int64(versions.next());
    out.endRow();
    sql.insert("projects", List.of("id", "name", "created_at", "row_version"), out);
  }

  @Override
  public List<Project> projects() {
    return sql.query(
        "SELECT id, name, created_at FROM projects FINAL ORDER BY id",
        Map.of(),
        ClickHouseProjectStore::project);
  }

  @Override
  public Optional<Project> project(String id) {
    requireNonNull(id, "id");
    return sql
        .query(
            "SELECT id, name, created_at FROM projects FINAL WHERE id = {id:String}",
            Map.of("id", id),
            ClickHouseProjectStore::project)
        .stream()
        .findFirst();
  }

  @Override
  public void saveKey(ApiKey key) {
    requireNonNull(key, "key");
    RowBinaryOut out = new RowBinaryOut();
    out.string(key.projectId());
    out.string(key.publicKey());
    out.string(key.secretHash());
    out.string(key.kind().name());
    out.int64(Times.toEpochMicros(key.createdAt()));
    out.int64(versions.next());
    out.endRow();
    sql.insert(
        "api_keys",
        List.of("project_id", "public_key", "secret_hash", "kind", "created_at", "row_version"),
        out);
  }

  @Override
  public Optional<ApiKey> key(ApiKey.Kind kind, String publicKey) {
    requireNonNull(kind, "kind");
    requireNonNull(publicKey, "publicKey");
    return sql
        .query(
            "SELECT "
                + KEY_COLUMNS
                + " FROM api_keys FINAL"
                + " WHERE kind = {kind:String} AND public_key = {pk:String}",
            Map.of("kind", kind.name(), "pk", publicKey),
            ClickHouseProjectStore::key)
        .stream()
        .findFirst();
  }

  @Override
  public List<ApiKey> keys(String projectId) {
    requireNonNull(projectId, "projectId");
    return sql.query(
        "SELECT "
            + KEY_COLUMNS
            + " FROM api_keys FINAL WHERE project_id = {p:String}"
            + " ORDER BY created_at, public_key, kind",
        Map.of("p", projectId),
        ClickHouseProjectStore::key);
  }

  private static Project project(RowBinaryIn in) {
    return new Project(in.string(), in.string(), Times.fromEpochMicros(in.int64()));
  }

  private static ApiKey key(RowBinaryIn in) {
    return new ApiKey(
        in.string(),
        in.string(),
        in.string(),
        ApiKey.Kind.valueOf(in.string()),
        Times.fromEpochMicros(in.int64()));
  }
}
