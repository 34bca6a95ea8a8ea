package dev.loupe.storage.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ModelPrice} as the JSON stored in {@code model_prices.body}, field by field. Prices and
 * thresholds are decimal strings (exact, scale kept), instants ISO-8601, conditions tagged {@code
 * usage} or {@code attribute}.
 */
public final class ModelPriceJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ModelPriceJson() {}

  public static String write(ModelPrice p) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", p.id());
    n.put("projectId", p.projectId());
    n.put("modelName", p.modelName());
    n.put("matchPattern", p.matchPattern());
    n.put("startDate", p.startDate() == null ? null : p.startDate().toString());
    n.put("unit", p.unit());
    n.put("tokenizerId", p.tokenizerId());
    ArrayNode tiers = n.putArray("tiers");
    for (PricingTier t : p.tiers()) {
      ObjectNode tn = tiers.addObject();
      tn.put("name", t.name()).put("isDefault", t.isDefault()).put("priority", t.priority());
      ArrayNode conditions = tn.putArray("conditions");
      for (TierCondition c : t.conditions()) condition(conditions.addObject(), c);
      ObjectNode prices = tn.putObject("prices");
      t.prices().forEach((k, v) -> prices.put(k, v.toString()));
    }
    n.put("source", p.source());
    n.put("checkedOn", p.checkedOn() == null ? null : p.checkedOn().toString());
    n.put("createdAt", p.createdAt() == null ? null : p.createdAt().toString());
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model price " + p.id() + " cannot be written as JSON", e);
    }
  }

  public static ModelPrice read(String json) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored model price is not JSON: " + e.getMessage(), e);
    }
    List<PricingTier> tiers = new ArrayList<>();
    for (JsonNode t : n.get("tiers")) {
      List<TierCondition> conditions = new ArrayList<>();
      for (JsonNode c : t.get("conditions")) conditions.add(condition(c));
      Map<String, BigDecimal> prices = new LinkedHashMap<>();
      t.get("prices")
          .properties()
          .forEach(e -> prices.put(e.getKey(), new BigDecimal(e.getValue().asText())));
      tiers.add(
          new PricingTier(
              t.get("name").asText(),
              t.get("isDefault").asBoolean(),
              t.get("priority").asInt(),
              conditions,
              prices));
    }
    String checkedOn = text(n, "checkedOn");
    return new ModelPrice(
        n.get("id").asText(),
        text(n, "projectId"),
        n.get("modelName").asText(),
        n.get("matchPattern").asText(),
        instant(text(n, "startDate")),
        n.get("unit").asText(),
        text(n, "tokenizerId"),
        tiers,
        text(n, "source"),
        checkedOn == null ? null : LocalDate.parse(checkedOn),
        instant(text(n, "createdAt")));
  }

  private static void condition(ObjectNode n, TierCondition c) {
    switch (c) {
      case TierCondition.Usage u -> {
        n.put("kind", "usage");
        n.put("usageDetailPattern", u.usageDetailPattern());
        n.put("operator", u.operator().name());
        n.put("value", u.value().toString());
        n.put("caseSensitive", u.caseSensitive());
      }
      case TierCondition.Attribute a -> {
        n.put("kind", "attribute");
        n.put("source", a.source().name());
        n.put("key", a.key());
        ArrayNode values = n.putArray("values");
        a.values().forEach(values::add);
      }
    }
  }

  private static TierCondition condition(JsonNode n) {
    return switch (n.get("kind").asText()) {
      case "usage" ->
          new TierCondition.Usage(
              n.get("usageDetailPattern").asText(),
              TierCondition.Operator.valueOf(n.get("operator").asText()),
              new BigDecimal(n.get("value").asText()),
              n.get("caseSensitive").asBoolean());
      case "attribute" -> {
        List<String> values = new ArrayList<>();
        n.get("values").forEach(v -> values.add(v.asText()));
        yield new TierCondition.Attribute(
            TierCondition.Attribute.Source.valueOf(n.get("source").asText()),
            n.get("key").asText(),
            values);
      }
      default -> throw new IllegalStateException("stored tier condition kind " + n.get("kind"));
    };
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static @Nullable Instant instant(@Nullable String s) {
    return s == null ? null : Instant.parse(s);
  }
}
