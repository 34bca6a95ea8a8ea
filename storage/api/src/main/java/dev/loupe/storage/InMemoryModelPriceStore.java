package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ModelPrice;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Custom prices by project, then id; lists newest createdAt first (none last), then id. */
final class InMemoryModelPriceStore implements ModelPriceStore {
  private static final Comparator<ModelPrice> NEWEST_FIRST =
      Comparator.comparing(
              ModelPrice::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
          .thenComparing(ModelPrice::id, InMemoryOrder.TEXT);

  private final Map<String, Map<String, ModelPrice>> prices = new ConcurrentHashMap<>();

  @Override
  public List<ModelPrice> listModelPrices(String projectId) {
    requireNonNull(projectId, "projectId");
    return project(projectId).values().stream().sorted(NEWEST_FIRST).toList();
  }

  @Override
  public Optional<ModelPrice> getModelPrice(String projectId, String id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(project(requireNonNull(projectId, "projectId")).get(id));
  }

  @Override
  public void putModelPrice(ModelPrice price) {
    requireNonNull(price, "price");
    String projectId = price.projectId();
    if (projectId == null) {
      throw new IllegalArgumentException(
          "projectId: a custom price needs one (bundled prices are not stored)");
    }
    prices.computeIfAbsent(projectId, p -> new ConcurrentHashMap<>()).put(price.id(), price);
  }

  @Override
  public boolean deleteModelPrice(String projectId, String id) {
    requireNonNull(id, "id");
    return project(requireNonNull(projectId, "projectId")).remove(id) != null;
  }

  private Map<String, ModelPrice> project(String projectId) {
    return prices.getOrDefault(projectId, Map.of());
  }

  @Override
  public String toString() {
    return "InMemoryModelPriceStore{}";
  }
}
