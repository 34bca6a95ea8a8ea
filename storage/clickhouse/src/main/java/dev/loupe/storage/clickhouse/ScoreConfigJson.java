package dev.loupe.storage.clickhouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.ScoreCategory;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreDataType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ScoreConfig} as the JSON of {@code score_configs.body}: a config is read and written
 * whole and never filtered by its fields, so one text column keeps the table stable as the model
 * grows. Instants as ISO-8601 text keep every digit the model holds.
 */
final class ScoreConfigJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ScoreConfigJson() {}

  static String write(ScoreConfig c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("projectId", c.projectId());
    n.put("id", c.id());
    n.put("name", c.name());
    n.put("dataType", c.dataType().name());
    n.put("archived", c.archived());
    n.put("minValue", c.minValue());
    n.put("maxValue", c.maxValue());
    var categories = n.putArray("categories");
    for (ScoreCategory k : c.categories()) {
      categories.addObject().put("value", k.value()).put("label", k.label());
    }
    n.put("description", c.description());
    n.put("createdAt", c.createdAt().toString());
    n.put("updatedAt", c.updatedAt().toString());
    return n.toString();
  }

  static ScoreConfig read(String body) {
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("score_configs.body is not JSON: " + e.getMessage(), e);
    }
    List<ScoreCategory> categories = new ArrayList<>();
    for (JsonNode k : n.get("categories")) {
      categories.add(new ScoreCategory(k.get("value").doubleValue(), k.get("label").textValue()));
    }
    return new ScoreConfig(
        n.get("projectId").textValue(),
        n.get("id").textValue(),
        n.get("name").textValue(),
        ScoreDataType.valueOf(n.get("dataType").textValue()),
        n.get("archived").booleanValue(),
        number(n.get("minValue")),
        number(n.get("maxValue")),
        categories,
        text(n.get("description")),
        Instant.parse(n.get("createdAt").textValue()),
        Instant.parse(n.get("updatedAt").textValue()));
  }

  private static @Nullable Double number(@Nullable JsonNode v) {
    return v == null || v.isNull() ? null : v.doubleValue();
  }

  private static @Nullable String text(@Nullable JsonNode v) {
    return v == null || v.isNull() ? null : v.textValue();
  }
}
