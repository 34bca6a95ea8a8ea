package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.model.Observation;
import dev.loupe.model.Score;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceSummary;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Traces in the Langfuse public API shape: the trace fields, {@code observations} and {@code
 * scores} (ids in a list, full objects in a detail; a trace's scores include its observations'),
 * {@code totalCost}, {@code latency} in seconds and {@code htmlPath}, plus Loupe's {@code
 * totalTokens}. Both totals add the observations that did the work: an observation whose usage is
 * its descendants' total is left out ({@code Observation.countsInTotals()}).
 */
public final class TraceJson {
  private TraceJson() {}

  /** {@code GET /api/public/traces} without scores. */
  public static byte[] page(Page<TraceSummary> page) {
    return page(page, Map.of());
  }

  /**
   * {@code GET /api/public/traces}.
   *
   * @param scores the scores of the page's traces by trace id
   */
  public static byte[] page(Page<TraceSummary> page, Map<String, List<Score>> scores) {
    return JsonOut.page(
        page,
        (g, s) ->
            write(
                g,
                s.trace(),
                () -> {
                  for (String id : s.observationIds()) g.writeString(id);
                },
                () -> {
                  for (Score score : scores.getOrDefault(s.trace().id(), List.of()))
                    g.writeString(score.id());
                },
                s.totalCost(),
                s.totalTokens(),
                s.latency()));
  }

  /**
   * One trace of a list as {@code GET /api/public/traces} writes it, without the {@code scores}
   * ids: a line of an export.
   */
  public static byte[] line(TraceSummary s) {
    return JsonOut.bytes(
        g ->
            write(
                g,
                s.trace(),
                () -> {
                  for (String id : s.observationIds()) g.writeString(id);
                },
                null,
                s.totalCost(),
                s.totalTokens(),
                s.latency()));
  }

  /** {@code GET /api/public/traces/{id}} without scores. */
  public static byte[] detail(TraceDetail detail) {
    return detail(detail, List.of());
  }

  /** {@code GET /api/public/traces/{id}} with the trace's scores (its observations' included). */
  public static byte[] detail(TraceDetail detail, List<Score> scores) {
    return JsonOut.bytes(
        g ->
            write(
                g,
                detail.trace(),
                () -> {
                  for (Observation o : detail.observations()) ObservationJson.write(g, o);
                },
                () -> {
                  for (Score s : scores) ScoreJson.write(g, s);
                },
                detail.totalCost(),
                detail.totalTokens(),
                detail.latency()));
  }

  /** Writes the items of an array ({@code observations}, {@code scores}). */
  private interface Items {
    void write() throws IOException;
  }

  /** A listed or detailed trace: the fields, its observations, scores, cost and latency. */
  private static void write(
      JsonGenerator g,
      Trace t,
      Items observations,
      @Nullable Items scores,
      BigDecimal totalCost,
      long totalTokens,
      @Nullable Duration latency)
      throws IOException {
    g.writeStartObject();
    writeFields(g, t);
    g.writeArrayFieldStart("observations");
    observations.write();
    g.writeEndArray();
    if (scores != null) {
      g.writeArrayFieldStart("scores");
      scores.write();
      g.writeEndArray();
    }
    JsonOut.decimal(g, "totalCost", totalCost);
    g.writeNumberField("totalTokens", totalTokens);
    // Langfuse reports 0 for a trace without observations; clients expect a number.
    JsonOut.seconds(g, "latency", latency == null ? Duration.ZERO : latency);
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

  static String htmlPath(Trace t) {
    return "/project/" + encode(t.projectId()) + "/traces/" + encode(t.id());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
