package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.SessionDetail;
import dev.loupe.storage.SessionSummary;
import java.io.IOException;

/**
 * Sessions in the Langfuse public API shape: {@code {id, createdAt, projectId, environment}} (+
 * traces).
 */
public final class SessionJson {
  private SessionJson() {}

  /** {@code GET /api/public/sessions}. */
  public static byte[] page(Page<SessionSummary> page) {
    return JsonOut.page(
        page,
        (g, s) -> {
          g.writeStartObject();
          writeFields(g, s);
          g.writeEndObject();
        });
  }

  /** {@code GET /api/public/sessions/{id}}. */
  public static byte[] detail(SessionDetail detail) {
    return JsonOut.bytes(
        g -> {
          g.writeStartObject();
          writeFields(g, detail.session());
          g.writeArrayFieldStart("traces");
          for (Trace t : detail.traces()) TraceJson.writeCore(g, t);
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static void writeFields(JsonGenerator g, SessionSummary s) throws IOException {
    g.writeStringField("id", s.id());
    JsonOut.time(g, "createdAt", s.createdAt());
    g.writeStringField("projectId", s.projectId());
    g.writeStringField("environment", s.environment());
  }
}
