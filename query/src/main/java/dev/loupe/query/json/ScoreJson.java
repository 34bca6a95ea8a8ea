package dev.loupe.query.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.model.Score;
import dev.loupe.model.ScoreCategory;
import dev.loupe.model.ScoreConfig;
import dev.loupe.storage.Page;
import dev.loupe.storage.ScoreSummary;
import java.io.IOException;

/**
 * Scores and score configs in the Langfuse public API shape. A score has {@code value} when its
 * type has a number (NUMERIC, BOOLEAN, CATEGORICAL) and {@code stringValue} when it has a string
 * (CATEGORICAL, BOOLEAN, TEXT), as Langfuse's score types do; a listed score adds {@code trace:
 * {userId, tags, environment, sessionId}} when its trace row exists and the caller asked for it.
 */
public final class ScoreJson {
  private ScoreJson() {}

  /** {@code GET /api/public/v2/scores}. */
  public static byte[] page(Page<ScoreSummary> page, boolean withTrace) {
    return JsonOut.page(
        page,
        (g, s) -> {
          g.writeStartObject();
          writeFields(g, s.score());
          ScoreSummary.TraceFacts t = s.trace();
          if (withTrace && t != null) {
            g.writeObjectFieldStart("trace");
            JsonOut.string(g, "userId", t.userId());
            g.writeArrayFieldStart("tags");
            for (String tag : t.tags()) g.writeString(tag);
            g.writeEndArray();
            g.writeStringField("environment", t.environment());
            JsonOut.string(g, "sessionId", t.sessionId());
            g.writeEndObject();
          }
          g.writeEndObject();
        });
  }

  /** {@code GET /api/public/v2/scores/{id}}. */
  public static byte[] one(Score s) {
    return JsonOut.bytes(g -> write(g, s));
  }

  /** {@code POST /api/public/scores}: {@code {"id": ...}}. */
  public static byte[] created(Score s) {
    return JsonOut.bytes(
        g -> {
          g.writeStartObject();
          g.writeStringField("id", s.id());
          g.writeEndObject();
        });
  }

  /** One score object (a trace's {@code scores} items). */
  static void write(JsonGenerator g, Score s) throws IOException {
    g.writeStartObject();
    writeFields(g, s);
    g.writeEndObject();
  }

  private static void writeFields(JsonGenerator g, Score s) throws IOException {
    g.writeStringField("id", s.id());
    JsonOut.string(g, "traceId", s.target().traceId());
    JsonOut.string(g, "observationId", s.target().observationId());
    JsonOut.string(g, "sessionId", s.target().sessionId());
    JsonOut.string(g, "datasetRunId", s.target().datasetRunId());
    g.writeStringField("name", s.name());
    g.writeStringField("dataType", s.dataType().name());
    if (s.value() != null) number(g, "value", s.value());
    if (s.stringValue() != null) g.writeStringField("stringValue", s.stringValue());
    g.writeStringField("source", s.source().name());
    JsonOut.time(g, "timestamp", s.timestamp());
    JsonOut.time(g, "createdAt", s.createdAt());
    JsonOut.time(g, "updatedAt", s.updatedAt());
    JsonOut.string(g, "authorUserId", s.authorUserId());
    JsonOut.string(g, "comment", s.comment());
    JsonOut.raw(g, "metadata", s.metadata());
    JsonOut.string(g, "configId", s.configId());
    JsonOut.string(g, "queueId", s.queueId());
    g.writeStringField("environment", s.environment());
  }

  /** {@code GET /api/public/score-configs}. */
  public static byte[] configs(Page<ScoreConfig> page) {
    return JsonOut.page(page, ScoreJson::write);
  }

  /** {@code GET /api/public/score-configs/{id}} and the answers of create and update. */
  public static byte[] config(ScoreConfig c) {
    return JsonOut.bytes(g -> write(g, c));
  }

  private static void write(JsonGenerator g, ScoreConfig c) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", c.id());
    g.writeStringField("name", c.name());
    JsonOut.time(g, "createdAt", c.createdAt());
    JsonOut.time(g, "updatedAt", c.updatedAt());
    g.writeStringField("projectId", c.projectId());
    g.writeStringField("dataType", c.dataType().name());
    g.writeBooleanField("isArchived", c.archived());
    if (c.minValue() == null) g.writeNullField("minValue");
    else number(g, "minValue", c.minValue());
    if (c.maxValue() == null) g.writeNullField("maxValue");
    else number(g, "maxValue", c.maxValue());
    if (!c.categories().isEmpty()) {
      g.writeArrayFieldStart("categories");
      for (ScoreCategory k : c.categories()) {
        g.writeStartObject();
        number(g, "value", k.value());
        g.writeStringField("label", k.label());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    JsonOut.string(g, "description", c.description());
    g.writeEndObject();
  }

  /** The body of {@code POST /api/public/score-configs} as a draft; refusals name the field. */
  public static dev.loupe.evaluation.ScoreConfigs.Draft readConfig(String json) {
    return ScoreConfigReader.draft(json);
  }

  /** The body of {@code PATCH /api/public/score-configs/{id}}; refusals name the field. */
  public static dev.loupe.evaluation.ScoreConfigs.Patch readConfigPatch(String json) {
    return ScoreConfigReader.patch(json);
  }

  /** A whole number as an integer ({@code 1}, not {@code 1.0}), else the double. */
  private static void number(JsonGenerator g, String field, double v) throws IOException {
    g.writeFieldName(field);
    if (v == Math.rint(v) && Math.abs(v) < 1e15) g.writeNumber((long) v);
    else g.writeNumber(v);
  }
}
