package dev.loupe.storage.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.ScoreCategory;
import dev.loupe.model.ScoreConfig;
import dev.loupe.model.ScoreDataType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A {@link ScoreConfig} as the JSON stored in {@code score_configs.body}, field by field. */
public final class ScoreConfigJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ScoreConfigJson() {}

  public static String write(ScoreConfig c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", c.id());
    n.put("projectId", c.projectId());
    n.put("name", c.name());
    n.put("dataType", c.dataType().name());
    n.put("archived", c.archived());
    n.put("minValue", c.minValue());
    n.put("maxValue", c.maxValue());
    ArrayNode categories = n.putArray("categories");
    for (ScoreCategory k : c.categories()) {
      categories.addObject().put("value", k.value()).put("label", k.label());
    }
    n.put("description", c.description());
    n.put("createdAt", c.createdAt().toString());
    n.put("updatedAt", c.updatedAt().toString());
    return n.toString();
  }

  public static ScoreConfig read(String body) {
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored score config is not JSON: " + e.getMessage(), e);
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
        n.get("description").isNull() ? null : n.get("description").textValue(),
        Instant.parse(n.get("createdAt").textValue()),
        Instant.parse(n.get("updatedAt").textValue()));
  }

  private static @Nullable Double number(JsonNode v) {
    return v == null || v.isNull() ? null : v.doubleValue();
  }
}
