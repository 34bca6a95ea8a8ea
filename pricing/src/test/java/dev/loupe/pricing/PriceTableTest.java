package dev.loupe.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  private static final String MODEL =
      """
      {"id":"openai/gpt-x","modelName":"gpt-x","provider":"openai",
       "matchPattern":"(?i)^(openai/)?(gpt-x)$","unit":"TOKENS","tokenizerId":"openai",
       "source":"https://example.invalid/pricing","checkedOn":"2026-11-24","examples":["gpt-x"],
       "pricingTiers":[
         {"name":"Standard","isDefault":true,"priority":0,"conditions":[],
          "prices":{"input":2.5e-6,"input_cached_tokens":1.23456789012345678901e-6,"output":1e-5}},
         {"name":"Flex","isDefault":false,"priority":1,
          "conditions":[{"source":"model_parameters","key":"service_tier","operator":"in","values":["flex"]}],
          "prices":{"input":1.25e-6,"output":5e-6}},
         {"name":"Large","isDefault":false,"priority":2,
          "conditions":[{"usageDetailPattern":"^input","operator":"gt","value":200000,"caseSensitive":true}],
          "prices":{"input":5e-6,"output":2e-5}}]}
      """;

  private static PriceTable read(String json) {
    return PriceTable.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String table(String... models) {
    return "{\"tableVersion\":\"2026-11-24\",\"models\":[" + String.join(",", models) + "]}";
  }

  @Test
  void read_parsesEveryField() {
    PriceTable table = read(table(MODEL));

    assertThat(table.tableVersion()).isEqualTo("2026-11-24");
    ModelPrice p = table.prices().get(0);
    assertThat(p.id()).isEqualTo("openai/gpt-x");
    assertThat(p.projectId()).isNull();
    assertThat(p.modelName()).isEqualTo("gpt-x");
    assertThat(p.matchPattern()).isEqualTo("(?i)^(openai/)?(gpt-x)$");
    assertThat(p.tokenizerId()).isEqualTo("openai");
    assertThat(p.checkedOn()).isEqualTo(LocalDate.of(2026, 11, 24));
    assertThat(p.source()).isEqualTo("https://example.invalid/pricing");
    assertThat(p.tiers())
        .extracting(PricingTier::name)
        .containsExactly("Standard", "Flex", "Large");
    assertThat(p.tiers().get(1).conditions())
        .containsExactly(
            new TierCondition.Attribute(
                TierCondition.Attribute.Source.MODEL_PARAMETERS,
                "service_tier",
                java.util.List.of("flex")));
    assertThat(p.tiers().get(2).conditions())
        .containsExactly(
            new TierCondition.Usage(
                "^input", TierCondition.Operator.GT, new BigDecimal("200000"), true));
    assertThat(table.byId("openai/gpt-x")).contains(p);
  }

  @Test
  void read_pricesAreExactDecimals() {
    ModelPrice p = read(table(MODEL)).prices().get(0);

    // more digits than a double holds: must survive exactly
    assertThat(p.defaultTier().prices().get("input_cached_tokens"))
        .isEqualByComparingTo(new BigDecimal("0.00000123456789012345678901"));
    assertThat(p.defaultTier().prices().get("input")).isEqualByComparingTo("0.0000025");
  }

  @Test
  void read_missingFieldNamesModelAndField() {
    String noPattern = MODEL.replace("\"matchPattern\":\"(?i)^(openai/)?(gpt-x)$\",", "");

    assertThatThrownBy(() -> read(table(noPattern)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model 'openai/gpt-x': matchPattern must be a non-empty string");
  }

  @Test
  void read_nonNumericPriceNamesTierAndKey() {
    String bad = MODEL.replace("\"output\":1e-5", "\"output\":\"cheap\"");

    assertThatThrownBy(() -> read(table(bad)))
        .hasMessage("model 'openai/gpt-x': pricingTiers[0].prices.output must be a number");
  }

  @Test
  void read_invalidRegexNamesModel() {
    String bad = MODEL.replace("(?i)^(openai/)?(gpt-x)$", "(gpt-x");

    assertThatThrownBy(() -> read(table(bad)))
        .hasMessageStartingWith(
            "model 'openai/gpt-x': matchPattern is not a valid regular expression");
  }

  @Test
  void read_unknownOperatorNamesCondition() {
    String bad = MODEL.replace("\"operator\":\"gt\"", "\"operator\":\"above\"");

    assertThatThrownBy(() -> read(table(bad)))
        .hasMessage(
            "model 'openai/gpt-x': pricingTiers[2].conditions[0].operator must be one of"
                + " [gt, gte, lt, lte, eq, neq], not above");
  }

  @Test
  void read_tierTableWithoutDefaultRejected() {
    String bad = MODEL.replace("\"isDefault\":true", "\"isDefault\":false");

    assertThatThrownBy(() -> read(table(bad)))
        .hasMessage(
            "model 'openai/gpt-x': pricingTiers: exactly one default tier required, found 0");
  }

  @Test
  void read_duplicateIdRejected() {
    assertThatThrownBy(() -> read(table(MODEL, MODEL)))
        .hasMessage("model 'openai/gpt-x': duplicate id");
  }

  @Test
  void read_missingVersionOrNotJsonRejected() {
    assertThatThrownBy(() -> read("{\"models\":[]}"))
        .hasMessage("price table: tableVersion must be a non-empty string");
    assertThatThrownBy(() -> read("{\"tableVersion\":\"x\",\"models\":["))
        .hasMessageStartingWith("price table is not JSON");
  }
}
