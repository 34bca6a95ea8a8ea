package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceSummary;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Traces in the Langfuse public API shape: the trace fields, {@code observations} (ids in a list,
 * full objects in a detail), {@code scores} (none yet), {@code totalCost}, {@code latency} in
 * seconds and {@code htmlPath}.
 */
public final class TraceJson {
  private TraceJson() {}

  /** {@code GET /api/public/traces}. */
  public static byte[] page(Page<TraceSummary> page) {
    return JsonOut.page(page, TraceJson::writeSummary);
  }

  /** {@code GET /api/public/traces/{id}}. */
  public static byte[] detail(TraceDetail detail) {
    return JsonOut.bytes(
        g -> {
          g.writeStartObject();
          writeFields(g, detail.trace());
          g.writeArrayFieldStart("observations");
          for (Observation o : detail.observations()) ObservationJson.write(g, o);
          g.writeEndArray();
          writeDerived(g, detail.totalCost(), detail.latency());
          g.writeEndObject();
        });
  }

  private static void writeSummary(JsonGenerator g, TraceSummary s) throws IOException {
    g.writeStartObject();
    writeFields(g, s.trace());
    g.writeArrayFieldStart("observations");
    for (String id : s.observationIds()) g.writeString(id);
    g.writeEndArray();
    writeDerived(g, s.totalCost(), s.latency());
    g.writeEndObject();
  }

  /** A trace object without observations (sessions list their traces this way). */
  static void writeCore(JsonGenerator g, Trace t) throws IOException {
    g.writeStartObject();
    writeFields(g, t);
    g.writeEndObject();
  }

  private static void writeFields(JsonGenerator g, Trace t) throws IOException {
    g.writeStringField("id", t.id());
    g.writeStringField("projectId", t.projectId());
    JsonOut.string(g, "name", t.name());
    JsonOut.time(g, "timestamp", t.timestamp());
    g.writeStringField("environment", t.environment());
    g.writeArrayFieldStart("tags");
    for (String tag : t.tags()) g.writeString(tag);
    g.writeEndArray();
    JsonOut.string(g, "userId", t.userId());
    JsonOut.string(g, "sessionId", t.sessionId());
    JsonOut.string(g, "release", t.release());
    JsonOut.string(g, "version", t.version());
    g.writeBooleanField("public", t.isPublic());
    g.writeBooleanField("bookmarked", false);
    JsonOut.raw(g, "input", t.input());
    JsonOut.raw(g, "output", t.output());
    JsonOut.raw(g, "metadata", t.metadata());
    g.writeStringField("htmlPath", htmlPath(t));
  }

  private static void writeDerived(
      JsonGenerator g, BigDecimal totalCost, @Nullable Duration latency) throws IOException {
    g.writeArrayFieldStart("scores");
    g.writeEndArray();
    JsonOut.decimal(g, "totalCost", totalCost);
    // Langfuse reports 0 for a trace without observations; clients expect a number.
    JsonOut.seconds(g, "latency", latency == null ? Duration.ZERO : latency);
  }

  static String htmlPath(Trace t) {
    return "/project/" + encode(t.projectId()) + "/traces/" + encode(t.id());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
