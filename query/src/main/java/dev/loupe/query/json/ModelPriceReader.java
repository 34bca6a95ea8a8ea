package dev.loupe.query.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.query.JsonFields;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads a create-model body (see {@link ModelPriceJson#read}). */
final class ModelPriceReader {
  private static final JsonFields BODY = JsonFields.forBody();

  private static final Set<String> FIELDS =
      Set.of(
          "modelName",
          "matchPattern",
          "startDate",
          "unit",
          "inputPrice",
          "outputPrice",
          "totalPrice",
          "tokenizerId",
          "tokenizerConfig",
          "pricingTiers",
          "source",
          "checkedOn",
          // written, not settable: ignored on read
          "id",
          "projectId",
          "isLangfuseManaged",
          "createdAt",
          "updatedAt",
          "prices");

  /** The flat price fields and the usage type each one prices. */
  private static final Map<String, String> FLAT =
      Map.of("inputPrice", "input", "outputPrice", "output", "totalPrice", "total");

  private ModelPriceReader() {}

  static ModelPrice read(String json, String id, String projectId, Instant createdAt) {
    ObjectNode o = BODY.parseObject(json);
    BODY.onlyKeys(o, "", FIELDS);
    String modelName = BODY.text(o, "modelName", "");
    String matchPattern = BODY.text(o, "matchPattern", "");
    try {
      ModelPrice.compile(matchPattern);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          "matchPattern", e.getMessage().replaceFirst("^matchPattern is ", ""));
    }
    List<PricingTier> tiers = tiers(o);
    return new ModelPrice(
        id,
        projectId,
        modelName,
        matchPattern,
        BODY.optionalInstant(o, "startDate", ""),
        BODY.optionalText(o, "unit", ""),
        BODY.optionalText(o, "tokenizerId", ""),
        tiers,
        BODY.optionalText(o, "source", ""),
        date(BODY.optionalText(o, "checkedOn", ""), "checkedOn"),
        createdAt);
  }

  private static List<PricingTier> tiers(ObjectNode o) {
    Map<String, BigDecimal> flat = new LinkedHashMap<>();
    for (String field : List.of("inputPrice", "outputPrice", "totalPrice")) {
      BigDecimal p = BODY.optionalPrice(o, field, "");
      if (p != null) flat.put(FLAT.get(field), p);
    }
    JsonNode tiersNode = BODY.optional(o, "pricingTiers");
    if (tiersNode == null || (tiersNode.isArray() && tiersNode.isEmpty())) {
      if (flat.isEmpty()) {
        throw new InvalidParameterException(
            "pricingTiers", "no price: give inputPrice, outputPrice, totalPrice or pricingTiers");
      }
      return List.of(PricingTier.standard(flat));
    }
    if (!tiersNode.isArray())
      throw new InvalidParameterException("pricingTiers", "expected an array");
    List<PricingTier> tiers = new ArrayList<>();
    for (int i = 0; i < tiersNode.size(); i++) {
      tiers.add(PricingTierReader.tier(tiersNode.get(i), "pricingTiers[" + i + "]"));
    }
    List<PricingTier> defaults = tiers.stream().filter(PricingTier::isDefault).toList();
    if (defaults.size() != 1) {
      throw new InvalidParameterException(
          "pricingTiers", "exactly one default tier required, found " + defaults.size());
    }
    Map<String, BigDecimal> standard = defaults.get(0).prices();
    for (Map.Entry<String, String> f : FLAT.entrySet()) {
      BigDecimal given = flat.get(f.getValue());
      BigDecimal tier = standard.get(f.getValue());
      if (given != null && (tier == null || given.compareTo(tier) != 0)) {
        throw new InvalidParameterException(
            f.getKey(),
            "differs from the default tier's '"
                + f.getValue()
                + "' price "
                + tier
                + "; give flat prices or pricingTiers");
      }
    }
    return tiers;
  }

  private static @Nullable LocalDate date(@Nullable String v, String field) {
    if (v == null) return null;
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException(field, "not an ISO-8601 date: '" + v + "'");
    }
  }

  /** The wire name of a condition operator: gt, gte, lt, lte, eq, neq. */
  static String wireName(TierCondition.Operator op) {
    return op.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The wire name of an attribute source: model_parameters or metadata. */
  static String wireName(TierCondition.Attribute.Source source) {
    return source.name().toLowerCase(java.util.Locale.ROOT);
  }
}
