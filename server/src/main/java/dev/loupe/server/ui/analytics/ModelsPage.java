package dev.loupe.server.ui.analytics;

import java.util.List;

/**
 * Models and prices: the project's price table (custom first, then bundled), optionally narrowed to
 * the prices matching {@code model}, and the models with traffic but no price in the window.
 *
 * @param model the {@code ?model=} name, empty for the whole table
 * @param matchText which price applies to {@code model}, as a sentence; empty without a model
 */
public record ModelsPage(
    String projectId,
    String range,
    List<String> ranges,
    String from,
    String to,
    String error,
    String model,
    String matchText,
    List<Price> prices,
    int totalPrices,
    List<Unpriced> unpriced) {

  /**
   * One price: {@code prices} are the default tier's, per 1M units for tokens ({@code perLabel}
   * says which); {@code matched} marks the price that applies to the page's model.
   */
  public record Price(
      String id,
      String modelName,
      String matchPattern,
      String unit,
      String perLabel,
      List<UnitPrice> prices,
      List<Tier> tiers,
      String startDate,
      String source,
      String sourceHref,
      String checkedOn,
      boolean custom,
      boolean matched) {}

  /** A usage type's price as display text. */
  public record UnitPrice(String usageType, String price) {}

  /** A non-default tier: name, its conditions as text, its prices. */
  public record Tier(String name, String conditions, List<UnitPrice> prices) {}

  /**
   * A model seen without a price: how many observations, the last hour it was seen, and the price
   * that matches it now (empty when none; a price added after ingest needs a re-price).
   */
  public record Unpriced(
      String model, long observations, String lastSeen, String matchesNow, String href) {}
}
