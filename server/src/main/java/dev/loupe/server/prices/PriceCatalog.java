package dev.loupe.server.prices;

import dev.loupe.model.ModelPrice;
import dev.loupe.pricing.PriceTable;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prices a project sees: its custom prices (newest first), then the bundled table (in table
 * order). A custom price of the same id as a bundled one hides it.
 */
public final class PriceCatalog {
  private final ProjectPrices custom;
  private final PriceTable bundled;

  public PriceCatalog(ProjectPrices custom, PriceTable bundled) {
    this.custom = custom;
    this.bundled = bundled;
  }

  /** One page of the project's prices, custom first. */
  public Page<ModelPrice> list(String projectId, Paging paging) {
    List<ModelPrice> all = new ArrayList<>(custom.of(projectId));
    for (ModelPrice p : bundled.prices()) {
      if (all.stream().noneMatch(c -> c.id().equals(p.id()))) all.add(p);
    }
    int from = (int) Math.min(paging.offset(), all.size());
    int to = Math.min(from + paging.limit(), all.size());
    return new Page<>(all.subList(from, to), paging.page(), paging.limit(), all.size());
  }

  /** A price by id: the project's own, else a bundled one. */
  public Optional<ModelPrice> get(String projectId, String id) {
    for (ModelPrice p : custom.of(projectId)) if (p.id().equals(id)) return Optional.of(p);
    return bundled.byId(id);
  }
}
