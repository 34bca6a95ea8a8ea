package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Session search: sessions whose first trace falls in {@code from <= createdAt < to}, optionally in
 * one environment; newest first, then id descending.
 */
public record SessionQuery(
    String projectId,
    @Nullable Instant fromTimestamp,
    @Nullable Instant toTimestamp,
    @Nullable String environment,
    Paging paging) {
  public SessionQuery {
    requireNonNull(projectId, "projectId");
    requireNonNull(paging, "paging");
    if (fromTimestamp != null && toTimestamp != null && !fromTimestamp.isBefore(toTimestamp)) {
      throw new IllegalArgumentException("fromTimestamp must be before toTimestamp");
    }
  }

  public static Builder builder(String projectId) {
    return new Builder(projectId);
  }

  /** Builder named after the fields; default page 1 of 50. */
  public static final class Builder {
    private final String projectId;
    private @Nullable Instant fromTimestamp, toTimestamp;
    private @Nullable String environment;
    private Paging paging = Paging.FIRST_50;

    Builder(String projectId) {
      this.projectId = projectId;
    }

    public Builder fromTimestamp(@Nullable Instant v) {
      fromTimestamp = v;
      return this;
    }

    public Builder toTimestamp(@Nullable Instant v) {
      toTimestamp = v;
      return this;
    }

    public Builder environment(@Nullable String v) {
      environment = v;
      return this;
    }

    public Builder paging(Paging v) {
      paging = v;
      return this;
    }

    public SessionQuery build() {
      return new SessionQuery(projectId, fromTimestamp, toTimestamp, environment, paging);
    }
  }
}
