package dev.loupe.query.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.evaluation.ScoreConfigs;
import dev.loupe.model.ScoreCategory;
import dev.loupe.model.ScoreDataType;
import dev.loupe.query.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the bodies of {@code POST /api/public/score-configs} ({@code {name, dataType, categories?,
 * minValue?, maxValue?, description?}}) and {@code PATCH /score-configs/{id}} (the same minus
 * {@code dataType}, plus {@code isArchived}). An unknown field is refused, naming it.
 */
final class ScoreConfigReader {
  private static final JsonFields BODY = JsonFields.forBody();
  private static final Set<String> CREATE =
      Set.of("name", "dataType", "categories", "minValue", "maxValue", "description");
  private static final Set<String> PATCH =
      Set.of("name", "categories", "minValue", "maxValue", "description", "isArchived");

  private ScoreConfigReader() {}

  static ScoreConfigs.Draft draft(String json) {
    ObjectNode o = BODY.parseObject(json);
    BODY.onlyKeys(o, "", CREATE);
    String type = BODY.text(o, "dataType", "");
    ScoreDataType dataType =
        ScoreDataType.fromWire(type)
            .orElseThrow(
                () ->
                    BODY.error(
                        "dataType",
                        "unknown data type '"
                            + type
                            + "', expected one of NUMERIC, CATEGORICAL, BOOLEAN, TEXT"));
    List<ScoreCategory> categories = categories(o);
    return new ScoreConfigs.Draft(
        BODY.text(o, "name", ""),
        dataType,
        categories == null ? List.of() : categories,
        number(o, "minValue"),
        number(o, "maxValue"),
        BODY.optionalText(o, "description", ""));
  }

  static ScoreConfigs.Patch patch(String json) {
    ObjectNode o = BODY.parseObject(json);
    BODY.onlyKeys(o, "", PATCH);
    JsonNode archived = BODY.optional(o, "isArchived");
    return new ScoreConfigs.Patch(
        archived == null ? null : BODY.bool(o, "isArchived", "", false),
        BODY.optionalText(o, "name", ""),
        categories(o),
        number(o, "minValue"),
        number(o, "maxValue"),
        BODY.optionalText(o, "description", ""));
  }

  private static @Nullable List<ScoreCategory> categories(ObjectNode o) {
    JsonNode n = BODY.optional(o, "categories");
    if (n == null) return null;
    if (!n.isArray()) throw BODY.error("categories", "expected an array");
    List<ScoreCategory> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      String path = "categories[" + i + "]";
      ObjectNode c = BODY.object(n.get(i), path);
      BODY.onlyKeys(c, path, Set.of("value", "label"));
      JsonNode value = BODY.optional(c, "value");
      if (value == null) throw BODY.error(path + ".value", "required");
      if (!value.isNumber()) throw BODY.error(path + ".value", "expected a number");
      try {
        out.add(new ScoreCategory(value.doubleValue(), BODY.text(c, "label", path)));
      } catch (IllegalArgumentException e) {
        String[] fieldAndReason = e.getMessage().split(": ", 2);
        throw BODY.error(path + "." + fieldAndReason[0], fieldAndReason[fieldAndReason.length - 1]);
      }
    }
    return out;
  }

  private static @Nullable Double number(ObjectNode o, String field) {
    JsonNode n = BODY.optional(o, field);
    if (n == null) return null;
    if (!n.isNumber()) throw BODY.error(field, "expected a number");
    return n.doubleValue();
  }
}
