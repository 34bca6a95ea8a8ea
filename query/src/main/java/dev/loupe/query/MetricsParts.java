package dev.loupe.query;

import static dev.loupe.query.MetricsQueryParser.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Parses the dimensions, metrics and filters of a metrics query on one view. */
final class MetricsParts {
  /** Accepted names for a dimension besides its wire name, per view. */
  private static final Map<MetricsView, Map<String, String>> ALIASES =
      Map.of(
          MetricsView.OBSERVATIONS, Map.of("model", "providedModelName"),
          MetricsView.TRACES, Map.of("traceName", "name"));

  private final JsonFields fields;
  private final MetricsView view;

  MetricsParts(JsonFields fields, MetricsView view) {
    this.fields = fields;
    this.view = view;
  }

  Dimension dimension(JsonNode node, String path) {
    ObjectNode d = fields.object(node, path);
    fields.onlyKeys(d, path, Set.of("field"));
    return dimensionNamed(fields.text(d, "field", path), path + ".field");
  }

  Metric metric(JsonNode node, String path) {
    ObjectNode m = fields.object(node, path);
    fields.onlyKeys(m, path, Set.of("measure", "aggregation"));
    String measureName = fields.text(m, "measure", path);
    String aggregationName = fields.text(m, "aggregation", path);
    Measure measure = wire(() -> Measure.fromWire(measureName, view, path + ".measure"));
    Aggregation aggregation =
        wire(() -> Aggregation.fromWire(aggregationName, path + ".aggregation"));
    if (!aggregation.appliesTo(measure)) {
      throw fields.error(
          path + ".aggregation",
          aggregationName
              + " does not apply to measure "
              + measureName
              + " (use "
              + Aggregation.allowedFor(measure)
              + ")");
    }
    return new Metric(measure, aggregation);
  }

  MetricFilter filter(JsonNode node, String path) {
    ObjectNode f = fields.object(node, path);
    fields.onlyKeys(f, path, Set.of("column", "operator", "value", "type", "key"));
    if (fields.optional(f, "key") != null) {
      throw fields.error(path + ".key", "filters on object keys (metadata) are not supported");
    }
    fields.optionalText(f, "type", path);
    Dimension column = dimensionNamed(fields.text(f, "column", path), path + ".column");
    String opName = fields.text(f, "operator", path);
    FilterOperator op = wire(() -> FilterOperator.fromWire(opName, path + ".operator"));
    if (column == Dimension.TAGS && !op.takesList()) {
      throw fields.error(path + ".operator", "tags take any of, none of or all of, not " + opName);
    }
    if (column != Dimension.TAGS && op == FilterOperator.ALL_OF) {
      throw fields.error(path + ".operator", "all of applies to tags only");
    }
    return new MetricFilter(column, op, values(fields.optional(f, "value"), op, path + ".value"));
  }

  /** A dimension's wire name for an accepted alias; other names unchanged. */
  String canonicalDimensionName(String name) {
    return ALIASES.getOrDefault(view, Map.of()).getOrDefault(name, name);
  }

  private Dimension dimensionNamed(String name, String path) {
    return wire(() -> Dimension.fromWire(canonicalDimensionName(name), view, path));
  }

  private List<String> values(@Nullable JsonNode value, FilterOperator op, String path) {
    if (op.takesNoValue()) {
      boolean empty = value == null || (value.isTextual() && value.textValue().isEmpty());
      if (!empty) throw fields.error(path, op.wireName() + " takes no value");
      return List.of();
    }
    if (value == null) throw fields.error(path, "required for " + op.wireName());
    if (!op.takesList()) {
      if (value.isArray())
        throw fields.error(path, op.wireName() + " takes one value, not an array");
      return List.of(scalar(value, path));
    }
    if (!value.isArray()) return List.of(scalar(value, path));
    if (value.isEmpty()) throw fields.error(path, op.wireName() + " needs at least one value");
    List<String> values = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) values.add(scalar(value.get(i), path + "[" + i + "]"));
    return values;
  }

  private String scalar(JsonNode n, String path) {
    if (n.isTextual()) return n.textValue();
    if (n.isNumber() || n.isBoolean()) return n.asText();
    throw fields.error(path, "expected a string or number, got " + JsonFields.kind(n));
  }
}
