package dev.loupe.ingest.langfuse;

import dev.loupe.ingest.IngestResult;

/** Langfuse {@code POST /api/public/ingestion} batch bodies to the model. (Placeholder: body being written.) */
public final class LangfuseBatchIngest {
  /**
   * Parses and normalizes one batch. Each event yields either a trace/observation write or a per-event error;
   * {@link BatchResult} says which event ids succeeded and why the others failed.
   *
   * @throws dev.loupe.ingest.BadPayloadException when the envelope itself is invalid (not JSON, no batch array)
   */
  public BatchResult ingest(String projectId, byte[] jsonBody) {
    throw new UnsupportedOperationException("not yet written");
  }

  /**
   * The outcome: what to store, plus the Langfuse 207 body parts.
   *
   * @param successes event ids accepted
   * @param errors per-event errors (event id, HTTP-like status 400, message)
   */
  public record BatchResult(IngestResult toStore, java.util.List<String> successes,
      java.util.List<EventError> errors) {}

  /** One failed event: its id, a status (400 for bad input), and a message naming the field. */
  public record EventError(String id, int status, String message) {}
}
