package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.Times;
import dev.loupe.storage.ModelPriceStore;
import dev.loupe.storage.json.ModelPriceJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Custom model prices in {@code model_prices}, one row per (project, id) with the price as JSON
 * ({@link ModelPriceJson}); replaced in a short transaction on a read connection, committed (and so
 * durable) before returning.
 */
final class DuckDbModelPriceStore implements ModelPriceStore {
  private final ReadPool pool;

  DuckDbModelPriceStore(ReadPool pool) {
    this.pool = pool;
  }

  @Override
  public List<ModelPrice> listModelPrices(String projectId) {
    requireNonNull(projectId, "projectId");
    return pool.read(
        "listModelPrices",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT body FROM model_prices WHERE project_id = ?"
                      + " ORDER BY created_at DESC NULLS LAST, id");
          ps.setString(1, projectId);
          return bodies(ps);
        });
  }

  @Override
  public Optional<ModelPrice> getModelPrice(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    return pool.read(
        "getModelPrice",
        s -> {
          PreparedStatement ps =
              s.statement("SELECT body FROM model_prices WHERE project_id = ? AND id = ?");
          ps.setString(1, projectId);
          ps.setString(2, id);
          return bodies(ps).stream().findFirst();
        });
  }

  @Override
  public void putModelPrice(ModelPrice price) {
    requireNonNull(price, "price");
    if (price.projectId() == null) {
      throw new IllegalArgumentException(
          "projectId: model price " + price.id() + " has none (bundled prices are not stored)");
    }
    String body = ModelPriceJson.write(price);
    pool.read(
        "putModelPrice",
        s ->
            DuckDbProjectStore.inTransaction(
                s,
                () -> {
                  delete(s, price.projectId(), price.id());
                  PreparedStatement insert =
                      s.statement(
                          "INSERT INTO model_prices VALUES (?, ?, make_timestamp(?::BIGINT), ?)");
                  insert.setString(1, price.projectId());
                  insert.setString(2, price.id());
                  if (price.createdAt() == null) insert.setNull(3, Types.BIGINT);
                  else insert.setLong(3, Times.toEpochMicros(price.createdAt()));
                  insert.setString(4, body);
                  insert.executeUpdate();
                }));
  }

  @Override
  public boolean deleteModelPrice(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    int[] deleted = new int[1];
    pool.read(
        "deleteModelPrice",
        s -> DuckDbProjectStore.inTransaction(s, () -> deleted[0] = delete(s, projectId, id)));
    return deleted[0] > 0;
  }

  private static int delete(Session s, String projectId, String id) throws SQLException {
    PreparedStatement delete =
        s.statement("DELETE FROM model_prices WHERE project_id = ? AND id = ?");
    delete.setString(1, projectId);
    delete.setString(2, id);
    return delete.executeUpdate();
  }

  private static List<ModelPrice> bodies(PreparedStatement ps) throws SQLException {
    List<ModelPrice> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(ModelPriceJson.read(rs.getString(1)));
    }
    return out;
  }
}
