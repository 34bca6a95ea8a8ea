package dev.loupe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.pricing.PriceTable;
import dev.loupe.pricing.Pricer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The merge hook prices again only where the merge changed what the price depends on, so the
 * store's writer does no pricing for writes that arrive whole.
 */
class PricingTest {
  private final Pricing pricing = new Pricing(new Pricer(PriceTable.bundled()), p -> List.of());
  private final Observation whole =
      pricing.price(part().model("gpt-4o").usageDetails(Map.of("input", 1000L)).build());

  @Test
  void aWholeWriteSentAgain_isStoredAsMerged() {
    Observation again = pricing.price(whole);
    Observation merged = whole.mergedWith(again);

    assertThat(pricing.apply(whole, again, merged)).isSameAs(merged);
  }

  @Test
  void anUpdateWithoutPriceInputs_isStoredAsMerged() {
    Observation update =
        pricing.price(part().output("\"done\"").endTime(T0.plusSeconds(1)).build());
    Observation merged = whole.mergedWith(update);

    assertThat(pricing.apply(whole, update, merged)).isSameAs(merged);
    assertThat(merged.totalCost()).isEqualByComparingTo("0.0025");
  }

  @Test
  void theSameModelWithoutUsageSentAgain_keepsTheCostAndItsNote() {
    Observation modelOnly = pricing.price(part().model("gpt-4o").build());
    Observation merged = whole.mergedWith(modelOnly);

    Observation stored = pricing.apply(whole, modelOnly, merged);
    assertThat(stored.costSource()).isEqualTo(CostSource.CALCULATED);
    assertThat(stored.totalCost()).isEqualByComparingTo("0.0025");
    assertThat(stored.mappingNotes().get(Pricer.NOTE)).startsWith("priced by gpt-4o");
  }

  @Test
  void usageAfterItsModel_isPriced() {
    Observation modelOnly = pricing.price(part().model("gpt-4o").build());
    Observation usage = pricing.price(part().usageDetails(Map.of("output", 100L)).build());

    Observation stored = pricing.apply(modelOnly, usage, modelOnly.mergedWith(usage));
    assertThat(stored.costSource()).isEqualTo(CostSource.CALCULATED);
    assertThat(stored.totalCost()).isEqualByComparingTo("0.001");
  }

  @Test
  void aPricedModelAfterAnUnpricedOne_clearsTheFlag() {
    Observation unknown = pricing.price(part().model("acme-llm-7").build());
    Observation known = pricing.price(part().model("gpt-4o").build());
    assertThat(unknown.costSource()).isEqualTo(CostSource.NO_PRICE);

    Observation stored = pricing.apply(unknown, known, unknown.mergedWith(known));
    assertThat(stored.costSource()).isNotEqualTo(CostSource.NO_PRICE);
    assertThat(stored.pricedModelId()).isEqualTo("openai/gpt-4o");
  }

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private static Observation.Builder part() {
    return Observation.builder("p1", "g", "t1", T0).type(ObservationType.GENERATION);
  }
}
