package dev.loupe.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.ChannelKind;
import dev.loupe.storage.alerts.Durations;
import dev.loupe.storage.analytics.MetricFilter;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The bodies channels receive. {@link ChannelKind#WEBHOOK}: Loupe's JSON (documented in {@code
 * docs/api.md}):
 *
 * <pre>{@code
 * {"version": 1, "id": "<notification id>", "kind": "FIRING", "projectId": "p",
 *  "state": "FIRING", "previousState": "OK", "value": 0.6, "at": "2026-...Z",
 *  "message": "avg(errors) = 0.6 > 0.05 over the last 5m",
 *  "rule": {"id", "name", "description", "condition": "avg(errors) > 0.05", "view": "observations",
 *           "measure": "errors", "aggregation": "avg", "filters": [{"column", "operator", "values"}],
 *           "comparison": ">", "threshold": 0.05, "window": "5m", "for": "0s"},
 *  "eventId": "...", "links": {"rule": "/ui/alerts/<rule id>"}}
 * }</pre>
 *
 * {@link ChannelKind#SLACK}: a Slack incoming-webhook message, {@code {"text": ..., "blocks":
 * [header, section, context]}}.
 */
public final class Payloads {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Payloads() {}

  public static byte[] body(ChannelKind kind, Notice n) {
    ObjectNode body =
        switch (kind) {
          case WEBHOOK -> webhook(n);
          case SLACK -> slack(n);
        };
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode webhook(Notice n) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("version", 1);
    o.put("id", n.id());
    o.put("kind", n.kind().name());
    o.put("projectId", n.rule().projectId());
    o.put("state", n.state().name());
    o.put("previousState", n.previousState().name());
    if (n.value() == null) o.putNull("value");
    else o.put("value", n.value());
    o.put("at", n.at().toString());
    o.put("message", n.message());
    o.set("rule", rule(n.rule()));
    if (n.event() == null) o.putNull("eventId");
    else o.put("eventId", n.event().id());
    o.putObject("links").put("rule", "/ui/alerts/" + n.rule().id());
    return o;
  }

  private static ObjectNode rule(AlertRule r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", r.id());
    o.put("name", r.name());
    o.put("description", r.description());
    o.put("condition", r.condition());
    o.put("view", r.query().view().wireName());
    o.put("measure", r.query().metric().measure().wireName());
    o.put("aggregation", r.query().metric().aggregation().wireName());
    ArrayNode filters = o.putArray("filters");
    for (MetricFilter f : r.query().filters()) {
      ObjectNode fo = filters.addObject();
      fo.put("column", f.column().wireName());
      fo.put("operator", f.operator().wireName());
      ArrayNode values = fo.putArray("values");
      f.values().forEach(values::add);
    }
    o.put("comparison", r.comparison().wireName());
    o.put("threshold", r.threshold());
    o.put("window", Durations.format(r.window()));
    o.put("for", Durations.format(r.forDuration()));
    return o;
  }

  static ObjectNode slack(Notice n) {
    String title = "[" + (n.kind().name()) + "] " + n.rule().name();
    String filters =
        n.rule().query().filters().stream()
            .map(
                f ->
                    f.column().wireName()
                        + " "
                        + f.operator().wireName()
                        + " "
                        + String.join(", ", f.values()))
            .collect(Collectors.joining("; "));
    StringBuilder detail =
        new StringBuilder()
            .append("*")
            .append(n.message())
            .append("*\nCondition: `")
            .append(n.rule().condition())
            .append("` on ")
            .append(n.rule().query().view().wireName());
    if (!filters.isEmpty()) detail.append(" where ").append(filters);
    detail.append("\nState: ").append(n.previousState()).append(" → ").append(n.state());
    ObjectNode o = MAPPER.createObjectNode();
    o.put("text", title + ": " + n.message());
    ArrayNode blocks = o.putArray("blocks");
    ObjectNode header = blocks.addObject().put("type", "header");
    header.putObject("text").put("type", "plain_text").put("text", clip(title, 150));
    ObjectNode section = blocks.addObject().put("type", "section");
    section.putObject("text").put("type", "mrkdwn").put("text", clip(detail.toString(), 3000));
    ObjectNode context = blocks.addObject().put("type", "context");
    context
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put(
            "text",
            "Loupe · project "
                + n.rule().projectId()
                + " · rule "
                + n.rule().id()
                + " · "
                + n.at());
    return o;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
