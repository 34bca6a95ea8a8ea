package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import dev.loupe.storage.Page;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Model prices in the Langfuse public API shape ({@code /api/public/models}), both directions.
 *
 * <p>Written: {@code {id, modelName, matchPattern, startDate, unit, inputPrice, outputPrice,
 * totalPrice, tokenizerId, tokenizerConfig (null), isLangfuseManaged, createdAt, prices:
 * {usageType: {price}}, pricingTiers: [{id, name, isDefault, priority, conditions, prices}],
 * source, checkedOn}}. The flat prices and {@code prices} are the default tier's; a tier's id is
 * {@code <modelId>:<index>}; {@code isLangfuseManaged} is true for a bundled price; {@code source}
 * and {@code checkedOn} are Loupe's. Prices are exact decimals. Conditions: {@code
 * {usageDetailPattern, operator: gt|gte|lt|lte|eq|neq, value, caseSensitive}} or {@code {source:
 * model_parameters|metadata, key, operator: "in", values}}.
 *
 * <p>Read ({@code POST /api/public/models}): see {@link #read(String, String, String, Instant)}.
 */
public final class ModelPriceJson {
  private ModelPriceJson() {}

  /** {@code GET /api/public/models/{id}} and the answer of a create. */
  public static byte[] one(ModelPrice price) {
    return JsonOut.bytes(g -> write(g, price));
  }

  /** {@code GET /api/public/models}. */
  public static byte[] page(Page<ModelPrice> page) {
    return JsonOut.page(page, ModelPriceJson::write);
  }

  /**
   * A custom price from a create body: {@code modelName} and {@code matchPattern} (a valid regular
   * expression) are required; {@code startDate} (ISO-8601), {@code unit} (default {@code TOKENS}),
   * {@code tokenizerId}, {@code source} and {@code checkedOn} (a date) are optional. Prices come
   * either flat ({@code inputPrice}, {@code outputPrice}, {@code totalPrice}: one default tier
   * "Standard") or as {@code pricingTiers} with exactly one default; flat prices next to tiers must
   * equal the default tier's. {@code tokenizerConfig} is accepted and not stored; the fields this
   * class writes but a client cannot set ({@code id}, {@code projectId}, {@code isLangfuseManaged},
   * {@code createdAt}, {@code updatedAt}, {@code prices}, a tier's {@code id}) are ignored, so a
   * written price reads back as itself. Other fields are rejected.
   *
   * @param id the new price's id, chosen by the caller
   * @param projectId the caller's project
   * @param createdAt now, by the caller's clock
   * @throws dev.loupe.query.InvalidParameterException naming the field (a JSON path such as {@code
   *     pricingTiers[1].conditions[0].operator}) and the reason
   */
  public static ModelPrice read(String json, String id, String projectId, Instant createdAt) {
    return ModelPriceReader.read(json, id, projectId, createdAt);
  }

  private static void write(JsonGenerator g, ModelPrice p) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", p.id());
    g.writeStringField("modelName", p.modelName());
    g.writeStringField("matchPattern", p.matchPattern());
    JsonOut.time(g, "startDate", p.startDate());
    g.writeStringField("unit", p.unit());
    Map<String, BigDecimal> standard = p.defaultTier().prices();
    JsonOut.decimal(g, "inputPrice", standard.get("input"));
    JsonOut.decimal(g, "outputPrice", standard.get("output"));
    JsonOut.decimal(g, "totalPrice", standard.get("total"));
    JsonOut.string(g, "tokenizerId", p.tokenizerId());
    g.writeNullField("tokenizerConfig");
    g.writeBooleanField("isLangfuseManaged", !p.isCustom());
    JsonOut.time(g, "createdAt", p.createdAt());
    g.writeObjectFieldStart("prices");
    for (Map.Entry<String, BigDecimal> e : standard.entrySet()) {
      g.writeObjectFieldStart(e.getKey());
      JsonOut.decimal(g, "price", e.getValue());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeArrayFieldStart("pricingTiers");
    List<PricingTier> tiers = p.tiers();
    for (int i = 0; i < tiers.size(); i++) writeTier(g, p.id() + ":" + i, tiers.get(i));
    g.writeEndArray();
    JsonOut.string(g, "source", p.source());
    JsonOut.string(g, "checkedOn", p.checkedOn() == null ? null : p.checkedOn().toString());
    g.writeEndObject();
  }

  private static void writeTier(JsonGenerator g, String id, PricingTier t) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("name", t.name());
    g.writeBooleanField("isDefault", t.isDefault());
    g.writeNumberField("priority", t.priority());
    g.writeArrayFieldStart("conditions");
    for (TierCondition c : t.conditions()) writeCondition(g, c);
    g.writeEndArray();
    g.writeObjectFieldStart("prices");
    for (Map.Entry<String, BigDecimal> e : t.prices().entrySet()) {
      JsonOut.decimal(g, e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeCondition(JsonGenerator g, TierCondition c) throws IOException {
    g.writeStartObject();
    switch (c) {
      case TierCondition.Usage u -> {
        g.writeStringField("usageDetailPattern", u.usageDetailPattern());
        g.writeStringField("operator", ModelPriceReader.wireName(u.operator()));
        JsonOut.decimal(g, "value", u.value());
        g.writeBooleanField("caseSensitive", u.caseSensitive());
      }
      case TierCondition.Attribute a -> {
        g.writeStringField("source", ModelPriceReader.wireName(a.source()));
        g.writeStringField("key", a.key());
        g.writeStringField("operator", "in");
        g.writeArrayFieldStart("values");
        for (String v : a.values()) g.writeString(v);
        g.writeEndArray();
      }
    }
    g.writeEndObject();
  }
}
