package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Level;
import dev.loupe.model.ObservationType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Observation search. Null filters match everything; {@code userId}, {@code sessionId} and {@code
 * tags} (all must be present) match the observation's trace's; {@code environments} (any of),
 * {@code release} and {@code version} the observation's own; times select {@code from <= startTime
 * < to}.
 *
 * <p>{@code search} matches an observation whose name contains it ignoring case, or whose id starts
 * with it. {@code minCost..maxCost} bound {@code Observation.totalCost()} (an observation without a
 * cost counts as zero) and {@code minLatency..maxLatency} its latency (one without an end has none
 * and fails either bound), both inclusive. Results sort by {@code orderBy} then id (same
 * direction), so paging is stable; the default is start time descending.
 *
 * <p>{@code fullText} matches an observation whose name, input or output contains the term ({@link
 * FullText}: ignoring case, JSON escapes decoded). It reads the payloads of every observation the
 * other filters and the time range leave, so callers bound the time range.
 */
public record ObservationQuery(
    String projectId,
    @Nullable ObservationType type,
    @Nullable String name,
    @Nullable String userId,
    @Nullable String sessionId,
    List<String> tags,
    @Nullable Level level,
    @Nullable String traceId,
    @Nullable String parentObservationId,
    List<String> environments,
    @Nullable String release,
    @Nullable String version,
    @Nullable String model,
    @Nullable String search,
    @Nullable FullText fullText,
    @Nullable BigDecimal minCost,
    @Nullable BigDecimal maxCost,
    @Nullable Duration minLatency,
    @Nullable Duration maxLatency,
    @Nullable Instant fromStartTime,
    @Nullable Instant toStartTime,
    OrderBy orderBy,
    SortDirection direction,
    Paging paging) {

  /**
   * Sortable observation columns: start time, latency (none sorts last), {@code
   * Observation.totalCost()} (none as zero) and {@code Observation.totalTokens()}.
   */
  public enum OrderBy {
    START_TIME,
    LATENCY,
    COST,
    TOKENS
  }

  public ObservationQuery {
    requireNonNull(projectId, "projectId");
    tags = List.copyOf(tags);
    environments = List.copyOf(environments);
    requireNonNull(orderBy, "orderBy");
    requireNonNull(direction, "direction");
    requireNonNull(paging, "paging");
    if (fromStartTime != null && toStartTime != null && !fromStartTime.isBefore(toStartTime)) {
      throw new IllegalArgumentException("fromStartTime must be before toStartTime");
    }
  }

  /** True when a filter reads the observation's trace ({@code userId}, {@code sessionId}, tags). */
  public boolean byTrace() {
    return userId != null || sessionId != null || !tags.isEmpty();
  }

  /** This query on another page (an export walks the pages of one query). */
  public ObservationQuery withPaging(Paging p) {
    return new ObservationQuery(
        projectId,
        type,
        name,
        userId,
        sessionId,
        tags,
        level,
        traceId,
        parentObservationId,
        environments,
        release,
        version,
        model,
        search,
        fullText,
        minCost,
        maxCost,
        minLatency,
        maxLatency,
        fromStartTime,
        toStartTime,
        orderBy,
        direction,
        p);
  }

  public static Builder builder(String projectId) {
    return new Builder(projectId);
  }

  /** Builder named after the fields; defaults: newest start first, page 1 of 50. */
  public static final class Builder {
    private final String projectId;
    private @Nullable ObservationType type;
    private @Nullable
    String name, userId, sessionId, traceId, parentObservationId, release, version, model, search;
    private List<String> tags = List.of(), environments = List.of();
    private @Nullable Level level;
    private @Nullable BigDecimal minCost, maxCost;
    private @Nullable Duration minLatency, maxLatency;
    private @Nullable Instant fromStartTime, toStartTime;
    private OrderBy orderBy = OrderBy.START_TIME;
    private SortDirection direction = SortDirection.DESC;
    private Paging paging = Paging.FIRST_50;
    private @Nullable FullText fullText;

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

    public Builder sessionId(@Nullable String v) {
      sessionId = v;
      return this;
    }

    /** The trace has every one of these tags. */
    public Builder tags(List<String> v) {
      tags = v;
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

    /** The observation's environment is one of these (none: any). */
    public Builder environments(List<String> v) {
      environments = v;
      return this;
    }

    /** One environment; null for any. */
    public Builder environment(@Nullable String v) {
      environments = v == null ? List.of() : List.of(v);
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

    /** The provided model name, exactly. */
    public Builder model(@Nullable String v) {
      model = v;
      return this;
    }

    /** Name contains it ignoring case, or id starts with it. */
    public Builder search(@Nullable String v) {
      search = v;
      return this;
    }

    public Builder minCost(@Nullable BigDecimal v) {
      minCost = v;
      return this;
    }

    public Builder maxCost(@Nullable BigDecimal v) {
      maxCost = v;
      return this;
    }

    public Builder minLatency(@Nullable Duration v) {
      minLatency = v;
      return this;
    }

    public Builder maxLatency(@Nullable Duration v) {
      maxLatency = v;
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

    public Builder orderBy(OrderBy v, SortDirection d) {
      orderBy = v;
      direction = d;
      return this;
    }

    /**
     * Full text: the term occurs, ignoring case, in the name, input or output ({@link FullText});
     * null or blank for none.
     */
    public Builder fullText(@Nullable String term) {
      fullText = term == null || term.isBlank() ? null : FullText.of(term);
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
          sessionId,
          tags,
          level,
          traceId,
          parentObservationId,
          environments,
          release,
          version,
          model,
          search,
          fullText,
          minCost,
          maxCost,
          minLatency,
          maxLatency,
          fromStartTime,
          toStartTime,
          orderBy,
          direction,
          paging);
    }
  }
}
