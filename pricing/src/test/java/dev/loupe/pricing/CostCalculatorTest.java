package dev.loupe.pricing;

import static dev.loupe.pricing.TestPrices.prices;
import static dev.loupe.pricing.TestPrices.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.PricingTier;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
  private static final PricingTier STANDARD =
      PricingTier.standard(
          prices("input", "0.000001", "input_cached_tokens", "0.0000001", "output", "0.000002"));

  @Test
  void calculate_eachBucketTimesItsPriceAndTotalIsTheSum() {
    var costs =
        CostCalculator.calculate(
            STANDARD, usage("input", 1000, "input_cached_tokens", 3000, "output", 250));

    // 1000 × 0.000001 = 0.001; 3000 × 0.0000001 = 0.0003; 250 × 0.000002 = 0.0005
    assertThat(costs.details()).containsOnlyKeys("input", "input_cached_tokens", "output", "total");
    assertThat(costs.details().get("input")).isEqualByComparingTo("0.001");
    assertThat(costs.details().get("input_cached_tokens")).isEqualByComparingTo("0.0003");
    assertThat(costs.details().get("output")).isEqualByComparingTo("0.0005");
    assertThat(costs.details().get("total")).isEqualByComparingTo("0.0018");
    assertThat(costs.unpriced()).isEmpty();
  }

  @Test
  void calculate_detailKeysWithoutOwnPriceFallBackToInputOrOutputPrice() {
    var costs =
        CostCalculator.calculate(
            STANDARD,
            usage("input", 10, "input_audio_tokens", 5, "output", 3, "output_reasoning_tokens", 7));

    // audio at input price: 5 × 0.000001; reasoning at output price: 7 × 0.000002
    assertThat(costs.details().get("input_audio_tokens")).isEqualByComparingTo("0.000005");
    assertThat(costs.details().get("output_reasoning_tokens")).isEqualByComparingTo("0.000014");
    // 0.00001 + 0.000005 + 0.000006 + 0.000014
    assertThat(costs.details().get("total")).isEqualByComparingTo("0.000035");
  }

  @Test
  void calculate_usageTotalIsNotABucketForTokenPricedTiers() {
    var costs = CostCalculator.calculate(STANDARD, usage("input", 100, "output", 50, "total", 150));

    // 100 × 0.000001 + 50 × 0.000002 = 0.0002, not 0.0002 + anything for "total"
    assertThat(costs.details().get("total")).isEqualByComparingTo("0.0002");
    assertThat(costs.unpriced()).isEmpty();
  }

  @Test
  void calculate_keysWithoutPriceOrFallbackAreListedUnpriced() {
    var costs =
        CostCalculator.calculate(STANDARD, usage("input", 10, "images", 2, "audio_seconds", 4));

    assertThat(costs.details()).containsOnlyKeys("input", "total");
    assertThat(costs.unpriced()).containsExactly("audio_seconds", "images");
  }

  @Test
  void calculate_zeroUnitsGiveAZeroEntry() {
    var costs = CostCalculator.calculate(STANDARD, usage("input", 0, "output", 0));

    assertThat(costs.details()).containsOnlyKeys("input", "output", "total");
    assertThat(costs.details().get("total")).isEqualByComparingTo("0");
  }

  @Test
  void calculate_isExactWithoutRounding() {
    PricingTier tier = PricingTier.standard(prices("input", "0.000000123456789012345678"));

    var costs = CostCalculator.calculate(tier, usage("input", 3));

    // 3 × 0.000000123456789012345678, by hand
    assertThat(costs.details().get("input"))
        .isEqualTo(new BigDecimal("0.000000370370367037037034"));
  }

  @Test
  void calculate_totalPricedTierBillsTotalUnitsOnly() {
    PricingTier tier = PricingTier.standard(prices("total", "0.0000001"));

    var withTotal = CostCalculator.calculate(tier, usage("input", 1000, "total", 1000));
    var withoutTotal = CostCalculator.calculate(tier, usage("input", 300));

    // 1000 × 0.0000001 = 0.0001; 300 × 0.0000001 = 0.00003
    assertThat(withTotal.details()).containsOnlyKeys("total");
    assertThat(withTotal.details().get("total")).isEqualByComparingTo("0.0001");
    assertThat(withoutTotal.details().get("total")).isEqualByComparingTo("0.00003");
    assertThat(withTotal.unpriced()).isEmpty();
  }
}
