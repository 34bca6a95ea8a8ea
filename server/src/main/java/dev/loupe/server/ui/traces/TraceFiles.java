package dev.loupe.server.ui.traces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.query.NotFoundException;
import dev.loupe.query.ObservationQueries;
import dev.loupe.query.TraceQueries;
import dev.loupe.query.json.ObservationJson;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.UiContext;
import dev.loupe.storage.TraceDetail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the trace page fetches besides HTML: an observation as the public API writes it ({@code GET
 * /api/public/observations/{id}}), for the JSON view, the copy buttons and "download raw"; the
 * trace's own input, output and metadata; an inline image of a message, served from this origin;
 * and the observations of a trace whose input, output, metadata or status message contain a text.
 * Each answers 404 unless the trace (and the observation) belong to the signed-in project.
 */
public final class TraceFiles {
  private static final String JSON = "application/json; charset=utf-8";

  private final TraceQueries traces;
  private final ObservationQueries observations;

  public TraceFiles(UiContext ui) {
    this.traces = ui.traces();
    this.observations = ui.observations();
  }

  /** The observation as the API's JSON; {@code ?download=1} saves it as a file. */
  public void rawObservation(Exchange ex, String projectId) throws IOException {
    Observation o = observation(ex, projectId);
    Map<String, String> headers = new LinkedHashMap<>();
    if ("1".equals(ex.params().string("download")))
      headers.put(
          "Content-Disposition", "attachment; filename=\"observation-" + safe(o.id()) + ".json\"");
    Pages.send(ex, 200, JSON, ObservationJson.one(o), headers);
  }

  /** The trace's id, name, input, output and metadata as JSON. */
  public void rawTrace(Exchange ex, String projectId) throws IOException {
    Trace t = traces.get(projectId, ex.path("traceId")).trace();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", t.id());
    out.put("name", t.name());
    out.set("input", tree(t.input()));
    out.set("output", tree(t.output()));
    out.set("metadata", tree(t.metadata()));
    Map<String, String> headers = new LinkedHashMap<>();
    if ("1".equals(ex.params().string("download")))
      headers.put(
          "Content-Disposition", "attachment; filename=\"trace-" + safe(t.id()) + ".json\"");
    Pages.send(ex, 200, JSON, Json.write(out).getBytes(StandardCharsets.UTF_8), headers);
  }

  /** The n-th inline image of an observation's input or output. */
  public void observationMedia(Exchange ex, String projectId) throws IOException {
    Observation o = observation(ex, projectId);
    String io = ex.path("io");
    media(ex, io.equals("input") ? o.input() : io.equals("output") ? o.output() : null);
  }

  /** The n-th inline image of the trace's own input or output. */
  public void traceMedia(Exchange ex, String projectId) throws IOException {
    Trace t = traces.get(projectId, ex.path("traceId")).trace();
    String io = ex.path("io");
    media(ex, io.equals("input") ? t.input() : io.equals("output") ? t.output() : null);
  }

  /**
   * {@code {"ids": [...]}}: the observations whose input, output, metadata or status message
   * contain {@code q} (ignoring case); the page script matches names, types and models itself.
   */
  public void find(Exchange ex, String projectId) throws IOException {
    TraceDetail d = traces.get(projectId, ex.path("traceId"));
    String q = ex.params().string("q");
    List<String> ids = new ArrayList<>();
    if (q != null && !q.isBlank()) {
      String needle = q.strip().toLowerCase(Locale.ROOT);
      for (Observation o : d.observations())
        if (contains(o.input(), needle)
            || contains(o.output(), needle)
            || contains(o.metadata(), needle)
            || contains(o.statusMessage(), needle)) ids.add(o.id());
    }
    Pages.send(
        ex, 200, JSON, Json.write(Map.of("ids", ids)).getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private static boolean contains(@Nullable String text, String needle) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
  }

  private void media(Exchange ex, @Nullable String stored) throws IOException {
    int n;
    try {
      n = Integer.parseInt(ex.path("n"));
    } catch (NumberFormatException e) {
      throw new NotFoundException("media", ex.path("n"));
    }
    List<ChatReader.Inline> inline = IoView.inline(stored);
    if (n < 0 || n >= inline.size()) throw new NotFoundException("media", ex.path("n"));
    ChatReader.Inline image = inline.get(n);
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(image.base64());
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("media", ex.path("n"));
    }
    String mime = image.mime().equals("image/jpg") ? "image/jpeg" : image.mime();
    // only the raster types of ChatParts.SHOWN_IMAGES are ever numbered: no SVG, no HTML
    Pages.send(ex, 200, mime, bytes, Map.of("Cache-Control", "private, max-age=3600"));
  }

  private Observation observation(Exchange ex, String projectId) {
    String traceId = ex.path("traceId");
    String id = ex.path("observationId");
    Observation o = observations.get(projectId, id);
    if (!o.traceId().equals(traceId)) throw new NotFoundException("observation", id);
    return o;
  }

  private static @Nullable JsonNode tree(@Nullable String json) {
    if (json == null) return null;
    try {
      return Json.parse(json);
    } catch (IllegalArgumentException e) {
      return Json.MAPPER.getNodeFactory().textNode(json);
    }
  }

  private static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
