package dev.loupe.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads one pricing tier and its conditions of the price table format. */
final class TierReader {
  private TierReader() {}

  static PricingTier tier(JsonNode t, String where) {
    if (!t.isObject()) throw new IllegalArgumentException(where + ": expected an object");
    JsonNode prices = t.get("prices");
    if (prices == null || !prices.isObject()) {
      throw new IllegalArgumentException(where + ".prices must be an object");
    }
    Map<String, BigDecimal> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : prices.properties()) {
      map.put(e.getKey(), JsonFields.number(e.getValue(), where + ".prices." + e.getKey()));
    }
    JsonNode conditions = t.get("conditions");
    List<TierCondition> list = new ArrayList<>();
    if (conditions != null && !conditions.isNull()) {
      if (!conditions.isArray()) {
        throw new IllegalArgumentException(where + ".conditions must be an array");
      }
      for (int c = 0; c < conditions.size(); c++) {
        list.add(condition(conditions.get(c), where + ".conditions[" + c + "]"));
      }
    }
    JsonNode isDefault = t.get("isDefault");
    if (isDefault != null && !isDefault.isBoolean()) {
      throw new IllegalArgumentException(where + ".isDefault must be true or false");
    }
    JsonNode priority = t.get("priority");
    if (priority != null && !priority.canConvertToInt()) {
      throw new IllegalArgumentException(where + ".priority must be an integer");
    }
    try {
      return new PricingTier(
          JsonFields.text(t, "name", where),
          isDefault != null && isDefault.booleanValue(),
          priority == null ? 0 : priority.intValue(),
          list,
          map);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static TierCondition condition(JsonNode c, String where) {
    if (!c.isObject()) throw new IllegalArgumentException(where + ": expected an object");
    String operator = JsonFields.text(c, "operator", where).toUpperCase(Locale.ROOT);
    try {
      if (c.has("usageDetailPattern")) {
        JsonNode cs = c.get("caseSensitive");
        return new TierCondition.Usage(
            JsonFields.text(c, "usageDetailPattern", where),
            JsonFields.enumValue(TierCondition.Operator.class, operator, where + ".operator"),
            JsonFields.number(c.get("value"), where + ".value"),
            cs != null && cs.asBoolean(false));
      }
      if (!operator.equals("IN")) {
        throw new IllegalArgumentException(where + ".operator must be 'in' for an attribute");
      }
      String source = JsonFields.text(c, "source", where).toUpperCase(Locale.ROOT);
      JsonNode values = c.get("values");
      if (values == null || !values.isArray()) {
        throw new IllegalArgumentException(where + ".values must be an array");
      }
      List<String> list = new ArrayList<>();
      values.forEach(v -> list.add(v.asText()));
      return new TierCondition.Attribute(
          JsonFields.enumValue(TierCondition.Attribute.Source.class, source, where + ".source"),
          JsonFields.text(c, "key", where),
          list);
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage();
      throw new IllegalArgumentException(
          msg != null && msg.startsWith(where) ? msg : where + ": " + msg, e);
    }
  }
}
