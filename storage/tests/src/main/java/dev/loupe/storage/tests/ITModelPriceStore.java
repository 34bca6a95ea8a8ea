package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import dev.loupe.storage.ModelPriceStore;
import dev.loupe.storage.Storage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A project's custom model prices: put, get, list, delete, replace by id, project isolation. */
public abstract class ITModelPriceStore<S extends Storage> extends ITStorage<S> {

  private ModelPriceStore prices() {
    return storage.modelPriceStore();
  }

  static ModelPrice price(String projectId, String id, @Nullable Instant createdAt) {
    return new ModelPrice(
        id,
        projectId,
        "gpt-4o",
        "(?i)^(openai/)?(gpt-4o)$",
        TODAY.minusSeconds(86_400 * 30),
        ModelPrice.TOKENS,
        "o200k_base",
        List.of(
            PricingTier.standard(
                Map.of("input", new BigDecimal("0.0000025"), "output", new BigDecimal("0.00001")))),
        null,
        null,
        createdAt);
  }

  /** Two tiers: a default and one with a usage and an attribute condition; odd-scale prices. */
  static ModelPrice tiered(String projectId, String id) {
    Map<String, BigDecimal> standard = new LinkedHashMap<>();
    standard.put("input", new BigDecimal("0.0000025"));
    standard.put("input_cached_tokens", new BigDecimal("1.25E-7"));
    standard.put("output", new BigDecimal("0.00001"));
    PricingTier large =
        new PricingTier(
            "Large context flex",
            false,
            1,
            List.of(
                new TierCondition.Usage(
                    "^input", TierCondition.Operator.GT, new BigDecimal("200000"), false),
                new TierCondition.Attribute(
                    TierCondition.Attribute.Source.MODEL_PARAMETERS,
                    "service_tier",
                    List.of("flex", "batch"))),
            Map.of("input", new BigDecimal("0.000005"), "output", new BigDecimal("0.00002")));
    return new ModelPrice(
        id,
        projectId,
        "gemini-2.5-pro",
        "(?i)^(google/)?(gemini-2.5-pro)$",
        Instant.parse("2026-01-15T00:00:00.123456Z"),
        ModelPrice.TOKENS,
        null,
        List.of(PricingTier.standard(standard), large),
        "https://example.invalid/pricing",
        LocalDate.of(2026, 11, 20),
        TODAY.plusNanos(654_321_000));
  }

  @Test
  protected void putModelPrice_thenGetReturnsAnEqualRecord() {
    ModelPrice price = tiered(PROJECT, "price-1");
    prices().putModelPrice(price);

    ModelPrice stored = prices().getModelPrice(PROJECT, "price-1").orElseThrow();
    assertStored(stored, price);
    assertThat(stored).isEqualTo(price);
  }

  @Test
  protected void putModelPrice_keepsDecimalPricesExact() {
    prices().putModelPrice(tiered(PROJECT, "price-1"));

    Map<String, BigDecimal> stored =
        prices().getModelPrice(PROJECT, "price-1").orElseThrow().defaultTier().prices();
    assertThat(stored.get("input")).isEqualByComparingTo("0.0000025");
    assertThat(stored.get("input_cached_tokens")).isEqualByComparingTo("0.000000125");
    assertThat(stored.get("output")).isEqualByComparingTo("0.00001");
  }

  @Test
  protected void getModelPrice_isEmptyWhenUnknown() {
    prices().putModelPrice(price(PROJECT, "price-1", TODAY));

    assertThat(prices().getModelPrice(PROJECT, "price-2")).isEmpty();
    assertThat(prices().listModelPrices("project-none")).isEmpty();
  }

  @Test
  protected void putModelPrice_replacesTheSameId() {
    prices().putModelPrice(price(PROJECT, "price-1", TODAY));
    ModelPrice replaced = tiered(PROJECT, "price-1");
    prices().putModelPrice(replaced);

    assertThat(prices().listModelPrices(PROJECT)).containsExactly(replaced);
  }

  @Test
  protected void listModelPrices_newestCreatedFirstThenId() {
    ModelPrice old = price(PROJECT, "a-old", TODAY.minusSeconds(60));
    ModelPrice newB = price(PROJECT, "b-new", TODAY);
    ModelPrice newA = price(PROJECT, "a-new", TODAY);
    ModelPrice newest = price(PROJECT, "z-newest", TODAY.plusNanos(1_000));
    for (ModelPrice p : List.of(old, newB, newest, newA)) prices().putModelPrice(p);

    assertThat(prices().listModelPrices(PROJECT)).containsExactly(newest, newA, newB, old);
  }

  @Test
  protected void deleteModelPrice_returnsWhetherItExisted() {
    prices().putModelPrice(price(PROJECT, "price-1", TODAY));
    prices().putModelPrice(price(PROJECT, "price-2", TODAY));

    assertThat(prices().deleteModelPrice(PROJECT, "price-1")).isTrue();
    assertThat(prices().deleteModelPrice(PROJECT, "price-1")).isFalse();
    assertThat(prices().getModelPrice(PROJECT, "price-1")).isEmpty();
    assertThat(prices().listModelPrices(PROJECT))
        .extracting(ModelPrice::id)
        .containsExactly("price-2");
  }

  @Test
  protected void modelPrices_areIsolatedBetweenProjects() {
    ModelPrice a = price(PROJECT, "price-1", TODAY);
    ModelPrice b = tiered(OTHER_PROJECT, "price-1");
    prices().putModelPrice(a);
    prices().putModelPrice(b);

    assertThat(prices().getModelPrice(PROJECT, "price-1")).contains(a);
    assertThat(prices().getModelPrice(OTHER_PROJECT, "price-1")).contains(b);
    assertThat(prices().deleteModelPrice(OTHER_PROJECT, "price-1")).isTrue();
    assertThat(prices().listModelPrices(PROJECT)).containsExactly(a);
    assertThat(prices().listModelPrices(OTHER_PROJECT)).isEmpty();
    assertThat(prices().deleteModelPrice(OTHER_PROJECT, "price-1")).isFalse();
  }

  @Test
  protected void putModelPrice_rejectsABundledPrice() {
    ModelPrice bundled =
        new ModelPrice(
            "gpt-4o",
            null,
            "gpt-4o",
            "gpt-4o",
            null,
            null,
            null,
            List.of(PricingTier.standard(Map.of("input", BigDecimal.ONE))),
            null,
            null,
            null);

    assertThatThrownBy(() -> prices().putModelPrice(bundled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("projectId");
    assertThat(prices().listModelPrices(PROJECT)).isEmpty();
  }
}
