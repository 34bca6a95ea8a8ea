package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Trace search. Null filters match everything; {@code tags} must all be present; times select
 * {@code from <= timestamp < to}. Results sort by {@code orderBy} then id (same direction), so
 * paging is stable.
 */
public record TraceQuery(
    String projectId,
    @Nullable String userId,
    @Nullable String name,
    List<String> tags,
    @Nullable String sessionId,
    List<String> environments,
    @Nullable String version,
    @Nullable String release,
    @Nullable Instant fromTimestamp,
    @Nullable Instant toTimestamp,
    OrderBy orderBy,
    SortDirection direction,
    Paging paging) {

  /** Sortable trace columns. */
  public enum OrderBy {
    TIMESTAMP,
    NAME,
    USER_ID,
    SESSION_ID,
    RELEASE,
    VERSION,
    ID
  }

  public TraceQuery {
    requireNonNull(projectId, "projectId");
    tags = List.copyOf(tags);
    environments = List.copyOf(environments);
    requireNonNull(orderBy, "orderBy");
    requireNonNull(direction, "direction");
    requireNonNull(paging, "paging");
    if (fromTimestamp != null && toTimestamp != null && !fromTimestamp.isBefore(toTimestamp)) {
      throw new IllegalArgumentException("fromTimestamp must be before toTimestamp");
    }
  }

  public static Builder builder(String projectId) {
    return new Builder(projectId);
  }

  /** Builder named after the fields; defaults: newest first, page 1 of 50. */
  public static final class Builder {
    private final String projectId;
    private @Nullable String userId, name, sessionId, version, release;
    private List<String> tags = List.of(), environments = List.of();
    private @Nullable Instant fromTimestamp, toTimestamp;
    private OrderBy orderBy = OrderBy.TIMESTAMP;
    private SortDirection direction = SortDirection.DESC;
    private Paging paging = Paging.FIRST_50;

    Builder(String projectId) {
      this.projectId = projectId;
    }

    public Builder userId(@Nullable String v) {
      userId = v;
      return this;
    }

    public Builder name(@Nullable String v) {
      name = v;
      return this;
    }

    public Builder tags(List<String> v) {
      tags = v;
      return this;
    }

    public Builder sessionId(@Nullable String v) {
      sessionId = v;
      return this;
    }

    public Builder environments(List<String> v) {
      environments = v;
      return this;
    }

    public Builder version(@Nullable String v) {
      version = v;
      return this;
    }

    public Builder release(@Nullable String v) {
      release = v;
      return this;
    }

    public Builder fromTimestamp(@Nullable Instant v) {
      fromTimestamp = v;
      return this;
    }

    public Builder toTimestamp(@Nullable Instant v) {
      toTimestamp = v;
      return this;
    }

    public Builder orderBy(OrderBy v, SortDirection d) {
      orderBy = v;
      direction = d;
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

    public TraceQuery build() {
      return new TraceQuery(
          projectId,
          userId,
          name,
          tags,
          sessionId,
          environments,
          version,
          release,
          fromTimestamp,
          toTimestamp,
          orderBy,
          direction,
          paging);
    }
  }
}
