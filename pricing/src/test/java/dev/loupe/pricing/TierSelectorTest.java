package dev.loupe.pricing;

import static dev.loupe.pricing.TestPrices.acme;
import static dev.loupe.pricing.TestPrices.generation;
import static dev.loupe.pricing.TestPrices.prices;
import static dev.loupe.pricing.TestPrices.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierSelectorTest {
  private final TierSelector selector = new TierSelector();

  private String tier(ModelPrice price, dev.loupe.model.Observation o) {
    return selector.select(price, o).name();
  }

  @Test
  void select_defaultWhenNoConditionHolds() {
    var o = generation("acme-1", usage("input", 10, "output", 5)).build();

    assertThat(tier(acme(), o)).isEqualTo("Standard");
  }

  @Test
  void select_attributeConditionReadsModelParameters() {
    var flex =
        generation("acme-1", usage("input", 10)).modelParameters("{\"service_tier\":\"flex\"}");
    var other =
        generation("acme-1", usage("input", 10)).modelParameters("{\"service_tier\":\"auto\"}");
    var inMetadata =
        generation("acme-1", usage("input", 10)).metadata("{\"service_tier\":\"flex\"}");

    assertThat(tier(acme(), flex.build())).isEqualTo("Flex");
    assertThat(tier(acme(), other.build())).isEqualTo("Standard");
    assertThat(tier(acme(), inMetadata.build())).isEqualTo("Standard");
  }

  @Test
  void select_usageConditionSumsMatchingKeys() {
    // 800 + 300 = 1100 > 1000 although neither alone is
    var above =
        generation("acme-1", usage("input", 800, "input_cached_tokens", 300, "output", 5000));
    // exactly 1000 is not > 1000; output does not count
    var atThreshold = generation("acme-1", usage("input", 1000, "output", 5000));

    assertThat(tier(acme(), above.build())).isEqualTo("Large context");
    assertThat(tier(acme(), atThreshold.build())).isEqualTo("Standard");
  }

  @Test
  void select_attributeKeyWrittenWithEscapesStillFound() {
    // "service\u005ftier" is "service_tier" in JSON
    var escaped =
        generation("acme-1", usage("input", 10))
            .modelParameters("{\"service\\u005ftier\":\"flex\"}");

    assertThat(tier(acme(), escaped.build())).isEqualTo("Flex");
  }

  @Test
  void select_lowestPriorityWinsWhenSeveralHold() {
    var both =
        generation("acme-1", usage("input", 5000)).modelParameters("{\"service_tier\":\"flex\"}");

    assertThat(tier(acme(), both.build())).isEqualTo("Flex");
  }

  @Test
  void select_usagePatternIsCaseInsensitiveUnlessCaseSensitive() {
    ModelPrice insensitive = withUsageTier(false);
    ModelPrice sensitive = withUsageTier(true);
    var o = generation("m", usage("INPUT", 50)).build();

    assertThat(tier(insensitive, o)).isEqualTo("Big");
    assertThat(tier(sensitive, o)).isEqualTo("Standard");
  }

  @Test
  void select_attributeValueComparedAsText() {
    ModelPrice price =
        tiered(
            new TierCondition.Attribute(
                TierCondition.Attribute.Source.METADATA, "n", List.of("2", "true")));

    assertThat(tier(price, generation("m", usage()).metadata("{\"n\":2}").build()))
        .isEqualTo("Big");
    assertThat(tier(price, generation("m", usage()).metadata("{\"n\":true}").build()))
        .isEqualTo("Big");
    assertThat(tier(price, generation("m", usage()).metadata("{\"n\":3}").build()))
        .isEqualTo("Standard");
    assertThat(tier(price, generation("m", usage()).metadata("not json").build()))
        .isEqualTo("Standard");
  }

  @Test
  void select_nonDefaultTierWithoutConditionsNeverHolds() {
    var never = new PricingTier("Never", false, 1, List.of(), prices("input", "1"));
    ModelPrice price =
        TestPrices.price(
            "m", null, "^m$", List.of(PricingTier.standard(prices("input", "0.1")), never));

    assertThat(tier(price, generation("m", usage("input", 1)).build())).isEqualTo("Standard");
  }

  private static ModelPrice withUsageTier(boolean caseSensitive) {
    return tiered(
        new TierCondition.Usage(
            "^input$", TierCondition.Operator.GTE, BigDecimal.TEN, caseSensitive));
  }

  private static ModelPrice tiered(TierCondition condition) {
    return TestPrices.price(
        "m",
        null,
        "^m$",
        List.of(
            PricingTier.standard(prices("input", "0.1")),
            new PricingTier("Big", false, 1, List.of(condition), prices("input", "0.2"))));
  }
}
