package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A judgment of a trace, an observation, a session or a dataset run: user feedback, a person's
 * annotation, a code check or an LLM judge's verdict. Identified by (projectId, id); a later write
 * of the same id replaces it (the stored row keeps the first {@code createdAt}).
 *
 * <p>The value depends on the {@link ScoreDataType}: {@code NUMERIC} has {@code value} only; {@code
 * BOOLEAN} has {@code value} 1 or 0 and {@code stringValue} {@code "True"} or {@code "False"}
 * (derived when absent); {@code CATEGORICAL} has the label as {@code stringValue} and its config
 * category's number as {@code value} (0 without a config); {@code TEXT} has {@code stringValue}
 * only, 1 to {@value #MAX_TEXT_LENGTH} characters. A violation throws naming the field.
 *
 * @param metadata compact JSON text, or null
 * @param environment normalized environment, {@code "default"} when none was sent
 * @param authorUserId who annotated it (the signed-in principal), for scores made in the UI
 */
public record Score(
    String projectId,
    String id,
    String name,
    ScoreDataType dataType,
    @Nullable Double value,
    @Nullable String stringValue,
    ScoreSource source,
    ScoreTarget target,
    Instant timestamp,
    @Nullable String comment,
    @Nullable String metadata,
    @Nullable String configId,
    @Nullable String queueId,
    @Nullable String authorUserId,
    String environment,
    Instant createdAt,
    Instant updatedAt) {

  /** The longest text score, in characters. */
  public static final int MAX_TEXT_LENGTH = 500;

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  public Score {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    if (id.isBlank()) throw new IllegalArgumentException("id: is blank");
    requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("name: is blank");
    requireNonNull(dataType, "dataType");
    requireNonNull(source, "source");
    requireNonNull(target, "target");
    timestamp = Times.micros(requireNonNull(timestamp, "timestamp"));
    createdAt = Times.micros(requireNonNull(createdAt, "createdAt"));
    updatedAt = Times.micros(requireNonNull(updatedAt, "updatedAt"));
    environment =
        environment == null || environment.isBlank() ? Trace.DEFAULT_ENVIRONMENT : environment;
    switch (dataType) {
      case NUMERIC -> {
        requireFinite(value);
        if (stringValue != null) {
          throw new IllegalArgumentException("stringValue: a NUMERIC score has none");
        }
      }
      case BOOLEAN -> {
        requireFinite(value);
        if (value != 0 && value != 1) {
          throw new IllegalArgumentException(
              "value: a BOOLEAN score is 1 or 0, got " + plain(value));
        }
        String label = value == 1 ? TRUE : FALSE;
        if (stringValue != null && !stringValue.equals(label)) {
          throw new IllegalArgumentException(
              "stringValue: '" + stringValue + "' does not match value " + plain(value));
        }
        stringValue = label;
      }
      case CATEGORICAL -> {
        if (stringValue == null || stringValue.isBlank()) {
          throw new IllegalArgumentException("value: a CATEGORICAL score needs a label");
        }
        value = value == null ? 0.0 : value;
        requireFinite(value);
      }
      case TEXT -> {
        if (value != null) throw new IllegalArgumentException("value: a TEXT score has no number");
        int length = stringValue == null ? 0 : stringValue.codePointCount(0, stringValue.length());
        if (length < 1 || length > MAX_TEXT_LENGTH) {
          throw new IllegalArgumentException(
              "value: a TEXT score is 1 to " + MAX_TEXT_LENGTH + " characters, got " + length);
        }
      }
    }
  }

  public static Builder builder(
      String projectId, String id, String name, ScoreTarget target, Instant timestamp) {
    return new Builder(projectId, id, name, target, timestamp);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A whole number without a fraction ({@code 1}), else the double as Java prints it. */
  public static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static void requireFinite(@Nullable Double value) {
    if (value == null) throw new IllegalArgumentException("value: is required");
    if (!Double.isFinite(value)) throw new IllegalArgumentException("value: is not finite");
  }

  /**
   * Builder named after the fields: NUMERIC, source API, no value; {@code createdAt} and {@code
   * updatedAt} default to the timestamp.
   */
  public static final class Builder {
    private final String projectId;
    private final String id;
    private String name;
    private ScoreTarget target;
    private Instant timestamp;
    private ScoreDataType dataType = ScoreDataType.NUMERIC;
    private @Nullable Double value;
    private @Nullable String stringValue;
    private ScoreSource source = ScoreSource.API;
    private @Nullable String comment;
    private @Nullable String metadata;
    private @Nullable String configId;
    private @Nullable String queueId;
    private @Nullable String authorUserId;
    private @Nullable String environment;
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;

    private Builder(
        String projectId, String id, String name, ScoreTarget target, Instant timestamp) {
      this.projectId = projectId;
      this.id = id;
      this.name = name;
      this.target = target;
      this.timestamp = timestamp;
    }

    private Builder(Score s) {
      this(s.projectId, s.id, s.name, s.target, s.timestamp);
      dataType = s.dataType;
      value = s.value;
      stringValue = s.stringValue;
      source = s.source;
      comment = s.comment;
      metadata = s.metadata;
      configId = s.configId;
      queueId = s.queueId;
      authorUserId = s.authorUserId;
      environment = s.environment;
      createdAt = s.createdAt;
      updatedAt = s.updatedAt;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder target(ScoreTarget v) {
      target = v;
      return this;
    }

    public Builder timestamp(Instant v) {
      timestamp = v;
      return this;
    }

    public Builder dataType(ScoreDataType v) {
      dataType = v;
      return this;
    }

    public Builder value(@Nullable Double v) {
      value = v;
      return this;
    }

    public Builder stringValue(@Nullable String v) {
      stringValue = v;
      return this;
    }

    public Builder source(ScoreSource v) {
      source = v;
      return this;
    }

    public Builder comment(@Nullable String v) {
      comment = v;
      return this;
    }

    public Builder metadata(@Nullable String v) {
      metadata = v;
      return this;
    }

    public Builder configId(@Nullable String v) {
      configId = v;
      return this;
    }

    public Builder queueId(@Nullable String v) {
      queueId = v;
      return this;
    }

    public Builder authorUserId(@Nullable String v) {
      authorUserId = v;
      return this;
    }

    public Builder environment(@Nullable String v) {
      environment = v;
      return this;
    }

    public Builder createdAt(@Nullable Instant v) {
      createdAt = v;
      return this;
    }

    public Builder updatedAt(@Nullable Instant v) {
      updatedAt = v;
      return this;
    }

    public Score build() {
      return new Score(
          projectId,
          id,
          name,
          dataType,
          value,
          stringValue,
          source,
          target,
          timestamp,
          comment,
          metadata,
          configId,
          queueId,
          authorUserId,
          environment == null ? Trace.DEFAULT_ENVIRONMENT : environment,
          createdAt == null ? timestamp : createdAt,
          updatedAt == null ? timestamp : updatedAt);
    }
  }
}
