package dev.loupe.server.prices;

import dev.loupe.model.ModelPrice;
import dev.loupe.storage.ModelPriceStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each project's custom prices, read from the store once and kept until a write through {@link
 * #put} or {@link #delete} changes them. One server process owns the data directory, so every
 * change passes through here and the cache is never stale.
 */
public final class ProjectPrices {
  private final ModelPriceStore store;
  private final Map<String, List<ModelPrice>> byProject = new ConcurrentHashMap<>();

  public ProjectPrices(ModelPriceStore store) {
    this.store = store;
  }

  /** The project's custom prices (newest first); empty when it has none. */
  public List<ModelPrice> of(String projectId) {
    return byProject.computeIfAbsent(projectId, store::listModelPrices);
  }

  /** Stores a custom price durably and refreshes the project's cached list. */
  public void put(ModelPrice price) {
    try {
      store.putModelPrice(price);
    } finally {
      byProject.remove(price.projectId());
    }
  }

  /** Deletes a custom price; false when the project had no such price. */
  public boolean delete(String projectId, String id) {
    try {
      return store.deleteModelPrice(projectId, id);
    } finally {
      byProject.remove(projectId);
    }
  }

  /** The store, for reads of one price. */
  public ModelPriceStore store() {
    return store;
  }
}
