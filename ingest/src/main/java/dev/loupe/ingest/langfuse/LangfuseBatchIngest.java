package dev.loupe.ingest.langfuse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.loupe.ingest.Admission;
import dev.loupe.ingest.BadPayloadException;
import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.ItemFailure;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ScoreInput;
import dev.loupe.model.Trace;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Langfuse {@code POST /api/public/ingestion} batch bodies ({@code {"batch": [event, ...],
 * "metadata": ...}}) to the model.
 *
 * <p>Each event is validated on its own: a bad event (a wrong type, a value out of {@link
 * dev.loupe.model.Bounds}, fields nested deeper than {@link dev.loupe.model.Bounds#MAX_DEPTH}, or
 * anything its mapping refuses) becomes an {@link EventError} naming the field and the reason, and
 * the other events of the batch still succeed. {@code trace-create} yields a {@link Trace}; span,
 * generation, event, agent, tool, chain, retriever, evaluator, embedding, guardrail and the legacy
 * observation creates/updates yield an {@link Observation} plus a shallow trace so that the trace
 * exists. Updates are later writes of the same id, merged by storage.
 *
 * <p>{@code score-create} yields a {@link ScoreInput} (the body's shape checked here, its value
 * against its data type and config by the evaluation module before it is stored); its event is
 * neither a success nor an error until then. {@code sdk-log} is accepted and dropped (it is the
 * SDK's own diagnostics).
 */
public final class LangfuseBatchIngest {
  /**
   * Decimals as {@code BigDecimal}, as sent: a cost such as 999999.999999999999 keeps its digits (a
   * double rounds it to 1000000), and a number beyond a double's range (1e400) stays a number.
   */
  private static final ObjectReader READER =
      Json.MAPPER
          .reader()
          .with(
              DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
              DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

  /**
   * Parses and normalizes one batch. Each event yields either a trace/observation write or a
   * per-event error; {@link BatchResult} says which event ids succeeded and why the others failed.
   *
   * @throws dev.loupe.ingest.BadPayloadException when the envelope itself is invalid (not JSON, no
   *     batch array)
   */
  public BatchResult ingest(String projectId, byte[] jsonBody) {
    JsonNode batch = batch(jsonBody);
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    List<String> successes = new ArrayList<>();
    List<EventError> errors = new ArrayList<>();
    List<PendingScore> scores = new ArrayList<>();
    Map<String, String> traceIdByObservation = new HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      JsonNode event = batch.get(i);
      String id = eventId(event).orElse("batch[" + i + "]");
      try {
        Fields envelope = Fields.of(event, "");
        String eventId = envelope.requiredId("id");
        Instant timestamp = envelope.instant("timestamp");
        if (timestamp == null) throw envelope.invalid("timestamp", "is required");
        String wireType = envelope.string("type");
        if (wireType == null) throw envelope.invalid("type", "is required");
        EventType type =
            EventType.fromWire(wireType)
                .orElseThrow(
                    () ->
                        envelope.invalid(
                            "type",
                            "unknown event type '"
                                + wireType
                                + "', expected one of "
                                + EventType.WIRE_NAMES));
        Fields body = Fields.of(envelope.value("body"), "body");
        body.checkDepth();
        switch (type.kind()) {
          case TRACE ->
              traces.add(
                  Admission.trace(TraceMapper.trace(projectId, timestamp, body), body.path("")));
          case OBSERVATION -> {
            String bodyId = body.requiredId("id");
            Observation o =
                Admission.observation(
                    ObservationMapper.observation(
                        projectId, type, timestamp, body, traceIdByObservation.get(bodyId)),
                    body.path(""));
            if (o.mappingNotes().containsKey(Observation.DEFAULTED_TRACE_ID)) {
              traceIdByObservation.putIfAbsent(bodyId, o.traceId());
            } else {
              traceIdByObservation.put(bodyId, o.traceId());
            }
            observations.add(o);
            traces.add(TraceMapper.shallow(o));
          }
          case SCORE -> {
            scores.add(
                new PendingScore(
                    eventId, ScoreMapper.score(projectId, timestamp, body, eventId, false)));
            continue;
          }
          case SDK_LOG -> {}
        }
        successes.add(eventId);
      } catch (RuntimeException e) {
        ItemFailure failure = ItemFailure.of(e);
        errors.add(new EventError(id, failure.status(), failure.message()));
      }
    }
    List<IngestResult.Rejection> rejected =
        errors.stream().map(e -> new IngestResult.Rejection(e.id(), e.message())).toList();
    return new BatchResult(
        new IngestResult(traces, observations, rejected), successes, errors, scores);
  }

  /**
   * The body of {@code POST /api/public/scores} (a score-create body plus {@code source}: API or
   * ANNOTATION; EVAL is refused) as a score to check and store; {@code now} when it has no {@code
   * timestamp}, a random id when it has no {@code id}.
   *
   * @throws IllegalArgumentException naming the field, when the body is not a score
   * @throws BadPayloadException when it is not JSON
   */
  public ScoreInput score(String projectId, byte[] jsonBody, Instant now) {
    JsonNode root;
    try {
      root = READER.readTree(jsonBody);
    } catch (IOException e) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED, "body is not valid JSON: " + e.getMessage(), e);
    }
    Fields body = Fields.of(root, "");
    body.checkDepth();
    return ScoreMapper.score(projectId, now, body, java.util.UUID.randomUUID().toString(), true);
  }

  private static JsonNode batch(byte[] body) {
    JsonNode root;
    try {
      root = READER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED,
          "body is not valid JSON: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED, "body cannot be read: " + e, e);
    }
    if (root == null || root.isMissingNode()) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED, "body is empty; expected {\"batch\": [...]}");
    }
    if (!root.isObject()) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED,
          "body must be a JSON object {\"batch\": [...]}, got " + Fields.describe(root));
    }
    JsonNode batch = root.get("batch");
    if (batch == null || !batch.isArray()) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED,
          "batch: required array of events"
              + (batch == null ? "" : ", got " + Fields.describe(batch)));
    }
    return batch;
  }

  /**
   * The event's id for error reports when it is a usable string; otherwise the caller uses the
   * position.
   */
  private static Optional<String> eventId(JsonNode event) {
    JsonNode id = event.get("id");
    return id != null && id.isTextual() && !id.textValue().isBlank()
        ? Optional.of(id.textValue())
        : Optional.empty();
  }

  /**
   * The outcome: what to store, plus the Langfuse 207 body parts.
   *
   * @param toStore traces and observations of the successful events; {@code rejected} mirrors
   *     {@code errors}
   * @param successes event ids accepted (including {@code sdk-log} events, which store nothing)
   * @param errors per-event errors (event id, or {@code batch[i]} when the event has no usable id;
   *     status 400; message naming the field)
   * @param scores the score-create events whose body is a score: each succeeds or fails once it has
   *     been checked against its data type and config
   */
  public record BatchResult(
      IngestResult toStore,
      List<String> successes,
      List<EventError> errors,
      List<PendingScore> scores) {
    public BatchResult {
      successes = List.copyOf(successes);
      errors = List.copyOf(errors);
      scores = List.copyOf(scores);
    }
  }

  /** A score-create event's id and its score. */
  public record PendingScore(String eventId, ScoreInput score) {}

  /** One failed event: its id, a status (400 for bad input), and a message naming the field. */
  public record EventError(String id, int status, String message) {}
}
