package dev.loupe.bench;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A model the analytics bench calls, with its own list prices (USD per million tokens) and a
 * latency profile. The bench prices usage itself so it does not depend on the pricing module.
 *
 * @param name the model name as a client sends it (some carry a provider prefix)
 * @param cachedInputPerMillion price of prompt-cache reads; null when the model has no cache
 * @param reasoning whether the model emits reasoning tokens (priced as output)
 * @param medianLatencyMillis median end-to-end latency of a call
 * @param errorRate share of calls that fail
 */
record BenchModel(
    String name,
    BigDecimal inputPerMillion,
    BigDecimal outputPerMillion,
    @Nullable BigDecimal cachedInputPerMillion,
    boolean reasoning,
    int medianLatencyMillis,
    double errorRate) {

  /** Cost in USD of {@code tokens} at {@code perMillion} USD per million, exact. */
  static BigDecimal cost(long tokens, BigDecimal perMillion) {
    return BigDecimal.valueOf(tokens).multiply(perMillion).movePointLeft(6);
  }

  /** The pricing id the bench writes as {@code pricedModelId}: the name without provider prefix. */
  String priceId() {
    int slash = name.lastIndexOf('/');
    return "bench-" + (slash < 0 ? name : name.substring(slash + 1));
  }
}
