package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbModelPriceStoreTest {
  @TempDir Path dir;

  static ModelPrice tiered(String id, String project, Instant createdAt) {
    Map<String, BigDecimal> standard = new LinkedHashMap<>();
    standard.put("input", new BigDecimal("0.0000025000"));
    standard.put("output", new BigDecimal("1E-5"));
    PricingTier large =
        new PricingTier(
            "large context",
            false,
            1,
            List.of(
                new TierCondition.Usage(
                    "^input", TierCondition.Operator.GT, new BigDecimal("200000"), false),
                new TierCondition.Attribute(
                    TierCondition.Attribute.Source.MODEL_PARAMETERS,
                    "service_tier",
                    List.of("flex", "batch"))),
            Map.of("input", new BigDecimal("0.000005")));
    return new ModelPrice(
        id,
        project,
        "gpt-4o",
        "(?i)^(openai/)?(gpt-4o)$",
        Instant.parse("2026-01-01T00:00:00.000001Z"),
        null,
        "o200k",
        List.of(PricingTier.standard(standard), large),
        "custom",
        LocalDate.parse("2026-11-01"),
        createdAt);
  }

  @Test
  void putModelPrice_roundTripsEveryFieldExactlyAndSurvivesReopen() {
    ModelPrice price = tiered("m1", "p", Instant.parse("2026-11-24T10:00:00Z"));
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      storage.modelPriceStore().putModelPrice(price);
    }
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      ModelPrice stored = storage.modelPriceStore().getModelPrice("p", "m1").orElseThrow();
      assertThat(stored).isEqualTo(price);
      assertThat(stored.defaultTier().prices().get("input")).hasToString("0.0000025000");
      assertThat(stored.tiers().get(0).prices().keySet()).containsExactly("input", "output");
    }
  }

  @Test
  void listModelPrices_newestFirstThenIdNoneLastAndScopedToTheProject() {
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      var store = storage.modelPriceStore();
      Instant t = Instant.parse("2026-11-24T10:00:00Z");
      store.putModelPrice(tiered("b", "p", t));
      store.putModelPrice(tiered("a", "p", t));
      store.putModelPrice(tiered("c", "p", t.plusSeconds(1)));
      store.putModelPrice(tiered("d", "p", null));
      store.putModelPrice(tiered("x", "other", t));
      store.putModelPrice(tiered("a", "p", t)); // replaces, not duplicates
      assertThat(store.listModelPrices("p"))
          .extracting(ModelPrice::id)
          .containsExactly("c", "a", "b", "d");
      assertThat(store.getModelPrice("p", "x")).isEmpty();
      assertThat(store.deleteModelPrice("p", "a")).isTrue();
      assertThat(store.deleteModelPrice("p", "a")).isFalse();
      assertThat(store.deleteModelPrice("p", "x")).isFalse();
      assertThat(store.listModelPrices("p"))
          .extracting(ModelPrice::id)
          .containsExactly("c", "b", "d");
    }
  }

  @Test
  void putModelPrice_rejectsABundledPrice() {
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      assertThatThrownBy(() -> storage.modelPriceStore().putModelPrice(tiered("m", null, null)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("projectId");
    }
  }
}
