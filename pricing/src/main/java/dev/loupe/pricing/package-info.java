/**
 * Model prices and cost: the bundled price table ({@link dev.loupe.pricing.PriceTable}), matching a
 * provided model name to a price ({@link dev.loupe.pricing.ModelMatcher}), and pricing an
 * observation's usage ({@link dev.loupe.pricing.Pricer}), at ingest and when re-pricing stored
 * observations. Costs are exact {@link java.math.BigDecimal} USD; nothing is rounded here.
 */
@NullMarked
package dev.loupe.pricing;

import org.jspecify.annotations.NullMarked;
