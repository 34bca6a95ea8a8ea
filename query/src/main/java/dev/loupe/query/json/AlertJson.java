package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.query.AlertQueries;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertStatus;
import dev.loupe.storage.alerts.Durations;
import dev.loupe.storage.analytics.MetricFilter;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The alert API's answers. A rule is written in the shape its body is read in ({@code AlertBodies})
 * plus {@code id}, times and {@code status}; a channel never carries its secret, only {@code
 * signed}.
 */
public final class AlertJson {
  private AlertJson() {}

  public static byte[] rule(AlertQueries.RuleView v) {
    return JsonOut.bytes(g -> rule(g, v));
  }

  public static byte[] rules(List<AlertQueries.RuleView> views) {
    return JsonOut.bytes(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("data");
          for (AlertQueries.RuleView v : views) rule(g, v);
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static void rule(JsonGenerator g, AlertQueries.RuleView v) throws IOException {
    AlertRule r = v.rule();
    g.writeStartObject();
    g.writeStringField("id", r.id());
    g.writeStringField("name", r.name());
    JsonOut.string(g, "description", r.description());
    g.writeObjectFieldStart("query");
    g.writeStringField("view", r.query().view().wireName());
    g.writeArrayFieldStart("metrics");
    g.writeStartObject();
    g.writeStringField("measure", r.query().metric().measure().wireName());
    g.writeStringField("aggregation", r.query().metric().aggregation().wireName());
    g.writeEndObject();
    g.writeEndArray();
    g.writeArrayFieldStart("filters");
    for (MetricFilter f : r.query().filters()) {
      g.writeStartObject();
      g.writeStringField("column", f.column().wireName());
      g.writeStringField("operator", f.operator().wireName());
      if (f.operator().takesList()) {
        g.writeArrayFieldStart("value");
        for (String s : f.values()) g.writeString(s);
        g.writeEndArray();
      } else if (!f.operator().takesNoValue()) {
        g.writeStringField("value", f.value());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeStringField("comparison", r.comparison().wireName());
    g.writeNumberField("threshold", r.threshold());
    g.writeStringField("condition", r.condition());
    g.writeStringField("window", Durations.format(r.window()));
    g.writeStringField("interval", Durations.format(r.interval()));
    g.writeStringField("for", Durations.format(r.forDuration()));
    g.writeStringField("noData", r.noData().name());
    g.writeArrayFieldStart("channelIds");
    for (String id : r.channelIds()) g.writeString(id);
    g.writeEndArray();
    g.writeBooleanField("enabled", r.enabled());
    JsonOut.time(g, "createdAt", r.createdAt());
    JsonOut.time(g, "updatedAt", r.updatedAt());
    status(g, v.status());
    g.writeEndObject();
  }

  private static void status(JsonGenerator g, @Nullable AlertStatus s) throws IOException {
    g.writeFieldName("status");
    if (s == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    g.writeStringField("state", s.state().name());
    JsonOut.time(g, "since", s.since());
    JsonOut.time(g, "evaluatedAt", s.evaluatedAt());
    number(g, "value", s.value());
    JsonOut.time(g, "breachingSince", s.breachingSince());
    JsonOut.string(g, "error", s.error());
    g.writeEndObject();
  }

  public static byte[] history(List<AlertEvent> events) {
    return JsonOut.bytes(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("data");
          for (AlertEvent e : events) {
            g.writeStartObject();
            g.writeStringField("id", e.id());
            g.writeStringField("ruleId", e.ruleId());
            JsonOut.time(g, "at", e.at());
            g.writeStringField("from", e.from().name());
            g.writeStringField("to", e.to().name());
            AlertEvent.Notification n = e.notification();
            JsonOut.string(g, "notification", n == null ? null : n.name());
            number(g, "value", e.value());
            g.writeNumberField("threshold", e.threshold());
            g.writeStringField("message", e.message());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  public static byte[] deliveries(List<AlertDelivery> deliveries) {
    return JsonOut.bytes(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("data");
          for (AlertDelivery d : deliveries) delivery(g, d);
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  public static byte[] delivery(AlertDelivery d) {
    return JsonOut.bytes(g -> delivery(g, d));
  }

  private static void delivery(JsonGenerator g, AlertDelivery d) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", d.id());
    g.writeStringField("notificationId", d.notificationId());
    JsonOut.string(g, "ruleId", d.ruleId());
    g.writeStringField("channelId", d.channelId());
    JsonOut.string(g, "eventId", d.eventId());
    g.writeStringField("kind", d.kind().name());
    g.writeNumberField("attempt", d.attempt());
    JsonOut.time(g, "at", d.at());
    if (d.statusCode() == null) g.writeNullField("statusCode");
    else g.writeNumberField("statusCode", d.statusCode());
    JsonOut.string(g, "error", d.error());
    g.writeNumberField("durationMs", d.durationMillis());
    g.writeBooleanField("ok", d.ok());
    g.writeEndObject();
  }

  public static byte[] channel(AlertChannel c) {
    return JsonOut.bytes(g -> channel(g, c));
  }

  public static byte[] channels(List<AlertChannel> channels) {
    return JsonOut.bytes(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("data");
          for (AlertChannel c : channels) channel(g, c);
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** Never the secret: whether there is one. */
  private static void channel(JsonGenerator g, AlertChannel c) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", c.id());
    g.writeStringField("name", c.name());
    g.writeStringField("kind", c.kind().name());
    g.writeStringField("url", c.url());
    g.writeBooleanField("signed", c.signed());
    JsonOut.time(g, "createdAt", c.createdAt());
    JsonOut.time(g, "updatedAt", c.updatedAt());
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String field, @Nullable Double v) throws IOException {
    if (v == null) g.writeNullField(field);
    else g.writeNumberField(field, v);
  }
}
