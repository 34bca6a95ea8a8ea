package dev.loupe.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses the price table format into {@link ModelPrice} records; errors name model and field. */
final class PriceTableReader {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private PriceTableReader() {}

  static PriceTable read(InputStream in) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("price table is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("price table could not be read", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("price table: expected a JSON object");
    }
    String version = JsonFields.text(root, "tableVersion", "price table");
    JsonNode models = root.get("models");
    if (models == null || !models.isArray()) {
      throw new IllegalArgumentException("price table: models must be an array");
    }
    List<ModelPrice> prices = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < models.size(); i++) {
      JsonNode m = models.get(i);
      String where = "models[" + i + "]";
      if (m.hasNonNull("id") && m.get("id").isTextual())
        where = "model '" + m.get("id").asText() + "'";
      ModelPrice price;
      try {
        price = model(m, where);
      } catch (IllegalArgumentException | NullPointerException e) {
        String msg = e.getMessage();
        throw new IllegalArgumentException(
            msg != null && msg.startsWith(where) ? msg : where + ": " + msg, e);
      }
      if (!ids.add(price.id())) throw new IllegalArgumentException(where + ": duplicate id");
      prices.add(price);
    }
    return PriceTable.of(version, prices);
  }

  private static ModelPrice model(JsonNode m, String where) {
    if (!m.isObject()) throw new IllegalArgumentException(where + ": expected an object");
    JsonNode tiers = m.get("pricingTiers");
    if (tiers == null || !tiers.isArray() || tiers.isEmpty()) {
      throw new IllegalArgumentException(where + ": pricingTiers must be a non-empty array");
    }
    List<PricingTier> list = new ArrayList<>();
    for (int t = 0; t < tiers.size(); t++) {
      list.add(TierReader.tier(tiers.get(t), where + ": pricingTiers[" + t + "]"));
    }
    String checkedOn = JsonFields.optionalText(m, "checkedOn", where);
    String startDate = JsonFields.optionalText(m, "startDate", where);
    String createdAt = JsonFields.optionalText(m, "createdAt", where);
    return new ModelPrice(
        JsonFields.text(m, "id", where),
        null,
        JsonFields.text(m, "modelName", where),
        JsonFields.text(m, "matchPattern", where),
        startDate == null ? null : JsonFields.instant(startDate, where + ": startDate"),
        JsonFields.optionalText(m, "unit", where),
        JsonFields.optionalText(m, "tokenizerId", where),
        list,
        JsonFields.optionalText(m, "source", where),
        checkedOn == null ? null : JsonFields.date(checkedOn, where + ": checkedOn"),
        createdAt == null ? null : JsonFields.instant(createdAt, where + ": createdAt"));
  }
}
