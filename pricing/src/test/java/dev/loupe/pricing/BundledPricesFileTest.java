package dev.loupe.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the bundled price table file itself, read with plain Jackson (independent of the loader):
 * shape, unambiguous matching, canonical price keys, provenance, coverage and the prices other
 * tests rely on.
 */
class BundledPricesFileTest {
  private static final String RESOURCE = "/dev/loupe/pricing/bundled-prices.json";
  private static final Set<String> PRICE_KEYS =
      Set.of(
          "input",
          "output",
          "total",
          "input_cached_tokens",
          "input_cache_creation",
          "input_cache_creation_1h",
          "output_reasoning_tokens",
          "input_audio_tokens",
          "output_audio_tokens");
  private static final Set<String> USAGE_OPERATORS = Set.of("gt", "gte", "lt", "lte", "eq", "neq");
  private static final List<String> PROVIDERS =
      List.of(
          "openai",
          "anthropic",
          "google",
          "mistral",
          "cohere",
          "deepseek",
          "xai",
          "bedrock",
          "groq",
          "together_ai");

  private static JsonNode root;
  private static List<JsonNode> models;
  private static Map<String, Pattern> patterns;

  @BeforeAll
  static void read() throws IOException {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    try (InputStream in = BundledPricesFileTest.class.getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      root = mapper.readTree(in);
    }
    models = StreamSupport.stream(root.get("models").spliterator(), false).toList();
    patterns = new LinkedHashMap<>();
    for (JsonNode m : models) {
      patterns.put(id(m), Pattern.compile(m.get("matchPattern").asText()));
    }
  }

  @Test
  void table_hasADatedVersionAndAtLeast150Models() {
    assertThat(LocalDate.parse(root.get("tableVersion").asText())).isNotNull();
    assertThat(models).hasSizeGreaterThanOrEqualTo(150);
  }

  @Test
  void ids_areUnique() {
    Set<String> seen = new HashSet<>();
    for (JsonNode m : models) assertThat(seen.add(id(m))).as("duplicate id %s", id(m)).isTrue();
  }

  @Test
  void patterns_areAnchoredCaseInsensitiveAndMatchNameAndExamples() {
    for (JsonNode m : models) {
      String pattern = m.get("matchPattern").asText();
      assertThat(pattern).as("matchPattern of %s", id(m)).startsWith("(?i)^").endsWith("$");
      List<String> examples = examples(m);
      assertThat(examples).as("examples of %s", id(m)).contains(m.get("modelName").asText());
      assertThat(examples).as("prefixed examples of %s", id(m)).anyMatch(e -> e.contains("/"));
      for (String e : examples) {
        assertThat(patterns.get(id(m)).matcher(e).matches())
            .as("%s matches its example '%s'", id(m), e)
            .isTrue();
      }
    }
  }

  @Test
  void examples_matchNoOtherModel() {
    for (JsonNode m : models) {
      for (String e : examples(m)) {
        List<String> others =
            patterns.entrySet().stream()
                .filter(p -> !p.getKey().equals(id(m)) && p.getValue().matcher(e).matches())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(others).as("other models matching '%s' (example of %s)", e, id(m)).isEmpty();
      }
    }
  }

  @Test
  void tiers_exactlyOneDefaultWithoutConditionsAndConditionalOthers() {
    for (JsonNode m : models) {
      List<JsonNode> tiers = list(m.get("pricingTiers"));
      assertThat(tiers.stream().filter(t -> t.get("isDefault").asBoolean()))
          .as("default tiers of %s", id(m))
          .hasSize(1);
      Set<Integer> priorities = new HashSet<>();
      for (JsonNode t : tiers) {
        String where = id(m) + " tier " + t.get("name").asText();
        assertThat(priorities.add(t.get("priority").asInt()))
            .as("unique priority, " + where)
            .isTrue();
        boolean isDefault = t.get("isDefault").asBoolean();
        assertThat(t.get("conditions").isEmpty())
            .as("conditions empty iff default, " + where)
            .isEqualTo(isDefault);
        t.get("conditions").forEach(c -> assertConditionShape(c, where));
      }
    }
  }

  @Test
  void prices_areNonNegativeDecimalsUnderCanonicalKeys() {
    for (JsonNode m : models) {
      for (JsonNode t : m.get("pricingTiers")) {
        String where = id(m) + " tier " + t.get("name").asText();
        JsonNode prices = t.get("prices");
        assertThat(prices.size()).as("prices of " + where).isPositive();
        prices
            .properties()
            .forEach(
                e -> {
                  assertThat(PRICE_KEYS).as("price key in " + where).contains(e.getKey());
                  assertThat(e.getValue().isBigDecimal())
                      .as(where + " " + e.getKey() + " is a decimal")
                      .isTrue();
                  assertThat(e.getValue().decimalValue().signum())
                      .as(where + " " + e.getKey())
                      .isNotNegative();
                });
        if (prices.has("total")) {
          assertThat(prices.size()).as("total-priced tier has only total, " + where).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void provenance_everyModelHasSourceAndCheckedOn() {
    for (JsonNode m : models) {
      assertThat(m.path("source").asText()).as("source of %s", id(m)).startsWith("https://");
      assertThat(LocalDate.parse(m.path("checkedOn").asText()))
          .as("checkedOn of %s", id(m))
          .isNotNull();
      assertThat(m.path("unit").asText()).as("unit of %s", id(m)).isEqualTo("TOKENS");
    }
  }

  @Test
  void coverage_everyProviderAndHostedFamilyIsPresent() {
    Set<String> providers = new HashSet<>();
    models.forEach(m -> providers.add(m.get("provider").asText()));
    assertThat(providers).containsAll(PROVIDERS);
    List<String> names = models.stream().map(m -> m.get("modelName").asText()).toList();
    assertThat(names).anyMatch(n -> n.toLowerCase().contains("llama"));
    assertThat(names).anyMatch(n -> n.contains("amazon.nova"));
    List<String> allExamples = models.stream().flatMap(m -> examples(m).stream()).toList();
    assertThat(allExamples)
        .contains(
            "azure/gpt-4o",
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
            "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "claude-sonnet-4-5@20250929",
            "vertex_ai/gemini-2.5-pro",
            "models/gemini-2.5-flash");
  }

  @Test
  void knownPrices_areExact() {
    assertPrices(
        "gpt-4o",
        "Standard",
        Map.of("input", "2.5e-6", "output", "1e-5", "input_cached_tokens", "1.25e-6"));
    Map<String, String> sonnet =
        Map.of(
            "input",
            "3e-6",
            "output",
            "1.5e-5",
            "input_cached_tokens",
            "3e-7",
            "input_cache_creation",
            "3.75e-6",
            "input_cache_creation_1h",
            "6e-6");
    assertPrices("claude-sonnet-4-5", "Standard", sonnet);
    assertPrices("anthropic/claude-sonnet-4-5-20250929", "Standard", sonnet);
    assertPrices("claude-3-5-sonnet-20241022", "Standard", sonnet);
    assertPrices("claude-3-5-sonnet-20240620", "Standard", sonnet);
    assertPrices("gemini-2.5-pro", "Standard", Map.of("input", "1.25e-6", "output", "1e-5"));
    assertPrices(
        "google/gemini-2.5-pro",
        "Long context (>200K)",
        Map.of("input", "2.5e-6", "output", "1.5e-5"));
    assertPrices("text-embedding-3-small", "Standard", Map.of("total", "2e-8"));
  }

  private static void assertPrices(String name, String tier, Map<String, String> expected) {
    List<JsonNode> matching =
        models.stream().filter(m -> patterns.get(id(m)).matcher(name).matches()).toList();
    assertThat(matching).as("models matching '%s'", name).hasSize(1);
    JsonNode prices =
        list(matching.get(0).get("pricingTiers")).stream()
            .filter(t -> t.get("name").asText().equals(tier))
            .findFirst()
            .orElseGet(() -> fail("no tier '%s' for '%s'", tier, name))
            .get("prices");
    expected.forEach(
        (key, value) ->
            assertThat(prices.path(key).decimalValue())
                .as("%s %s %s", name, tier, key)
                .isEqualByComparingTo(new BigDecimal(value)));
  }

  private static void assertConditionShape(JsonNode c, String where) {
    if (c.has("usageDetailPattern")) {
      assertThat(Pattern.compile(c.get("usageDetailPattern").asText())).isNotNull();
      assertThat(USAGE_OPERATORS)
          .as("usage operator, " + where)
          .contains(c.get("operator").asText());
      assertThat(c.get("value").isNumber()).as("usage value is a number, " + where).isTrue();
      assertThat(c.get("caseSensitive").isBoolean()).as("caseSensitive, " + where).isTrue();
    } else {
      assertThat(c.get("source").asText())
          .as("attribute source, " + where)
          .isIn("model_parameters", "metadata");
      assertThat(c.get("operator").asText()).as("attribute operator, " + where).isEqualTo("in");
      assertThat(c.get("key").asText()).as("attribute key, " + where).isNotBlank();
      assertThat(list(c.get("values"))).as("attribute values, " + where).isNotEmpty();
    }
  }

  private static String id(JsonNode m) {
    return m.get("id").asText();
  }

  private static List<String> examples(JsonNode m) {
    List<String> out = new ArrayList<>();
    m.path("examples").forEach(e -> out.add(e.asText()));
    return out;
  }

  private static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }
}
