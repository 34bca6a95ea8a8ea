package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Level;
import dev.loupe.model.ObservationType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Observation search. Null filters match everything; {@code userId} matches the observation's
 * trace's user; times select {@code from <= startTime < to}. Results sort by start time descending,
 * then id descending.
 */
public record ObservationQuery(
    String projectId,
    @Nullable ObservationType type,
    @Nullable String name,
    @Nullable String userId,
    @Nullable Level level,
    @Nullable String traceId,
    @Nullable String parentObservationId,
    @Nullable String environment,
    @Nullable String version,
    @Nullable String model,
    @Nullable Instant fromStartTime,
    @Nullable Instant toStartTime,
    Paging paging) {

  public ObservationQuery {
    requireNonNull(projectId, "projectId");
    requireNonNull(paging, "paging");
    if (fromStartTime != null && toStartTime != null && !fromStartTime.isBefore(toStartTime)) {
      throw new IllegalArgumentException("fromStartTime must be before toStartTime");
    }
  }

  public static Builder builder(String projectId) {
    return new Builder(projectId);
  }

  /** Builder named after the fields; default page 1 of 50. */
  public static final class Builder {
    private final String projectId;
    private @Nullable ObservationType type;
    private @Nullable
    String name, userId, traceId, parentObservationId, environment, version, model;
    private @Nullable Level level;
    private @Nullable Instant fromStartTime, toStartTime;
    private Paging paging = Paging.FIRST_50;

    Builder(String projectId) {
      this.projectId = projectId;
    }

    public Builder type(@Nullable ObservationType v) {
      type = v;
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

    public Builder level(@Nullable Level v) {
      level = v;
      return this;
    }

    public Builder traceId(@Nullable String v) {
      traceId = v;
      return this;
    }

    public Builder parentObservationId(@Nullable String v) {
      parentObservationId = v;
      return this;
    }

    public Builder environment(@Nullable String v) {
      environment = v;
      return this;
    }

    public Builder version(@Nullable String v) {
      version = v;
      return this;
    }

    /** The provided model name, exactly. */
    public Builder model(@Nullable String v) {
      model = v;
      return this;
    }

    public Builder fromStartTime(@Nullable Instant v) {
      fromStartTime = v;
      return this;
    }

    public Builder toStartTime(@Nullable Instant v) {
      toStartTime = v;
      return this;
    }

    public Builder paging(Paging v) {
      paging = v;
      return this;
    }

    public Builder paging(int page, int limit) {
      paging = new Paging(page, limit);
      return this;
    }

    public ObservationQuery build() {
      return new ObservationQuery(
          projectId,
          type,
          name,
          userId,
          level,
          traceId,
          parentObservationId,
          environment,
          version,
          model,
          fromStartTime,
          toStartTime,
          paging);
    }
  }
}
