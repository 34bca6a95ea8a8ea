package dev.loupe.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.alerting.Alerts;
import dev.loupe.storage.alerts.AlertQuery;
import dev.loupe.storage.alerts.ChannelKind;
import dev.loupe.storage.alerts.Comparison;
import dev.loupe.storage.alerts.Durations;
import dev.loupe.storage.alerts.NoDataPolicy;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of the alert API. A rule's {@code query} is the metrics API's query with exactly one
 * metric and no dimensions or time (the window is the rule's):
 *
 * <pre>{@code
 * {"name": "gpt-4o error rate", "description": "...",
 *  "query": {"view": "observations", "metrics": [{"measure": "errors", "aggregation": "avg"}],
 *            "filters": [{"column": "providedModelName", "operator": "=", "value": "gpt-4o"}]},
 *  "comparison": ">", "threshold": 0.05, "window": "5m", "interval": "1m", "for": "0s",
 *  "noData": "NO_DATA", "channelIds": ["..."], "enabled": true}
 * }</pre>
 *
 * {@code interval} defaults to 1m, {@code for} to 0s, {@code noData} to NO_DATA, {@code channelIds}
 * to none, {@code enabled} to true. A channel: {@code {"name", "kind": "WEBHOOK" | "SLACK", "url",
 * "secret"}}; the secret is optional (unsigned without it). Errors name the field.
 */
public final class AlertBodies {
  private static final JsonFields FIELDS = JsonFields.forBody();
  private static final Set<String> RULE =
      Set.of(
          "name",
          "description",
          "query",
          "comparison",
          "threshold",
          "window",
          "interval",
          "for",
          "noData",
          "channelIds",
          "enabled");
  private static final Set<String> QUERY = Set.of("view", "metrics", "filters");
  private static final Set<String> CHANNEL = Set.of("name", "kind", "url", "secret");

  private AlertBodies() {}

  public static Alerts.RuleDraft rule(String json) {
    ObjectNode o = FIELDS.parseObject(json);
    FIELDS.onlyKeys(o, "", RULE);
    String name = FIELDS.text(o, "name", "");
    String description = FIELDS.optionalText(o, "description", "");
    AlertQuery query = query(FIELDS.object(FIELDS.optional(o, "query"), "query"));
    Comparison comparison =
        checked(() -> Comparison.fromWire(FIELDS.text(o, "comparison", ""), "comparison"));
    JsonNode t = FIELDS.optional(o, "threshold");
    if (t == null || !t.isNumber()) throw FIELDS.error("threshold", "required, a number");
    Duration window = duration(o, "window", null);
    Duration interval = duration(o, "interval", Duration.ofMinutes(1));
    Duration forDuration = duration(o, "for", Duration.ZERO);
    NoDataPolicy noData = noData(FIELDS.optionalText(o, "noData", ""));
    List<String> channelIds = new ArrayList<>();
    List<JsonNode> ids = FIELDS.array(o, "channelIds", "");
    for (int i = 0; i < ids.size(); i++) {
      if (!ids.get(i).isTextual()) throw FIELDS.error("channelIds[" + i + "]", "expected a string");
      channelIds.add(ids.get(i).textValue());
    }
    JsonNode enabled = FIELDS.optional(o, "enabled");
    if (enabled != null && !enabled.isBoolean())
      throw FIELDS.error("enabled", "expected true or false");
    return new Alerts.RuleDraft(
        name,
        description,
        query,
        comparison,
        t.doubleValue(),
        window,
        interval,
        forDuration,
        noData,
        channelIds,
        enabled == null || enabled.booleanValue());
  }

  private static AlertQuery query(ObjectNode q) {
    FIELDS.onlyKeys(q, "query", QUERY);
    MetricsView view =
        checked(() -> MetricsView.fromWire(FIELDS.text(q, "view", "query")), "query.view");
    MetricsParts parts = new MetricsParts(FIELDS, view);
    List<JsonNode> metrics = FIELDS.array(q, "metrics", "query");
    if (metrics.size() != 1)
      throw FIELDS.error("query.metrics", "exactly one metric, got " + metrics.size());
    Metric metric = parts.metric(metrics.getFirst(), "query.metrics[0]");
    List<MetricFilter> filters = new ArrayList<>();
    List<JsonNode> fs = FIELDS.array(q, "filters", "query");
    for (int i = 0; i < fs.size(); i++)
      filters.add(parts.filter(fs.get(i), "query.filters[" + i + "]"));
    return checked(() -> new AlertQuery(view, metric, filters), "query");
  }

  private static Duration duration(ObjectNode o, String field, @Nullable Duration dflt) {
    JsonNode n = FIELDS.optional(o, field);
    if (n == null) {
      if (dflt == null) throw FIELDS.error(field, "required (e.g. 5m)");
      return dflt;
    }
    if (n.isIntegralNumber()) return Duration.ofSeconds(n.longValue());
    if (!n.isTextual())
      throw FIELDS.error(field, "expected a duration like 5m or a number of seconds");
    return checked(() -> Durations.parse(n.textValue(), field));
  }

  private static NoDataPolicy noData(@Nullable String v) {
    if (v == null) return NoDataPolicy.NO_DATA;
    try {
      return NoDataPolicy.valueOf(v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw FIELDS.error("noData", "expected NO_DATA, OK or BREACHING, got '" + v + "'");
    }
  }

  public static Alerts.ChannelDraft channel(String json) {
    ObjectNode o = FIELDS.parseObject(json);
    FIELDS.onlyKeys(o, "", CHANNEL);
    String kindName = FIELDS.optionalText(o, "kind", "");
    ChannelKind kind;
    try {
      kind =
          kindName == null
              ? ChannelKind.WEBHOOK
              : ChannelKind.valueOf(kindName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw FIELDS.error("kind", "expected WEBHOOK or SLACK, got '" + kindName + "'");
    }
    boolean secretGiven = o.has("secret");
    String secret = FIELDS.optionalText(o, "secret", "");
    return new Alerts.ChannelDraft(
        FIELDS.text(o, "name", ""), kind, FIELDS.text(o, "url", ""), secret, secretGiven);
  }

  /** A check of the storage values, whose message already starts with the field. */
  private static <T> T checked(Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidParameterException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? "invalid" : e.getMessage();
      int colon = m.indexOf(": ");
      if (colon < 0) throw new InvalidParameterException("body", m);
      throw new InvalidParameterException(m.substring(0, colon), m.substring(colon + 2));
    }
  }

  private static <T> T checked(Supplier<T> build, String field) {
    try {
      return build.get();
    } catch (InvalidParameterException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? "invalid" : e.getMessage();
      int colon = m.indexOf(": ");
      throw new InvalidParameterException(field, colon < 0 ? m : m.substring(colon + 2));
    }
  }
}
