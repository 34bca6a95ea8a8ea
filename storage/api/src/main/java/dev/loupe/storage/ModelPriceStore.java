package dev.loupe.storage;

import dev.loupe.model.ModelPrice;
import java.util.List;
import java.util.Optional;

/**
 * A project's custom model prices (the bundled table is not stored: it ships with the pricing
 * module). Every method is scoped to one project; prices of one project are invisible to another.
 * Writes are durable on return.
 */
public interface ModelPriceStore {
  /** The project's custom prices, newest {@code createdAt} first, then id. */
  List<ModelPrice> listModelPrices(String projectId);

  /** One custom price; empty when unknown in the project. */
  Optional<ModelPrice> getModelPrice(String projectId, String id);

  /**
   * Stores a custom price, replacing one of the same (projectId, id).
   *
   * @throws IllegalArgumentException when the price has no projectId (bundled prices are not
   *     stored)
   */
  void putModelPrice(ModelPrice price);

  /** Deletes a custom price; false when it was not there. */
  boolean deleteModelPrice(String projectId, String id);
}
