package dev.loupe.query.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.storage.Page;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelPriceJsonTest {
  static final Instant CREATED = Instant.parse("2026-11-24T08:00:00.123456Z");

  static Map<String, BigDecimal> prices(String... kv) {
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], new BigDecimal(kv[i + 1]));
    return m;
  }

  static ModelPrice tiered(String projectId) {
    return new ModelPrice(
        "m1",
        projectId,
        "gemini-2.5-pro",
        "(?i)^(google/)?(gemini-2.5-pro)$",
        Instant.parse("2025-06-01T00:00:00Z"),
        "TOKENS",
        "claude",
        List.of(
            PricingTier.standard(
                prices(
                    "input", "0.00000125", "input_cached_tokens", "3.1E-7", "output", "0.00001")),
            new PricingTier(
                "Large Context",
                false,
                1,
                List.of(
                    new TierCondition.Usage(
                        "(input|prompt|cached)",
                        TierCondition.Operator.GT,
                        new BigDecimal("200000"),
                        false)),
                prices("input", "0.0000025", "output", "0.000015")),
            new PricingTier(
                "Flex",
                false,
                2,
                List.of(
                    new TierCondition.Attribute(
                        TierCondition.Attribute.Source.MODEL_PARAMETERS,
                        "service_tier",
                        List.of("flex"))),
                prices("input", "0.000000625", "output", "0.000005"))),
        "provider pricing page",
        LocalDate.parse("2026-11-01"),
        CREATED);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static JsonNode parse(byte[] b) {
    return Json.parse(text(b));
  }

  static String body(String json) {
    return json.replace('\'', '"');
  }

  @Test
  void write_thenRead_isTheSameRecord() {
    ModelPrice price = tiered("p1");

    ModelPrice back = ModelPriceJson.read(text(ModelPriceJson.one(price)), "m1", "p1", CREATED);

    assertThat(back).isEqualTo(price);
  }

  @Test
  void write_hasLangfuseModelShape() {
    JsonNode m = parse(ModelPriceJson.one(tiered(null)));

    assertThat(m.get("id").asText()).isEqualTo("m1");
    assertThat(m.get("modelName").asText()).isEqualTo("gemini-2.5-pro");
    assertThat(m.get("matchPattern").asText()).isEqualTo("(?i)^(google/)?(gemini-2.5-pro)$");
    assertThat(m.get("startDate").asText()).isEqualTo("2025-06-01T00:00:00.000Z");
    assertThat(m.get("unit").asText()).isEqualTo("TOKENS");
    assertThat(m.get("tokenizerId").asText()).isEqualTo("claude");
    assertThat(m.get("tokenizerConfig").isNull()).isTrue();
    assertThat(m.get("isLangfuseManaged").asBoolean()).isTrue();
    assertThat(m.get("createdAt").asText()).isEqualTo("2026-11-24T08:00:00.123456Z");
    assertThat(m.get("source").asText()).isEqualTo("provider pricing page");
    assertThat(m.get("checkedOn").asText()).isEqualTo("2026-11-01");
    String raw = text(ModelPriceJson.one(tiered(null)));
    assertThat(raw)
        .contains("\"inputPrice\":0.00000125,\"outputPrice\":0.00001,\"totalPrice\":null,")
        .contains(
            "\"prices\":{\"input\":{\"price\":0.00000125},"
                + "\"input_cached_tokens\":{\"price\":0.00000031},\"output\":{\"price\":0.00001}}")
        .contains(
            "{\"id\":\"m1:1\",\"name\":\"Large Context\",\"isDefault\":false,\"priority\":1,"
                + "\"conditions\":[{\"usageDetailPattern\":\"(input|prompt|cached)\","
                + "\"operator\":\"gt\",\"value\":200000,\"caseSensitive\":false}],"
                + "\"prices\":{\"input\":0.0000025,\"output\":0.000015}}")
        .contains(
            "\"conditions\":[{\"source\":\"model_parameters\",\"key\":\"service_tier\","
                + "\"operator\":\"in\",\"values\":[\"flex\"]}]");
    assertThat(m.get("pricingTiers").get(0).get("id").asText()).isEqualTo("m1:0");
    assertThat(m.get("pricingTiers").get(0).get("isDefault").asBoolean()).isTrue();
  }

  @Test
  void page_listsWithMetaAndCustomPricesAreNotManaged() {
    JsonNode body = parse(ModelPriceJson.page(new Page<>(List.of(tiered("p1")), 1, 50, 1)));

    assertThat(body.get("data").get(0).get("isLangfuseManaged").asBoolean()).isFalse();
    assertThat(body.get("meta").get("totalItems").asInt()).isEqualTo(1);
  }

  @Test
  void read_flatPricesBecomeTheDefaultTier() {
    ModelPrice p =
        ModelPriceJson.read(
            body(
                "{'modelName':'my-llm','matchPattern':'(?i)^my-llm$','inputPrice':0.000001,"
                    + "'outputPrice':2e-6,'startDate':'2026-01-01','unit':null,'tokenizerConfig':{'a':1}}"),
            "c1",
            "p1",
            CREATED);

    assertThat(p)
        .isEqualTo(
            new ModelPrice(
                "c1",
                "p1",
                "my-llm",
                "(?i)^my-llm$",
                Instant.parse("2026-01-01T00:00:00Z"),
                "TOKENS",
                null,
                List.of(PricingTier.standard(prices("input", "0.000001", "output", "2e-6"))),
                null,
                null,
                CREATED));
  }

  @Test
  void read_flatPricesMatchingTheDefaultTierAreAccepted() {
    ModelPrice p =
        ModelPriceJson.read(
            body(
                "{'modelName':'m','matchPattern':'m','inputPrice':1.0,'pricingTiers':[{'name':'S',"
                    + "'isDefault':true,'priority':0,'conditions':[],'prices':{'input':1}}]}"),
            "c1",
            "p1",
            CREATED);

    assertThat(p.defaultTier().prices()).containsEntry("input", new BigDecimal("1"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{ | body: malformed JSON",
        "[] | body: expected an object",
        "{'matchPattern':'x','inputPrice':1} | modelName: required",
        "{'modelName':' ','matchPattern':'x','inputPrice':1} | modelName: required",
        "{'modelName':'m','inputPrice':1} | matchPattern: required",
        "{'modelName':'m','matchPattern':'(','inputPrice':1} | matchPattern: not a valid regular"
            + " expression",
        "{'modelName':'m','matchPattern':'m','inputPrise':1} | inputPrise: unknown field (allowed:",
        "{'modelName':'m','matchPattern':'m'} | pricingTiers: no price: give inputPrice,"
            + " outputPrice, totalPrice or pricingTiers",
        "{'modelName':'m','matchPattern':'m','inputPrice':'1'} | inputPrice: expected a number",
        "{'modelName':'m','matchPattern':'m','inputPrice':-1} | inputPrice: must not be negative,"
            + " got -1",
        "{'modelName':'m','matchPattern':'m','inputPrice':1,'startDate':'soon'} | startDate: not an"
            + " ISO-8601 timestamp: 'soon'",
        "{'modelName':'m','matchPattern':'m','inputPrice':1,'checkedOn':'2026-13-01'} | checkedOn:"
            + " not an ISO-8601 date: '2026-13-01'",
        "{'modelName':'m','matchPattern':'m','pricingTiers':{}} | pricingTiers: expected an array",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'A','isDefault':false,"
            + "'conditions':[{'usageDetailPattern':'input','operator':'gt','value':1}],"
            + "'prices':{'input':1}}]} | pricingTiers: exactly one default tier required, found 0",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'A','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','isDefault':true,'prices':{'input':2}}]} |"
            + " pricingTiers: exactly one default tier required, found 2",
        "{'modelName':'m','matchPattern':'m','inputPrice':2,'pricingTiers':[{'name':'A',"
            + "'isDefault':true,'prices':{'input':1}}]} | inputPrice: differs from the default"
            + " tier's 'input' price 1",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'isDefault':true,'prices':{'input':1}}]}"
            + " | pricingTiers[0].name: required",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'A','isDefault':true,"
            + "'prices':{}}]} | pricingTiers[0].prices: at least one price is required",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'A','isDefault':true}]} |"
            + " pricingTiers[0].prices: expected an object",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'A','isDefault':true,"
            + "'prices':{'input':-0.5}}]} | pricingTiers[0].prices.input: must not be negative",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'A','isDefault':true,"
            + "'priority':1.5,'prices':{'input':1}}]} | pricingTiers[0].priority: expected an"
            + " integer",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'A','isDefault':'yes',"
            + "'prices':{'input':1}}]} | pricingTiers[0].isDefault: expected true or false",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'A','isDefault':true,"
            + "'conditions':[{'usageDetailPattern':'input','operator':'gt','value':1}],"
            + "'prices':{'input':1}}]} | pricingTiers[0].conditions: the default tier has none",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'S','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','isDefault':false,'prices':{'input':2}}]} |"
            + " pricingTiers[1].conditions: a non-default tier needs at least one condition",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'S','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','conditions':[{'usageDetailPattern':'input',"
            + "'operator':'over','value':1}],'prices':{'input':2}}]} |"
            + " pricingTiers[1].conditions[0].operator: unknown operator 'over' (allowed: gt, gte,"
            + " lt, lte, eq, neq)",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'S','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','conditions':[{'usageDetailPattern':'(',"
            + "'operator':'gt','value':1}],'prices':{'input':2}}]} |"
            + " pricingTiers[1].conditions[0].usageDetailPattern: not a valid regular expression",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'S','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','conditions':[{'usageDetailPattern':'input',"
            + "'operator':'gt'}],'prices':{'input':2}}]} | pricingTiers[1].conditions[0].value:"
            + " required",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'S','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','conditions':[{'key':'k'}],'prices':{'input':2}}]}"
            + " | pricingTiers[1].conditions[0]: expected a usage condition",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'S','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','conditions':[{'source':'headers','key':'k',"
            + "'values':['a']}],'prices':{'input':2}}]} | pricingTiers[1].conditions[0].source:"
            + " unknown source 'headers' (allowed: model_parameters, metadata)",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'S','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','conditions':[{'source':'metadata','key':'k',"
            + "'operator':'not in','values':['a']}],'prices':{'input':2}}]} |"
            + " pricingTiers[1].conditions[0].operator: only 'in' is supported, got 'not in'",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'S','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','conditions':[{'source':'metadata','key':'k',"
            + "'values':[]}],'prices':{'input':2}}]} | pricingTiers[1].conditions[0].values:"
            + " expected a non-empty array of strings",
        "{'modelName':'m','matchPattern':'m','pricingTiers':[{'name':'S','isDefault':true,"
            + "'prices':{'input':1}},{'name':'B','conditions':[{'source':'metadata','key':'k',"
            + "'values':[1]}],'prices':{'input':2}}]} | pricingTiers[1].conditions[0].values[0]:"
            + " expected a string",
      })
  void read_rejectsBadBodiesNamingTheField(String json, String message) {
    assertThatThrownBy(() -> ModelPriceJson.read(body(json), "c1", "p1", CREATED))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith(message);
  }
}
