package dev.loupe.sdk;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Trace-level attributes: name, user, session (thread), tags, metadata, version, release,
 * environment, public flag and the trace's input/output. Immutable; build with {@link #builder()}.
 *
 * <p>When set through {@link ObservationFields#updateTrace} or {@link Loupe#updateTrace} they are
 * written on that observation as {@code langfuse.trace.*}, and every observation started later in
 * its scope carries name, user, session, tags, metadata, version, release and environment too (the
 * input, output and public flag stay on the observation that set them).
 */
public final class TraceAttributes {
  static final TraceAttributes EMPTY = builder().build();

  final String name;
  final String userId;
  final String sessionId;
  final List<String> tags;
  final Map<String, Object> metadata;
  final String version;
  final String release;
  final String environment;
  final Boolean isPublic;
  final Object input;
  final Object output;

  private TraceAttributes(Builder b) {
    this.name = b.name;
    this.userId = b.userId;
    this.sessionId = b.sessionId;
    this.tags = List.copyOf(b.tags);
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    this.version = b.version;
    this.release = b.release;
    this.environment = b.environment;
    this.isPublic = b.isPublic;
    this.input = b.input;
    this.output = b.output;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The attributes that travel to nested observations (all but input, output and public). */
  TraceAttributes propagated() {
    Builder b = toBuilder();
    b.input = null;
    b.output = null;
    b.isPublic = null;
    return b.build();
  }

  /** These attributes overridden by {@code later}'s set fields; tags and metadata are merged. */
  TraceAttributes merge(TraceAttributes later) {
    Builder b = toBuilder();
    if (later.name != null) b.name = later.name;
    if (later.userId != null) b.userId = later.userId;
    if (later.sessionId != null) b.sessionId = later.sessionId;
    b.tags(later.tags);
    b.metadata.putAll(later.metadata);
    if (later.version != null) b.version = later.version;
    if (later.release != null) b.release = later.release;
    if (later.environment != null) b.environment = later.environment;
    if (later.isPublic != null) b.isPublic = later.isPublic;
    if (later.input != null) b.input = later.input;
    if (later.output != null) b.output = later.output;
    return b.build();
  }

  boolean isEmpty() {
    return equals(EMPTY);
  }

  private Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.userId = userId;
    b.sessionId = sessionId;
    b.tags.addAll(tags);
    b.metadata.putAll(metadata);
    b.version = version;
    b.release = release;
    b.environment = environment;
    b.isPublic = isPublic;
    b.input = input;
    b.output = output;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceAttributes t
        && Objects.equals(name, t.name)
        && Objects.equals(userId, t.userId)
        && Objects.equals(sessionId, t.sessionId)
        && tags.equals(t.tags)
        && metadata.equals(t.metadata)
        && Objects.equals(version, t.version)
        && Objects.equals(release, t.release)
        && Objects.equals(environment, t.environment)
        && Objects.equals(isPublic, t.isPublic)
        && Objects.equals(input, t.input)
        && Objects.equals(output, t.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, userId, sessionId, tags, metadata, version, release, environment);
  }

  @Override
  public String toString() {
    return "TraceAttributes{name="
        + name
        + ", userId="
        + userId
        + ", sessionId="
        + sessionId
        + ", tags="
        + tags
        + ", metadata="
        + metadata
        + ", version="
        + version
        + ", release="
        + release
        + ", environment="
        + environment
        + "}";
  }

  /** Builds {@link TraceAttributes}; unset fields are left as they are on the trace. */
  public static final class Builder {
    private String name;
    private String userId;
    private String sessionId;
    private final LinkedHashSet<String> tags = new LinkedHashSet<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private String version;
    private String release;
    private String environment;
    private Boolean isPublic;
    private Object input;
    private Object output;

    private Builder() {}

    /** Trace name ({@code langfuse.trace.name}); defaults to the root observation's name. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** User id ({@code user.id}). */
    public Builder userId(String userId) {
      this.userId = userId;
      return this;
    }

    /** Session id ({@code session.id}); Lemma shows it as the thread. */
    public Builder sessionId(String sessionId) {
      this.sessionId = sessionId;
      return this;
    }

    /** Adds tags ({@code langfuse.trace.tags}). */
    public Builder tags(Collection<String> tags) {
      for (String t : tags) if (t != null) this.tags.add(t);
      return this;
    }

    /** Adds tags ({@code langfuse.trace.tags}). */
    public Builder tags(String... tags) {
      return tags(List.of(tags));
    }

    /** Adds metadata entries ({@code langfuse.trace.metadata.<key>}; non-strings as JSON). */
    public Builder metadata(Map<String, ?> metadata) {
      metadata.forEach(
          (k, v) -> {
            if (k != null && v != null) this.metadata.put(k, v);
          });
      return this;
    }

    /** Adds one metadata entry. */
    public Builder metadata(String key, Object value) {
      return metadata(Collections.singletonMap(key, value));
    }

    /** Application version ({@code langfuse.version}). */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** Release ({@code langfuse.release}). */
    public Builder release(String release) {
      this.release = release;
      return this;
    }

    /** Environment, e.g. {@code production} ({@code langfuse.environment}). */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /** Whether the trace may be shared publicly ({@code langfuse.trace.public}). */
    public Builder isPublic(boolean isPublic) {
      this.isPublic = isPublic;
      return this;
    }

    /** Trace input: a string as is, anything else as JSON. */
    public Builder input(Object input) {
      this.input = input;
      return this;
    }

    /** Trace output: a string as is, anything else as JSON. */
    public Builder output(Object output) {
      this.output = output;
      return this;
    }

    public TraceAttributes build() {
      return new TraceAttributes(this);
    }
  }
}
