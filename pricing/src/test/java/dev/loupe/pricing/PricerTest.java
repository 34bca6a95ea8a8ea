package dev.loupe.pricing;

import static dev.loupe.pricing.TestPrices.generation;
import static dev.loupe.pricing.TestPrices.projectPrice;
import static dev.loupe.pricing.TestPrices.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.UsageScope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricerTest {
  private final Pricer pricer = new Pricer(TestPrices.table());

  @Test
  void price_tableModelWithUsageIsCalculated() {
    var o = generation("acme-1", usage("input", 1000, "output", 250)).build();

    Observation priced = pricer.price(o, List.of());

    // 1000 × 0.000001 + 250 × 0.000002
    assertThat(priced.costSource()).isEqualTo(CostSource.CALCULATED);
    assertThat(priced.pricedModelId()).isEqualTo("acme-1");
    assertThat(priced.costDetails().get("input")).isEqualByComparingTo("0.001");
    assertThat(priced.costDetails().get("output")).isEqualByComparingTo("0.0005");
    assertThat(priced.totalCost()).isEqualByComparingTo("0.0015");
    assertThat(priced.mappingNotes())
        .containsEntry("cost", "priced by acme-1 (bundled, tier Standard)");
    assertThat(
            priced.toBuilder()
                .costDetails(Map.of())
                .costSource(CostSource.NONE)
                .pricedModelId(null)
                .mappingNotes(Map.of())
                .build())
        .isEqualTo(o);
  }

  @Test
  void price_keepsTheOtherMappingNotesAndReplacesAnEarlierCostNote() {
    var o =
        generation("acme-1", usage("input", 1000))
            .mappingNotes(
                Map.of(
                    "model", "from gen_ai.request.model",
                    "usage", "from gen_ai.usage.*",
                    "cost", "no price for model 'acme-0'"))
            .build();

    assertThat(pricer.price(o, List.of()).mappingNotes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "model", "from gen_ai.request.model",
                "usage", "from gen_ai.usage.*",
                "cost", "priced by acme-1 (bundled, tier Standard)"));
    assertThat(
            pricer
                .price(o.toBuilder().mappingNotes(Map.of("model", "m")).build(), List.of())
                .mappingNotes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("model", "m", "cost", "priced by acme-1 (bundled, tier Standard)"));
  }

  @Test
  void price_descendantsTotalIsNotPricedNorFlagged() {
    var o =
        generation("acme-1", usage("input", 1000, "output", 250))
            .usageScope(UsageScope.DESCENDANTS)
            .build();

    Observation priced = pricer.price(o, List.of());

    assertThat(priced.costSource()).isEqualTo(CostSource.NONE);
    assertThat(priced.costDetails()).isEmpty();
    assertThat(priced.pricedModelId()).isNull();
    assertThat(priced.usageDetails()).isEqualTo(o.usageDetails());
    assertThat(priced.mappingNotes().get("cost")).startsWith("not priced: its usage is the total");
    assertThat(pricer.reprice(priced, List.of())).isEmpty();
  }

  @Test
  void price_unpricedKeysAreNamedInTheNote() {
    var o = generation("acme-1", usage("input", 10, "images", 2)).build();

    assertThat(pricer.price(o, List.of()).mappingNotes())
        .containsEntry("cost", "priced by acme-1 (bundled, tier Standard); unpriced: images");
  }

  @Test
  void price_providedCostIsKept() {
    var o =
        generation("acme-1", usage("input", 1000))
            .costDetails(Map.of("total", new BigDecimal("42")))
            .costSource(CostSource.PROVIDED)
            .build();

    assertThat(pricer.price(o, List.of())).isSameAs(o);
  }

  @Test
  void price_withoutModelUnchanged() {
    var o =
        Observation.builder("p1", "o1", "t1", TestPrices.T0)
            .usageDetails(usage("input", 5))
            .build();

    assertThat(pricer.price(o, List.of())).isSameAs(o);
  }

  @Test
  void price_unknownModelIsFlaggedNeverZero() {
    var o = generation("nobody-7", usage("input", 1000)).build();

    Observation priced = pricer.price(o, List.of());

    assertThat(priced.costSource()).isEqualTo(CostSource.NO_PRICE);
    assertThat(priced.costDetails()).isEmpty();
    assertThat(priced.totalCost()).isNull();
    assertThat(priced.pricedModelId()).isNull();
    assertThat(priced.mappingNotes()).containsEntry("cost", "no price for model 'nobody-7'");
  }

  @Test
  void price_matchedModelWithoutUsageOnlyNamesThePrice() {
    var o = generation("acme-1", Map.of()).build();

    Observation priced = pricer.price(o, List.of());

    assertThat(priced.costSource()).isEqualTo(CostSource.NONE);
    assertThat(priced.costDetails()).isEmpty();
    assertThat(priced.pricedModelId()).isEqualTo("acme-1");
    assertThat(priced.mappingNotes()).containsEntry("cost", "no usage to price");
  }

  @Test
  void price_usageWithNoPricedKeyIsFlagged() {
    var o = generation("acme-1", usage("total", 900)).build();

    Observation priced = pricer.price(o, List.of());

    assertThat(priced.costSource()).isEqualTo(CostSource.NO_PRICE);
    assertThat(priced.costDetails()).isEmpty();
    assertThat(priced.pricedModelId()).isEqualTo("acme-1");
    assertThat(priced.mappingNotes().get("cost")).endsWith("no usage key has a price: total");
  }

  @Test
  void price_projectPriceOverridesTable() {
    ModelPrice mine = projectPrice("mine", "(?i)^acme-1$", null, "0.00001", "0.00003");
    var o = generation("acme-1", usage("input", 100, "output", 10)).build();

    Observation priced = pricer.price(o, List.of(mine));

    // 100 × 0.00001 + 10 × 0.00003 = 0.001 + 0.0003
    assertThat(priced.pricedModelId()).isEqualTo("mine");
    assertThat(priced.totalCost()).isEqualByComparingTo("0.0013");
    assertThat(priced.mappingNotes())
        .containsEntry("cost", "priced by custom-mine (project price, tier Standard)");
  }

  @Test
  void price_flexTierChosenByServiceTier() {
    var o =
        generation("acme-1", usage("input", 1000, "output", 100))
            .modelParameters("{\"temperature\":0.2,\"service_tier\":\"flex\"}")
            .build();

    Observation priced = pricer.price(o, List.of());

    // 1000 × 0.0000005 + 100 × 0.000001
    assertThat(priced.totalCost()).isEqualByComparingTo("0.0006");
    assertThat(priced.mappingNotes().get("cost")).contains("tier Flex");
  }

  @Test
  void price_embeddingPricedOnTotal() {
    var o = generation("acme-embed", usage("input", 2000, "total", 2000)).build();

    // 2000 × 0.0000001
    assertThat(pricer.price(o, List.of()).costDetails())
        .containsOnlyKeys("total")
        .hasEntrySatisfying("total", v -> assertThat(v).isEqualByComparingTo("0.0002"));
  }

  @Test
  void reprice_unchangedIsEmpty() {
    Observation stored = pricer.price(generation("acme-1", usage("input", 10)).build(), List.of());

    assertThat(pricer.reprice(stored, List.of())).isEmpty();
  }

  @Test
  void reprice_providedIsEmpty() {
    var stored =
        generation("acme-1", usage("input", 10))
            .costDetails(Map.of("total", BigDecimal.ONE))
            .costSource(CostSource.PROVIDED)
            .build();

    assertThat(pricer.reprice(stored, List.of(projectPrice("m", "acme", null, "1", "1"))))
        .isEmpty();
  }

  @Test
  void reprice_sameCostAtAnotherScaleIsUnchanged() {
    Observation stored = pricer.price(generation("acme-1", usage("input", 10)).build(), List.of());
    // as read back from DECIMAL(38,12): 10 × 0.000001 = 0.000010000000
    Observation readBack =
        stored.toBuilder()
            .costDetails(
                Map.of(
                    "input",
                    new BigDecimal("0.000010000000"),
                    "total",
                    new BigDecimal("0.000010000000")))
            .build();

    assertThat(pricer.reprice(readBack, List.of())).isEmpty();
  }

  @Test
  void reprice_changedPriceGivesCostOnlyUpdate() {
    Observation stored =
        pricer.price(
            generation("acme-1", usage("input", 100, "output", 10))
                .level(Level.ERROR)
                .endTime(TestPrices.T0.plusSeconds(2))
                .build(),
            List.of());
    ModelPrice mine =
        projectPrice(
            "mine", "(?i)^acme-1$", Instant.parse("2026-11-01T00:00:00Z"), "0.00001", "0.00003");

    Observation update = pricer.reprice(stored, List.of(mine)).orElseThrow();

    assertThat(update.projectId()).isEqualTo("p1");
    assertThat(update.id()).isEqualTo("o1");
    assertThat(update.traceId()).isEqualTo("t1");
    assertThat(update.startTime()).isEqualTo(TestPrices.T0);
    assertThat(update.type()).isEqualTo(ObservationType.SPAN);
    assertThat(update.level()).isEqualTo(Level.DEFAULT);
    assertThat(update.model()).isNull();
    assertThat(update.usageDetails()).isEmpty();
    assertThat(update.costSource()).isEqualTo(CostSource.CALCULATED);
    assertThat(update.pricedModelId()).isEqualTo("mine");
    assertThat(update.mappingNotes()).containsOnlyKeys("cost");

    Observation merged = stored.mergedWith(update);
    // 100 × 0.00001 + 10 × 0.00003
    assertThat(merged.totalCost()).isEqualByComparingTo("0.0013");
    assertThat(merged.pricedModelId()).isEqualTo("mine");
    assertThat(merged.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(merged.level()).isEqualTo(Level.ERROR);
    assertThat(merged.model()).isEqualTo("acme-1");
    assertThat(merged.usageDetails()).isEqualTo(stored.usageDetails());
    assertThat(merged.endTime()).isEqualTo(stored.endTime());
    assertThat(merged.mappingNotes().get("cost")).contains("project price");
  }

  @Test
  void reprice_priceRemovedGivesNoPriceUpdate() {
    ModelPrice mine = projectPrice("mine", "^private-9$", null, "0.001", "0.001");
    Observation stored =
        pricer.price(generation("private-9", usage("input", 5)).build(), List.of(mine));

    Observation update = pricer.reprice(stored, List.of()).orElseThrow();
    Observation merged = stored.mergedWith(update);

    assertThat(stored.costSource()).isEqualTo(CostSource.CALCULATED);
    assertThat(merged.costSource()).isEqualTo(CostSource.NO_PRICE);
    assertThat(merged.costDetails()).isEmpty();
    assertThat(merged.pricedModelId()).isNull();
  }
}
