package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One set of unit prices (USD per unit) by usage type: {@code input}, {@code output}, {@code
 * total}, {@code input_cached_tokens}, {@code input_cache_creation}, {@code
 * input_cache_creation_1h}, {@code output_reasoning_tokens}, {@code input_audio_tokens}, ... A
 * non-default tier applies when all its conditions hold (an empty list never holds); tiers are
 * tried by ascending priority, and the default tier applies when none does.
 */
public record PricingTier(
    String name,
    boolean isDefault,
    int priority,
    List<TierCondition> conditions,
    Map<String, BigDecimal> prices) {

  public PricingTier {
    requireNonNull(name, "name");
    conditions = List.copyOf(requireNonNull(conditions, "conditions"));
    requireNonNull(prices, "prices");
    if (prices.isEmpty())
      throw new IllegalArgumentException("prices: tier '" + name + "' is empty");
    Map<String, BigDecimal> copy = new LinkedHashMap<>();
    prices.forEach(
        (usageType, price) -> {
          requireNonNull(price, "prices." + usageType);
          if (price.signum() < 0) {
            throw new IllegalArgumentException("prices." + usageType + " is negative: " + price);
          }
          copy.put(usageType, price);
        });
    prices = java.util.Collections.unmodifiableMap(copy);
    if (isDefault && !conditions.isEmpty()) {
      throw new IllegalArgumentException("conditions: the default tier '" + name + "' has none");
    }
  }

  /** A default tier with these prices. */
  public static PricingTier standard(Map<String, BigDecimal> prices) {
    return new PricingTier("Standard", true, 0, List.of(), prices);
  }
}
