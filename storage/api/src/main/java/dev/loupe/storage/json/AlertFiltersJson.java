package dev.loupe.storage.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.MetricFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * An alert rule's filters as the JSON in {@code alert_rules.filters}: {@code [{"column": enum name,
 * "operator": enum name, "values": [...]}]}.
 */
public final class AlertFiltersJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AlertFiltersJson() {}

  public static String write(List<MetricFilter> filters) {
    ArrayNode a = MAPPER.createArrayNode();
    for (MetricFilter f : filters) {
      ObjectNode n = a.addObject();
      n.put("column", f.column().name());
      n.put("operator", f.operator().name());
      ArrayNode values = n.putArray("values");
      f.values().forEach(values::add);
    }
    return a.toString();
  }

  public static List<MetricFilter> read(String json) {
    JsonNode a;
    try {
      a = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored alert filters are not JSON: " + e.getMessage(), e);
    }
    List<MetricFilter> out = new ArrayList<>();
    for (JsonNode n : a) {
      List<String> values = new ArrayList<>();
      n.get("values").forEach(v -> values.add(v.textValue()));
      out.add(
          new MetricFilter(
              Dimension.valueOf(n.get("column").textValue()),
              FilterOperator.valueOf(n.get("operator").textValue()),
              values));
    }
    return out;
  }
}
