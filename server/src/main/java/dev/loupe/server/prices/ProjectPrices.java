package dev.loupe.server.prices;

import dev.loupe.model.ModelPrice;
import dev.loupe.storage.ModelPriceStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each project's custom prices, read from the store and kept for {@link #REFRESH}: a write through
 * {@link #put} or {@link #delete} here is seen at once, one made through another node that shares
 * the store within {@link #REFRESH}. At most {@link #MAX_PROJECTS} projects are kept.
 */
public final class ProjectPrices {
  /** How old a project's prices may get before they are read again. */
  public static final Duration REFRESH = Duration.ofSeconds(2);

  static final int MAX_PROJECTS = 10_000;

  private final ModelPriceStore store;
  private final LongSupplier nanoClock;
  private final long refreshNanos;
  private final Map<String, Cached> byProject = new ConcurrentHashMap<>();

  private record Cached(List<ModelPrice> prices, long readAtNanos) {}

  public ProjectPrices(ModelPriceStore store) {
    this(store, System::nanoTime, REFRESH);
  }

  ProjectPrices(ModelPriceStore store, LongSupplier nanoClock, Duration refresh) {
    this.store = store;
    this.nanoClock = nanoClock;
    this.refreshNanos = refresh.toNanos();
  }

  /** The project's custom prices (newest first); empty when it has none. */
  public List<ModelPrice> of(String projectId) {
    long now = nanoClock.getAsLong();
    Cached c = byProject.get(projectId);
    if (c != null && now - c.readAtNanos < refreshNanos) return c.prices;
    List<ModelPrice> prices = store.listModelPrices(projectId);
    if (byProject.size() >= MAX_PROJECTS) {
      byProject.values().removeIf(old -> now - old.readAtNanos >= refreshNanos);
      if (byProject.size() >= MAX_PROJECTS) byProject.clear();
    }
    byProject.put(projectId, new Cached(prices, now));
    return prices;
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
