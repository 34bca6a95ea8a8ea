package dev.loupe.storage.clickhouse;

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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A custom price as the JSON text of {@code model_prices.body}. Decimals are JSON strings (their
 * {@code toString}), so value and scale come back exactly; times are ISO-8601; a tier's conditions
 * are objects tagged by {@code kind}.
 */
final class PriceBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PriceBodies() {}

  static String write(ModelPrice p) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", p.id()).put("projectId", p.projectId()).put("modelName", p.modelName());
    n.put("matchPattern", p.matchPattern()).put("startDate", text(p.startDate()));
    n.put("unit", p.unit()).put("tokenizerId", p.tokenizerId());
    ArrayNode tiers = n.putArray("tiers");
    for (PricingTier t : p.tiers()) {
      ObjectNode tier = tiers.addObject();
      tier.put("name", t.name()).put("default", t.isDefault()).put("priority", t.priority());
      ArrayNode conditions = tier.putArray("conditions");
      for (TierCondition c : t.conditions()) {
        ObjectNode cn = conditions.addObject();
        switch (c) {
          case TierCondition.Usage u ->
              cn.put("kind", "usage")
                  .put("pattern", u.usageDetailPattern())
                  .put("operator", u.operator().name())
                  .put("value", u.value().toString())
                  .put("caseSensitive", u.caseSensitive());
          case TierCondition.Attribute a -> {
            cn.put("kind", "attribute").put("source", a.source().name()).put("key", a.key());
            a.values().forEach(cn.putArray("values")::add);
          }
        }
      }
      ObjectNode prices = tier.putObject("prices");
      t.prices().forEach((usage, price) -> prices.put(usage, price.toString()));
    }
    n.put("source", p.source()).put("checkedOn", text(p.checkedOn()));
    n.put("createdAt", text(p.createdAt()));
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model price " + p.id() + ": not writable as JSON", e);
    }
  }

  static ModelPrice read(String body) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model_prices.body: not JSON: " + e.getOriginalMessage(), e);
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
              t.get("default").asBoolean(),
              t.get("priority").asInt(),
              conditions,
              prices));
    }
    return new ModelPrice(
        n.get("id").asText(),
        string(n, "projectId"),
        n.get("modelName").asText(),
        n.get("matchPattern").asText(),
        parsed(n, "startDate", Instant::parse),
        n.get("unit").asText(),
        string(n, "tokenizerId"),
        tiers,
        string(n, "source"),
        parsed(n, "checkedOn", LocalDate::parse),
        parsed(n, "createdAt", Instant::parse));
  }

  private static TierCondition condition(JsonNode c) {
    String kind = c.get("kind").asText();
    if (kind.equals("usage")) {
      return new TierCondition.Usage(
          c.get("pattern").asText(),
          TierCondition.Operator.valueOf(c.get("operator").asText()),
          new BigDecimal(c.get("value").asText()),
          c.get("caseSensitive").asBoolean());
    }
    if (kind.equals("attribute")) {
      List<String> values = new ArrayList<>();
      c.get("values").forEach(v -> values.add(v.asText()));
      return new TierCondition.Attribute(
          TierCondition.Attribute.Source.valueOf(c.get("source").asText()),
          c.get("key").asText(),
          values);
    }
    throw new IllegalStateException("model_prices.body: unknown tier condition kind " + kind);
  }

  private static @Nullable String text(@Nullable Object v) {
    return v == null ? null : v.toString();
  }

  private static @Nullable String string(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static <T> @Nullable T parsed(JsonNode n, String field, Function<String, T> parse) {
    String s = string(n, field);
    return s == null ? null : parse.apply(s);
  }
}
