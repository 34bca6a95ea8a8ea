package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.Times;
import dev.loupe.storage.ModelPriceStore;
import dev.loupe.storage.json.ModelPriceJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A project's custom prices: one row per (project_id, id) version, the price as JSON ({@link
 * ModelPriceJson}); a delete writes a tombstone version (is_deleted = 1), which FINAL hides.
 */
final class ClickHouseModelPriceStore implements ModelPriceStore {
  private static final List<String> COLUMNS =
      List.of("project_id", "id", "created_at", "body", "row_version", "is_deleted");

  private final Sql sql;
  private final RowVersions versions;

  ClickHouseModelPriceStore(Sql sql, RowVersions versions) {
    this.sql = sql;
    this.versions = versions;
  }

  @Override
  public List<ModelPrice> listModelPrices(String projectId) {
    requireNonNull(projectId, "projectId");
    return sql.query(
        "SELECT body FROM model_prices FINAL WHERE project_id = {p:String}"
            + " ORDER BY created_at DESC NULLS LAST, id",
        Map.of("p", projectId),
        in -> ModelPriceJson.read(in.string()));
  }

  @Override
  public Optional<ModelPrice> getModelPrice(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    return sql
        .query(
            "SELECT body FROM model_prices FINAL WHERE project_id = {p:String} AND id = {id:String}",
            Map.of("p", projectId, "id", id),
            in -> ModelPriceJson.read(in.string()))
        .stream()
        .findFirst();
  }

  @Override
  public void putModelPrice(ModelPrice price) {
    requireNonNull(price, "price");
    if (price.projectId() == null) {
      throw new IllegalArgumentException(
          "projectId: a custom price needs one (bundled prices are not stored)");
    }
    sql.insert("model_prices", COLUMNS, row(price, false));
  }

  @Override
  public boolean deleteModelPrice(String projectId, String id) {
    Optional<ModelPrice> stored = getModelPrice(projectId, id);
    stored.ifPresent(p -> sql.insert("model_prices", COLUMNS, row(p, true)));
    return stored.isPresent();
  }

  private RowBinaryOut row(ModelPrice p, boolean deleted) {
    RowBinaryOut out = new RowBinaryOut();
    out.string(requireNonNull(p.projectId()));
    out.string(p.id());
    out.nullableInt64(p.createdAt() == null ? null : Times.toEpochMicros(p.createdAt()));
    out.string(ModelPriceJson.write(p));
    out.int64(versions.next());
    out.uint8(deleted ? 1 : 0);
    out.endRow();
    return out;
  }
}
