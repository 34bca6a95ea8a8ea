package dev.loupe.query.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.query.JsonFields;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads one pricing tier of a create-model body, with its conditions. */
final class PricingTierReader {
  private static final JsonFields BODY = JsonFields.forBody();

  private PricingTierReader() {}

  static PricingTier tier(JsonNode node, String path) {
    ObjectNode t = BODY.object(node, path);
    BODY.onlyKeys(t, path, Set.of("id", "name", "isDefault", "priority", "conditions", "prices"));
    String name = BODY.text(t, "name", path);
    boolean isDefault = BODY.bool(t, "isDefault", path, false);
    JsonNode priorityNode = BODY.optional(t, "priority");
    if (priorityNode != null
        && !(priorityNode.isIntegralNumber() && priorityNode.canConvertToInt())) {
      throw new InvalidParameterException(JsonFields.join(path, "priority"), "expected an integer");
    }
    int priority = priorityNode == null ? 0 : priorityNode.intValue();
    List<TierCondition> conditions = conditions(t, JsonFields.join(path, "conditions"));
    if (isDefault && !conditions.isEmpty()) {
      throw new InvalidParameterException(
          JsonFields.join(path, "conditions"), "the default tier has none");
    }
    if (!isDefault && conditions.isEmpty()) {
      throw new InvalidParameterException(
          JsonFields.join(path, "conditions"), "a non-default tier needs at least one condition");
    }
    return new PricingTier(
        name, isDefault, priority, conditions, prices(t, JsonFields.join(path, "prices")));
  }

  private static Map<String, BigDecimal> prices(ObjectNode t, String path) {
    ObjectNode p = BODY.object(t.get("prices"), path);
    if (p.isEmpty()) throw new InvalidParameterException(path, "at least one price is required");
    Map<String, BigDecimal> prices = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : p.properties()) {
      prices.put(e.getKey(), BODY.price(e.getValue(), JsonFields.join(path, e.getKey())));
    }
    return prices;
  }

  private static List<TierCondition> conditions(ObjectNode t, String path) {
    JsonNode n = BODY.optional(t, "conditions");
    if (n == null) return List.of();
    if (!n.isArray()) throw new InvalidParameterException(path, "expected an array");
    List<TierCondition> conditions = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) conditions.add(condition(n.get(i), path + "[" + i + "]"));
    return conditions;
  }

  private static TierCondition condition(JsonNode node, String path) {
    ObjectNode c = BODY.object(node, path);
    if (c.has("usageDetailPattern")) return usage(c, path);
    if (c.has("source")) return attribute(c, path);
    throw new InvalidParameterException(
        path, "expected a usage condition (usageDetailPattern) or an attribute condition (source)");
  }

  private static TierCondition usage(ObjectNode c, String path) {
    BODY.onlyKeys(c, path, Set.of("usageDetailPattern", "operator", "value", "caseSensitive"));
    String pattern = BODY.text(c, "usageDetailPattern", path);
    if (pattern.length() > 200) {
      throw new InvalidParameterException(
          JsonFields.join(path, "usageDetailPattern"), "longer than 200 characters");
    }
    try {
      ModelPrice.compile(pattern);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          JsonFields.join(path, "usageDetailPattern"), "not a valid regular expression");
    }
    String op = BODY.text(c, "operator", path);
    TierCondition.Operator operator =
        Arrays.stream(TierCondition.Operator.values())
            .filter(o -> ModelPriceReader.wireName(o).equals(op))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        JsonFields.join(path, "operator"),
                        "unknown operator '" + op + "' (allowed: gt, gte, lt, lte, eq, neq)"));
    JsonNode value = BODY.optional(c, "value");
    if (value == null)
      throw new InvalidParameterException(JsonFields.join(path, "value"), "required");
    BigDecimal threshold = BODY.decimal(value, JsonFields.join(path, "value"));
    return new TierCondition.Usage(
        pattern, operator, threshold, BODY.bool(c, "caseSensitive", path, false));
  }

  private static TierCondition attribute(ObjectNode c, String path) {
    BODY.onlyKeys(c, path, Set.of("source", "key", "operator", "values"));
    String src = BODY.text(c, "source", path);
    TierCondition.Attribute.Source source =
        Arrays.stream(TierCondition.Attribute.Source.values())
            .filter(s -> ModelPriceReader.wireName(s).equals(src))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        JsonFields.join(path, "source"),
                        "unknown source '" + src + "' (allowed: model_parameters, metadata)"));
    String key = BODY.text(c, "key", path);
    String op = BODY.optionalText(c, "operator", path);
    if (op != null && !op.equals("in")) {
      throw new InvalidParameterException(
          JsonFields.join(path, "operator"), "only 'in' is supported, got '" + op + "'");
    }
    JsonNode values = BODY.optional(c, "values");
    if (values == null || !values.isArray() || values.isEmpty()) {
      throw new InvalidParameterException(
          JsonFields.join(path, "values"), "expected a non-empty array of strings");
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      JsonNode v = values.get(i);
      if (!v.isTextual()) {
        throw new InvalidParameterException(path + ".values[" + i + "]", "expected a string");
      }
      list.add(v.textValue());
    }
    return new TierCondition.Attribute(source, key, list);
  }
}
