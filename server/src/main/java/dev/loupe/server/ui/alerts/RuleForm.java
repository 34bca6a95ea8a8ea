package dev.loupe.server.ui.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.query.QueryParams;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.Comparison;
import dev.loupe.storage.alerts.Durations;
import dev.loupe.storage.alerts.NoDataPolicy;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rule form, filled from a rule or empty, and back: the form's fields become the API's JSON
 * body ({@code AlertBodies}), so the page refuses what the API refuses, with the same field names.
 */
public record RuleForm(
    String action,
    String submitLabel,
    String name,
    String description,
    String view,
    String measure,
    String aggregation,
    List<FilterRow> filters,
    String comparison,
    String threshold,
    String window,
    String interval,
    String forDuration,
    String noData,
    List<Choice> channels,
    boolean enabled) {

  /** Filter rows the form offers. */
  static final int FILTER_ROWS = 3;

  public record FilterRow(int index, String column, String operator, String value) {}

  public record Choice(String value, String label, boolean checked) {}

  public List<String> views() {
    return Arrays.stream(MetricsView.values()).map(MetricsView::wireName).toList();
  }

  public List<String> measures() {
    return Arrays.stream(Measure.values())
        .filter(m -> m.kind() != Measure.Kind.TIME)
        .map(Measure::wireName)
        .distinct()
        .toList();
  }

  public List<String> aggregations() {
    return Arrays.stream(Aggregation.values()).map(Aggregation::wireName).toList();
  }

  public List<String> operators() {
    return Arrays.stream(FilterOperator.values()).map(FilterOperator::wireName).toList();
  }

  public List<String> comparisons() {
    return Arrays.stream(Comparison.values()).map(Comparison::wireName).toList();
  }

  public List<String> noDataPolicies() {
    return Arrays.stream(NoDataPolicy.values()).map(Enum::name).toList();
  }

  static RuleForm empty(List<AlertChannel> channels) {
    List<FilterRow> rows = new ArrayList<>();
    for (int i = 0; i < FILTER_ROWS; i++) rows.add(new FilterRow(i, "", "=", ""));
    return new RuleForm(
        AlertPages.LIST,
        "Create rule",
        "",
        "",
        "observations",
        "errors",
        "avg",
        rows,
        ">",
        "0.05",
        "5m",
        "1m",
        "0s",
        NoDataPolicy.NO_DATA.name(),
        channels.stream().map(c -> new Choice(c.id(), label(c), false)).toList(),
        true);
  }

  static RuleForm of(AlertRule r, List<AlertChannel> channels) {
    List<FilterRow> rows = new ArrayList<>();
    List<MetricFilter> fs = r.query().filters();
    for (int i = 0; i < Math.max(FILTER_ROWS, fs.size()); i++) {
      if (i < fs.size()) {
        MetricFilter f = fs.get(i);
        rows.add(
            new FilterRow(
                i, f.column().wireName(), f.operator().wireName(), String.join(", ", f.values())));
      } else {
        rows.add(new FilterRow(i, "", "=", ""));
      }
    }
    return new RuleForm(
        AlertPages.LIST + "/" + r.id(),
        "Save rule",
        r.name(),
        r.description() == null ? "" : r.description(),
        r.query().view().wireName(),
        r.query().metric().measure().wireName(),
        r.query().metric().aggregation().wireName(),
        rows,
        r.comparison().wireName(),
        Durations.number(r.threshold()),
        Durations.format(r.window()),
        Durations.format(r.interval()),
        Durations.format(r.forDuration()),
        r.noData().name(),
        channels.stream()
            .map(c -> new Choice(c.id(), label(c), r.channelIds().contains(c.id())))
            .toList(),
        r.enabled());
  }

  private static String label(AlertChannel c) {
    return c.name() + " (" + c.kind() + (c.signed() ? ", signed" : "") + ")";
  }

  /** The API body for a posted form. */
  static String body(QueryParams form) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("name", text(form, "name"));
    String description = text(form, "description");
    if (!description.isBlank()) o.put("description", description);
    ObjectNode q = o.putObject("query");
    q.put("view", text(form, "view"));
    q.putArray("metrics")
        .addObject()
        .put("measure", text(form, "measure"))
        .put("aggregation", text(form, "aggregation"));
    ArrayNode filters = q.putArray("filters");
    for (int i = 0; i < 10; i++) {
      String column = text(form, "filter" + i + "Column");
      if (column.isBlank()) continue;
      String operator = text(form, "filter" + i + "Operator");
      String value = text(form, "filter" + i + "Value");
      ObjectNode f = filters.addObject().put("column", column).put("operator", operator);
      boolean list =
          operator.equals("any of") || operator.equals("none of") || operator.equals("all of");
      if (list) {
        ArrayNode values = f.putArray("value");
        for (String v : value.split(",")) if (!v.isBlank()) values.add(v.strip());
      } else if (!operator.equals("is null") && !operator.equals("is not null")) {
        f.put("value", value);
      }
    }
    o.put("comparison", text(form, "comparison"));
    String threshold = text(form, "threshold").strip();
    try {
      o.put("threshold", new java.math.BigDecimal(threshold));
    } catch (NumberFormatException e) {
      o.put("threshold", threshold); // refused by the body reader, naming the field
    }
    o.put("window", text(form, "window"));
    o.put("interval", text(form, "interval"));
    o.put("for", text(form, "for"));
    o.put("noData", text(form, "noData"));
    ArrayNode ids = o.putArray("channelIds");
    form.strings("channelIds").forEach(ids::add);
    o.put("enabled", form.has("enabled"));
    return o.toString();
  }

  private static String text(QueryParams form, String name) {
    @Nullable String v = form.string(name);
    return v == null ? "" : v;
  }
}
