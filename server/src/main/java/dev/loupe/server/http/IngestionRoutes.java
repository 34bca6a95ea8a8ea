package dev.loupe.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.evaluation.Scores;
import dev.loupe.ingest.BadPayloadException;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest.EventError;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest.PendingScore;
import dev.loupe.ingest.otlp.Gzip;
import dev.loupe.model.Json;
import dev.loupe.pipeline.Ingestion;
import dev.loupe.server.auth.Access;
import dev.loupe.server.http.HttpMetrics.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/public/ingestion}: a Langfuse batch, normalized ({@link LangfuseBatchIngest}),
 * then priced and stored ({@link Ingestion}); 207 with per-event {@code successes} and {@code
 * errors} once the accepted events are durable; 400 when the envelope itself is invalid. A {@code
 * score-create} event succeeds once its score is stored through {@link Scores} (checked against its
 * data type and config); a score that breaks a rule is that event's 400, naming the field, and
 * never keeps the batch's other events from being stored.
 */
public final class IngestionRoutes {
  private final LangfuseBatchIngest ingest;
  private final Ingestion ingestion;
  private final HttpMetrics metrics;
  private final Scores scores;

  /**
   * @param metrics counts each batch's events: received, rejected (and why), acknowledged
   * @param scores stores the batch's score-create events, each answered on its own
   */
  public IngestionRoutes(
      LangfuseBatchIngest ingest, Ingestion ingestion, HttpMetrics metrics, Scores scores) {
    this.ingest = ingest;
    this.ingestion = ingestion;
    this.metrics = metrics;
    this.scores = scores;
  }

  public void routing(Routes routes) {
    routes.ingest("/api/public/ingestion", Access.BASIC, this::batch);
  }

  private void batch(Exchange ex) throws Exception {
    String contentType = ex.header("Content-Type");
    if (contentType != null && !contentType.contains("json")) {
      throw new BadPayloadException(
          BadPayloadException.Reason.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json, got " + contentType);
    }
    ingestion.admit(); // behind: 429 before the body is read and decoded
    int maxInflated = (int) Math.min(ex.maxBodyBytes(), Integer.MAX_VALUE - 8);
    byte[] body = Gzip.decode(ex.body(), ex.header("Content-Encoding"), maxInflated);
    BatchResult result = ingest.ingest(ex.projectId(), body);
    metrics.received(Wire.LANGFUSE_BATCH, result.successes().size(), result.toStore().rejected());
    ingestion.store(result.toStore());
    List<String> successes = new ArrayList<>(result.successes());
    List<EventError> errors = new ArrayList<>(result.errors());
    if (!result.scores().isEmpty()) {
      List<Scores.Outcome> outcomes =
          scores.createAll(result.scores().stream().map(PendingScore::score).toList());
      for (int i = 0; i < outcomes.size(); i++) {
        String eventId = result.scores().get(i).eventId();
        Scores.Outcome outcome = outcomes.get(i);
        if (outcome.ok()) successes.add(eventId);
        else errors.add(new EventError(eventId, 400, "body." + outcome.error()));
      }
    }
    metrics.acknowledged(Wire.LANGFUSE_BATCH, result.successes().size());
    ex.json(207, multiStatus(successes, errors));
  }

  private static byte[] multiStatus(List<String> successes, List<EventError> errors)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("successes");
      for (String id : successes) {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeNumberField("status", 201);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("errors");
      for (EventError e : errors) {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeNumberField("status", e.status());
        g.writeStringField("message", e.message());
        g.writeStringField(
            "error", e.status() < 500 ? "InvalidRequestError" : "InternalServerError");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }
}
