package dev.loupe.pricing;

import static dev.loupe.model.TierCondition.Attribute.Source.MODEL_PARAMETERS;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.Observation;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Picks the tier that prices an observation: non-default tiers by ascending priority, the first
 * whose conditions all hold (an empty list never holds), else the default tier.
 */
final class TierSelector {
  private final PatternCache usagePatterns = new PatternCache(1_000);

  PricingTier select(ModelPrice price, Observation o) {
    List<PricingTier> tiers = price.tiers();
    if (tiers.size() == 1) return tiers.get(0);
    Attributes attributes = new Attributes(o);
    // the holding tier of lowest priority, the first listed among equals (no sort per observation)
    PricingTier best = null, fallback = null;
    for (PricingTier t : tiers) {
      if (t.isDefault()) fallback = t;
      else if ((best == null || t.priority() < best.priority())
          && allHold(t.conditions(), o, attributes)) best = t;
    }
    return best != null ? best : fallback;
  }

  private boolean allHold(List<TierCondition> conditions, Observation o, Attributes attributes) {
    if (conditions.isEmpty()) return false;
    for (TierCondition c : conditions) {
      boolean holds =
          switch (c) {
            case TierCondition.Usage u -> usageHolds(u, o.usageDetails());
            case TierCondition.Attribute a -> isOneOf(attributes.value(a), a.values());
          };
      if (!holds) return false;
    }
    return true;
  }

  private static boolean isOneOf(@Nullable String value, List<String> values) {
    return value != null && values.contains(value);
  }

  private boolean usageHolds(TierCondition.Usage u, Map<String, Long> usage) {
    var pattern = usagePatterns.get(u.usageDetailPattern(), u.caseSensitive());
    long sum = 0;
    for (Map.Entry<String, Long> e : usage.entrySet()) {
      if (pattern.matcher(e.getKey()).find()) sum += e.getValue();
    }
    return u.operator().test(BigDecimal.valueOf(sum), u.value());
  }

  /** The observation's model parameters and metadata, parsed on first use. */
  private static final class Attributes {
    private final Observation o;
    private @Nullable JsonNode modelParameters, metadata;

    Attributes(Observation o) {
      this.o = o;
    }

    /** The value at the condition's key as text; null when absent or not a JSON object. */
    @Nullable String value(TierCondition.Attribute a) {
      String raw = a.source() == MODEL_PARAMETERS ? o.modelParameters() : o.metadata();
      if (raw == null) return null;
      // without escapes a present key appears literally: skip parsing when it cannot be there
      if (raw.indexOf('\\') < 0 && !raw.contains(a.key())) return null;
      JsonNode object =
          switch (a.source()) {
            case MODEL_PARAMETERS ->
                modelParameters != null
                    ? modelParameters
                    : (modelParameters = parse(o.modelParameters()));
            case METADATA -> metadata != null ? metadata : (metadata = parse(o.metadata()));
          };
      JsonNode v = object.get(a.key());
      if (v == null || v.isNull() || v.isMissingNode()) return null;
      return v.isValueNode() ? v.asText() : v.toString();
    }

    private static JsonNode parse(@Nullable String json) {
      if (json == null || json.isBlank()) return Json.MAPPER.createObjectNode();
      try {
        JsonNode node = Json.parse(json);
        return node.isObject() ? node : Json.MAPPER.createObjectNode();
      } catch (IllegalArgumentException e) {
        return Json.MAPPER.createObjectNode();
      }
    }
  }
}
