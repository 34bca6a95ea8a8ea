package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One agent execution. Built from the root span and any span carrying trace attributes; several
 * writes of the same (projectId, id) merge with {@link #mergedWith(Trace)}.
 *
 * <p>{@code input}, {@code output} and {@code metadata} are compact JSON text (metadata is an
 * object).
 *
 * @param timestamp start of the trace, microsecond precision
 * @param environment normalized environment, {@code "default"} when none was sent
 */
public record Trace(
    String projectId,
    String id,
    @Nullable String name,
    Instant timestamp,
    @Nullable String userId,
    @Nullable String sessionId,
    List<String> tags,
    @Nullable String input,
    @Nullable String output,
    @Nullable String metadata,
    String environment,
    @Nullable String release,
    @Nullable String version,
    boolean isPublic) {

  public static final String DEFAULT_ENVIRONMENT = "default";

  public Trace {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
    timestamp = Times.micros(requireNonNull(timestamp, "timestamp"));
    tags = List.copyOf(requireNonNull(tags, "tags"));
    environment = environment == null || environment.isBlank() ? DEFAULT_ENVIRONMENT : environment;
  }

  public static Builder builder(String projectId, String id, Instant timestamp) {
    return new Builder(projectId, id, timestamp);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * This trace updated by a later write of the same id: the newer non-null fields win, tags are
   * united (first seen order), metadata objects merge key by key, the timestamp is the earliest,
   * environment keeps a non-default value, public is sticky.
   */
  public Trace mergedWith(Trace newer) {
    if (!projectId.equals(newer.projectId) || !id.equals(newer.id)) {
      throw new IllegalArgumentException("cannot merge trace " + id + " with " + newer.id);
    }
    LinkedHashSet<String> allTags = new LinkedHashSet<>(tags);
    allTags.addAll(newer.tags);
    return new Trace(
        projectId,
        id,
        pick(newer.name, name),
        timestamp.isBefore(newer.timestamp) ? timestamp : newer.timestamp,
        pick(newer.userId, userId),
        pick(newer.sessionId, sessionId),
        List.copyOf(allTags),
        pick(newer.input, input),
        pick(newer.output, output),
        Json.mergeObjects(metadata, newer.metadata),
        DEFAULT_ENVIRONMENT.equals(newer.environment) ? environment : newer.environment,
        pick(newer.release, release),
        pick(newer.version, version),
        isPublic || newer.isPublic);
  }

  static <T> @Nullable T pick(@Nullable T newer, @Nullable T older) {
    return newer != null ? newer : older;
  }

  /** Builder named after the fields. */
  public static final class Builder {
    private final String projectId;
    private final String id;
    private Instant timestamp;
    private @Nullable String name, userId, sessionId, input, output, metadata, release, version;
    private String environment = DEFAULT_ENVIRONMENT;
    private List<String> tags = List.of();
    private boolean isPublic;

    Builder(String projectId, String id, Instant timestamp) {
      this.projectId = projectId;
      this.id = id;
      this.timestamp = timestamp;
    }

    Builder(Trace t) {
      this(t.projectId, t.id, t.timestamp);
      name = t.name;
      userId = t.userId;
      sessionId = t.sessionId;
      tags = t.tags;
      input = t.input;
      output = t.output;
      metadata = t.metadata;
      environment = t.environment;
      release = t.release;
      version = t.version;
      isPublic = t.isPublic;
    }

    public Builder timestamp(Instant v) {
      timestamp = v;
      return this;
    }

    public Builder name(@Nullable String v) {
      name = v;
      return this;
    }

    public Builder userId(@Nullable String v) {
      userId = v;
      return this;
    }

    public Builder sessionId(@Nullable String v) {
      sessionId = v;
      return this;
    }

    public Builder tags(List<String> v) {
      tags = v;
      return this;
    }

    public Builder input(@Nullable String json) {
      input = json;
      return this;
    }

    public Builder output(@Nullable String json) {
      output = json;
      return this;
    }

    public Builder metadata(@Nullable String jsonObject) {
      metadata = jsonObject;
      return this;
    }

    public Builder environment(@Nullable String v) {
      environment = v;
      return this;
    }

    public Builder release(@Nullable String v) {
      release = v;
      return this;
    }

    public Builder version(@Nullable String v) {
      version = v;
      return this;
    }

    public Builder isPublic(boolean v) {
      isPublic = v;
      return this;
    }

    public Trace build() {
      return new Trace(
          projectId,
          id,
          name,
          timestamp,
          userId,
          sessionId,
          tags,
          input,
          output,
          metadata,
          environment,
          release,
          version,
          isPublic);
    }
  }
}
