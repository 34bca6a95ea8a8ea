package dev.loupe.pricing;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small hand-written price table and observation builders for unit tests. */
final class TestPrices {
  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private TestPrices() {}

  /** "acme-1": Standard input 1e-6, cached 1e-7, output 2e-6; Flex (priority 1); Large (2). */
  static ModelPrice acme() {
    PricingTier standard =
        new PricingTier(
            "Standard",
            true,
            0,
            List.of(),
            prices("input", "0.000001", "input_cached_tokens", "0.0000001", "output", "0.000002"));
    PricingTier large =
        new PricingTier(
            "Large context",
            false,
            2,
            List.of(
                new TierCondition.Usage(
                    "^(input|input_cached_tokens)$",
                    TierCondition.Operator.GT,
                    new BigDecimal("1000"),
                    false)),
            prices("input", "0.000002", "output", "0.000004"));
    PricingTier flex =
        new PricingTier(
            "Flex",
            false,
            1,
            List.of(
                new TierCondition.Attribute(
                    TierCondition.Attribute.Source.MODEL_PARAMETERS,
                    "service_tier",
                    List.of("flex"))),
            prices("input", "0.0000005", "output", "0.000001"));
    // listed out of priority order on purpose: selection must sort by priority
    return price("acme-1", null, "(?i)^(acme/)?acme-1$", List.of(standard, large, flex));
  }

  /** "acme-embed": priced on total units only, 1e-7 per unit. */
  static ModelPrice embed() {
    return price(
        "acme-embed",
        null,
        "(?i)^acme-embed$",
        List.of(PricingTier.standard(prices("total", "0.0000001"))));
  }

  static PriceTable table() {
    return PriceTable.of("test-1", List.of(acme(), embed()));
  }

  static ModelPrice price(String id, String projectId, String pattern, List<PricingTier> tiers) {
    return custom(id, projectId, id, pattern, null, null, tiers);
  }

  static ModelPrice custom(
      String id,
      String projectId,
      String modelName,
      String pattern,
      Instant startDate,
      Instant createdAt,
      List<PricingTier> tiers) {
    return new ModelPrice(
        id,
        projectId,
        modelName,
        pattern,
        startDate,
        ModelPrice.TOKENS,
        null,
        tiers,
        null,
        null,
        createdAt);
  }

  /** A project price with one default tier of these input/output prices. */
  static ModelPrice projectPrice(
      String id, String pattern, Instant startDate, String input, String output) {
    return custom(
        id,
        "p1",
        "custom-" + id,
        pattern,
        startDate,
        null,
        List.of(PricingTier.standard(prices("input", input, "output", output))));
  }

  static Map<String, BigDecimal> prices(String... keyValues) {
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2)
      m.put(keyValues[i], new BigDecimal(keyValues[i + 1]));
    return m;
  }

  static Map<String, Long> usage(Object... keyValues) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], ((Number) keyValues[i + 1]).longValue());
    }
    return m;
  }

  static Observation.Builder generation(String model, Map<String, Long> usage) {
    return Observation.builder("p1", "o1", "t1", T0)
        .type(ObservationType.GENERATION)
        .name("chat")
        .model(model)
        .usageDetails(usage);
  }
}
