package dev.loupe.pricing;

import static dev.loupe.pricing.TestPrices.generation;
import static dev.loupe.pricing.TestPrices.usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.model.CostSource;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The must-show cases on the bundled table; expected values are worked out by hand. */
class BundledPricingTest {
  private static final Pricer PRICER = new Pricer(PriceTable.bundled());

  private static Observation price(Observation.Builder o) {
    return PRICER.price(o.build(), List.of());
  }

  private static void assertCost(Observation o, String key, String expected) {
    assertThat(o.costDetails()).containsKey(key);
    assertThat(o.costDetails().get(key)).as(key).isEqualByComparingTo(expected);
  }

  @Test
  void bundled_loadsOnceWithAVersion() {
    assertThat(PriceTable.bundled()).isSameAs(PriceTable.bundled());
    assertThat(PriceTable.bundled().tableVersion()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(PriceTable.bundled().prices()).allSatisfy(p -> assertThat(p.projectId()).isNull());
  }

  @Test
  void gpt4o_thousandInputFiveHundredOutput() {
    Observation o = price(generation("gpt-4o", usage("input", 1000, "output", 500)));

    // 1000 × 0.0000025 = 0.0025; 500 × 0.00001 = 0.005
    assertThat(o.costSource()).isEqualTo(CostSource.CALCULATED);
    assertCost(o, "input", "0.0025");
    assertCost(o, "output", "0.005");
    assertCost(o, "total", "0.0075");
    assertThat(o.mappingNotes()).containsEntry("cost", "priced by gpt-4o (bundled, tier Standard)");
  }

  @Test
  void claudeSonnet45_everyCacheBucketPriced() {
    Observation o =
        price(
            generation(
                "claude-sonnet-4-5",
                usage(
                    "input", 1000,
                    "input_cached_tokens", 2000,
                    "input_cache_creation", 500,
                    "input_cache_creation_1h", 100,
                    "output", 300)));

    assertCost(o, "input", "0.003"); // 1000 × 0.000003
    assertCost(o, "input_cached_tokens", "0.0006"); // 2000 × 0.0000003
    assertCost(o, "input_cache_creation", "0.001875"); // 500 × 0.00000375
    assertCost(o, "input_cache_creation_1h", "0.0006"); // 100 × 0.000006
    assertCost(o, "output", "0.0045"); // 300 × 0.000015
    assertCost(o, "total", "0.010575");
    assertThat(o.mappingNotes().get("cost")).doesNotContain("unpriced");
  }

  @Test
  void openAiSplitUsage_nothingDoubleCountedReasoningNotMissed() {
    // ingest already split: input 1000 − 200 cached, output 400 − 300 reasoning
    Observation o =
        price(
            generation(
                "gpt-4o",
                usage(
                    "input", 800,
                    "input_cached_tokens", 200,
                    "output", 100,
                    "output_reasoning_tokens", 300)));

    assertCost(o, "input", "0.002"); // 800 × 0.0000025
    assertCost(o, "input_cached_tokens", "0.00025"); // 200 × 0.00000125
    assertCost(o, "output", "0.001"); // 100 × 0.00001
    assertCost(o, "output_reasoning_tokens", "0.003"); // 300 × 0.00001 (output price)
    assertCost(o, "total", "0.00625"); // = 800×in + 200×cached + 400×out
  }

  @Test
  void gemini25Pro_pricedByContextSizeTier() {
    Observation below =
        price(generation("gemini-2.5-pro", usage("input", 100_000, "output", 1000)));
    Observation above =
        price(generation("gemini-2.5-pro", usage("input", 250_000, "output", 1000)));

    // 100000 × 0.00000125 + 1000 × 0.00001
    assertCost(below, "total", "0.135");
    assertThat(below.mappingNotes().get("cost")).contains("tier Standard");
    // 250000 × 0.0000025 + 1000 × 0.000015
    assertCost(above, "total", "0.64");
    assertThat(above.mappingNotes().get("cost")).doesNotContain("tier Standard");
  }

  @Test
  void o3_serviceTierSelectsFlexOrPriorityTier() {
    Map<String, Long> used = usage("input", 1000, "output", 500);

    Observation standard = price(generation("o3", used));
    Observation flex = price(generation("o3", used).modelParameters("{\"service_tier\":\"flex\"}"));
    Observation priority =
        price(generation("o3", used).modelParameters("{\"service_tier\":\"priority\"}"));

    assertCost(standard, "total", "0.006"); // 1000 × 0.000002 + 500 × 0.000008
    assertCost(flex, "total", "0.003"); // 1000 × 0.000001 + 500 × 0.000004
    assertCost(priority, "total", "0.0105"); // 1000 × 0.0000035 + 500 × 0.000014
    assertThat(flex.mappingNotes()).containsEntry("cost", "priced by o3 (bundled, tier Flex)");
  }

  @Test
  void embedding_pricedOnTotalTokens() {
    Observation o =
        price(generation("text-embedding-3-small", usage("input", 5000, "total", 5000)));

    assertThat(o.costDetails()).containsOnlyKeys("total");
    assertCost(o, "total", "0.0001"); // 5000 × 0.00000002
  }

  @Test
  void projectPrice_overridesBundledForTheSameName() {
    ModelPrice mine =
        TestPrices.projectPrice("mine", "(?i)^(openai/)?gpt-4o$", null, "0.000001", "0.000002");

    Observation o =
        PRICER.price(
            generation("gpt-4o", usage("input", 1000, "output", 500)).build(), List.of(mine));

    // 1000 × 0.000001 + 500 × 0.000002
    assertThat(o.pricedModelId()).isEqualTo("mine");
    assertCost(o, "total", "0.002");
  }

  @Test
  void unknownModel_isNoPrice() {
    Observation o = price(generation("totally-unknown-model-x", usage("input", 1000)));

    assertThat(o.costSource()).isEqualTo(CostSource.NO_PRICE);
    assertThat(o.costDetails()).isEmpty();
  }

  @Test
  void examples_resolveToTheirModel() {
    ModelMatcher matcher = new ModelMatcher(PriceTable.bundled());
    Map<String, List<String>> examples = examples();

    assertThat(examples).hasSameSizeAs(PriceTable.bundled().prices());
    examples.forEach(
        (id, names) -> {
          assertThat(names).as("examples of %s", id).isNotEmpty();
          for (String name : names) {
            assertThat(matcher.matchTable(name).map(ModelPrice::id))
                .as("model for example '%s'", name)
                .hasValue(id);
          }
        });
  }

  /** Each bundled model's {@code examples}, read straight from the resource. */
  private static Map<String, List<String>> examples() {
    try (InputStream in = PriceTable.class.getResourceAsStream(PriceTable.BUNDLED_RESOURCE)) {
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, List<String>> byId = new java.util.LinkedHashMap<>();
      for (JsonNode m : root.get("models")) {
        List<String> names = new ArrayList<>();
        JsonNode ex = m.get("examples");
        if (ex != null) ex.forEach(n -> names.add(n.asText()));
        byId.put(m.get("id").asText(), names);
      }
      return byId;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
