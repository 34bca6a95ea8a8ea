package dev.loupe.pricing;

import static dev.loupe.pricing.TestPrices.prices;
import static dev.loupe.pricing.TestPrices.projectPrice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelMatcherTest {
  private final ModelMatcher matcher = new ModelMatcher(TestPrices.table());

  private Optional<String> idFor(String name, List<ModelPrice> projectPrices) {
    return matcher.match(name, projectPrices).map(ModelPrice::id);
  }

  @Test
  void match_tablePatternWithProviderPrefixAndAnyCase() {
    assertThat(idFor("acme-1", List.of())).hasValue("acme-1");
    assertThat(idFor("ACME/Acme-1", List.of())).hasValue("acme-1");
    assertThat(idFor("acme-1-mini", List.of())).isEmpty();
    assertThat(idFor("acme-embed", List.of())).hasValue("acme-embed");
  }

  @Test
  void match_unknownNameIsEmptyAndStaysEmpty() {
    assertThat(idFor("nobody-7", List.of())).isEmpty();
    assertThat(idFor("nobody-7", List.of())).isEmpty();
  }

  @Test
  void match_projectPriceBeatsTableForTheSameName() {
    ModelPrice mine = projectPrice("mine", "(?i)^acme-1$", null, "0.5", "0.5");

    assertThat(idFor("acme-1", List.of(mine))).hasValue("mine");
    // the table answer cached before must not hide the project price, nor the other way round
    assertThat(idFor("acme-1", List.of())).hasValue("acme-1");
    assertThat(idFor("acme-1", List.of(mine))).hasValue("mine");
  }

  @Test
  void match_projectPatternIsFoundLikePostgresRegexOperator() {
    ModelPrice unanchored = projectPrice("loose", "acme", null, "1", "1");

    assertThat(idFor("my-acme-proxy", List.of(unanchored))).hasValue("loose");
  }

  @Test
  void match_newestStartDateWinsAndNullIsOldest() {
    ModelPrice none = projectPrice("a-none", "^x$", null, "1", "1");
    ModelPrice older =
        projectPrice("b-older", "^x$", Instant.parse("2026-01-01T00:00:00Z"), "1", "1");
    ModelPrice newer =
        projectPrice("c-newer", "^x$", Instant.parse("2026-06-01T00:00:00Z"), "1", "1");

    assertThat(idFor("x", List.of(none, newer, older))).hasValue("c-newer");
    assertThat(idFor("x", List.of(older, none))).hasValue("b-older");
  }

  @Test
  void match_sameStartDateThenNewestCreatedAtThenId() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    ModelPrice early = created("b", start, Instant.parse("2026-02-01T00:00:00Z"));
    ModelPrice late = created("c", start, Instant.parse("2026-03-01T00:00:00Z"));
    ModelPrice lateToo = created("a", start, Instant.parse("2026-03-01T00:00:00Z"));

    assertThat(idFor("x", List.of(early, late))).hasValue("c");
    assertThat(idFor("x", List.of(early, late, lateToo))).hasValue("a");
  }

  private static ModelPrice created(String id, Instant start, Instant createdAt) {
    return TestPrices.custom(
        id, "p1", id, "^x$", start, createdAt, List.of(PricingTier.standard(prices("input", "1"))));
  }
}
