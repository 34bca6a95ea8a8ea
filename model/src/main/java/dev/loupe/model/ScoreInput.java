package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A score as a client sent it, before the rules of its data type and config (the evaluation
 * module's {@code ScoreRules}) make it a {@link Score}: the value is still a number or a string,
 * and the data type may be missing (then the config, or the value, decides it).
 *
 * @param number the value when it was sent as a number
 * @param text the value when it was sent as a string
 * @param dataType the data type the client named, or null
 */
public record ScoreInput(
    String projectId,
    String id,
    String name,
    @Nullable Double number,
    @Nullable String text,
    @Nullable ScoreDataType dataType,
    ScoreSource source,
    ScoreTarget target,
    Instant timestamp,
    @Nullable String comment,
    @Nullable String metadata,
    @Nullable String configId,
    @Nullable String queueId,
    @Nullable String authorUserId,
    String environment) {

  public ScoreInput {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    if (id.isBlank()) throw new IllegalArgumentException("id: is blank");
    requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("name: is blank");
    if ((number == null) == (text == null)) {
      throw new IllegalArgumentException("value: is required, a number or a string");
    }
    requireNonNull(source, "source");
    requireNonNull(target, "target");
    timestamp = Times.micros(requireNonNull(timestamp, "timestamp"));
    environment =
        environment == null || environment.isBlank() ? Trace.DEFAULT_ENVIRONMENT : environment;
    configId = configId == null || configId.isBlank() ? null : configId;
  }

  /**
   * The score with the resolved type and value, the other fields as sent; created and updated
   * {@code now}.
   */
  public Score toScore(
      ScoreDataType type, @Nullable Double value, @Nullable String stringValue, Instant now) {
    return Score.builder(projectId, id, name, target, timestamp)
        .dataType(type)
        .value(value)
        .stringValue(stringValue)
        .source(source)
        .comment(comment)
        .metadata(metadata)
        .configId(configId)
        .queueId(queueId)
        .authorUserId(authorUserId)
        .environment(environment)
        .createdAt(now)
        .updatedAt(now)
        .build();
  }
}
