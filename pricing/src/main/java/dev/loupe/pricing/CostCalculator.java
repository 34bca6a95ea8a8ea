package dev.loupe.pricing;

import dev.loupe.model.PricingTier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Usage × unit price, exact (no rounding). Usage buckets are exclusive ({@code input} excludes
 * cache reads, {@code output} excludes reasoning), so the buckets' costs add up to the total.
 *
 * <p>Each usage key is priced at its own price; without one, an {@code input_*} key is priced at
 * the {@code input} price and an {@code output_*} key at the {@code output} price (reasoning is
 * billed as output, cache reads without a cache price as input). A tier with a {@code total} price
 * (embeddings) bills the total units only: {@code usage.total}, else the sum of all entries. In
 * other tiers {@code usage.total} is not a bucket (it would count twice) and cost {@code total} is
 * the sum of the priced buckets.
 */
final class CostCalculator {
  static final String TOTAL = "total";

  private CostCalculator() {}

  /** Cost details (including {@code total} when anything is priced) and the unpriced keys. */
  record Costs(Map<String, BigDecimal> details, List<String> unpriced) {
    boolean isEmpty() {
      return details.isEmpty();
    }
  }

  static Costs calculate(PricingTier tier, Map<String, Long> usage) {
    Map<String, BigDecimal> prices = tier.prices();
    BigDecimal totalPrice = prices.get(TOTAL);
    if (totalPrice != null) return totalPriced(totalPrice, usage);
    Map<String, BigDecimal> costs = new LinkedHashMap<>();
    List<String> unpriced = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<String, Long> e : new TreeMap<>(usage).entrySet()) {
      String key = e.getKey();
      if (key.equals(TOTAL)) continue;
      BigDecimal price = priceOf(key, prices);
      if (price == null) {
        unpriced.add(key);
        continue;
      }
      BigDecimal cost = BigDecimal.valueOf(e.getValue()).multiply(price);
      costs.put(key, cost);
      sum = sum.add(cost);
    }
    if (!costs.isEmpty()) {
      costs.put(TOTAL, sum);
    } else if (usage.containsKey(TOTAL)) {
      unpriced.add(TOTAL); // only a total and no price for it: say so
    }
    return new Costs(costs, unpriced);
  }

  private static Costs totalPriced(BigDecimal price, Map<String, Long> usage) {
    Long total = usage.get(TOTAL);
    long units = 0;
    if (total != null) {
      units = total;
    } else {
      for (long v : usage.values()) units += v;
    }
    return new Costs(Map.of(TOTAL, BigDecimal.valueOf(units).multiply(price)), List.of());
  }

  private static @Nullable BigDecimal priceOf(String key, Map<String, BigDecimal> prices) {
    BigDecimal own = prices.get(key);
    if (own != null) return own;
    if (key.startsWith("input_")) return prices.get("input");
    if (key.startsWith("output_")) return prices.get("output");
    return null;
  }
}
