package dev.loupe.ingest.langfuse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.ingest.convention.EnvironmentRule;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreInput;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A Langfuse score body ({@code score-create} events, {@code POST /api/public/scores}) to a {@link
 * ScoreInput}: the shape only (types, ids, a target, the value as a number or a string). Whether
 * the value fits its data type and config is the evaluation module's rule, applied before storing.
 */
final class ScoreMapper {
  static final int MAX_NAME_LENGTH = 1000;

  private ScoreMapper() {}

  /**
   * @param fallbackId the id when the body has none (a batch event's own id, so that a re-sent
   *     batch stays idempotent)
   * @param sourceAllowed whether the body may name its {@code source} (the scores endpoint); a
   *     batch event's score is always {@code API}
   */
  static ScoreInput score(
      String projectId, Instant time, Fields body, String fallbackId, boolean sourceAllowed) {
    String id = body.id("id");
    String name = body.string("name", MAX_NAME_LENGTH);
    if (name == null || name.isBlank()) throw body.invalid("name", "is required");
    JsonNode value = body.value("value");
    if (value == null) throw body.invalid("value", "is required");
    if (!value.isNumber() && !value.isTextual()) {
      throw body.invalid("value", "must be a number or a string, got " + Fields.describe(value));
    }
    Double number = value.isNumber() ? value.doubleValue() : null;
    if (number != null && !Double.isFinite(number)) {
      throw body.invalid("value", "is beyond a double's range");
    }
    Instant timestamp = body.instant("timestamp");
    ScoreTarget target;
    try {
      target =
          new ScoreTarget(
              body.id("traceId"),
              body.id("observationId"),
              body.id("sessionId"),
              body.id("datasetRunId"));
    } catch (InvalidEventException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(body.path(e.getMessage()));
    }
    return new ScoreInput(
        projectId,
        id != null ? id : fallbackId,
        name,
        number,
        value.isTextual() ? value.textValue() : null,
        dataType(body),
        sourceAllowed ? source(body) : ScoreSource.API,
        target,
        timestamp != null ? timestamp : time,
        body.string("comment"),
        body.metadata("metadata"),
        body.id("configId"),
        body.id("queueId"),
        null,
        EnvironmentRule.normalize(body.string("environment")));
  }

  private static @Nullable ScoreDataType dataType(Fields body) {
    String type = body.string("dataType");
    if (type == null) return null;
    return ScoreDataType.fromWire(type)
        .orElseThrow(
            () ->
                body.invalid(
                    "dataType",
                    "unknown data type '"
                        + type
                        + "', expected one of NUMERIC, CATEGORICAL, BOOLEAN, TEXT"));
  }

  private static ScoreSource source(Fields body) {
    String source = body.string("source");
    if (source == null) return ScoreSource.API;
    ScoreSource s =
        ScoreSource.fromWire(source)
            .orElseThrow(
                () ->
                    body.invalid(
                        "source", "unknown source '" + source + "', expected API or ANNOTATION"));
    if (s == ScoreSource.EVAL) {
      throw body.invalid("source", "EVAL is reserved for evaluators running on the server");
    }
    return s;
  }
}
