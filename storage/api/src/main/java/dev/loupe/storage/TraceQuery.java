package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Level;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Trace search. Null filters match everything; {@code tags} must all be present; times select
 * {@code from <= timestamp < to}. Results sort by {@code orderBy} then id (same direction), so
 * paging is stable.
 *
 * <p>The list filters: {@code search} matches a trace whose name contains it ignoring case, or
 * whose id starts with it (an exact id included); {@code level} a trace with an observation at
 * exactly that level ({@code ERROR}: "has an error"); {@code model} a trace with an observation of
 * that model. {@code minCost..maxCost} bound the summary's total cost (zero without observations)
 * and {@code minLatency..maxLatency} its latency (a trace without observations has none and fails
 * either bound), both inclusive. {@code score} matches a trace with a score of that name (its own
 * or one of its observations') whose number passes the optional value filter.
 *
 * <p>{@code fullText} matches a trace whose name, input or output contains the term ({@link
 * FullText}: ignoring case, JSON escapes decoded); the trace's own input and output, not its
 * observations' (the observation search has its own). It reads the payloads of every trace the
 * other filters and the time range leave, so callers bound the time range.
 *
 * <p>{@code observationIds}: whether each summary lists its observations' ids ({@link
 * TraceSummary#observationIds()}, the API's {@code observations}). A list that shows none asks
 * without them, and a store may then leave them empty and save the read.
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
    @Nullable String search,
    @Nullable FullText fullText,
    @Nullable Level level,
    @Nullable String model,
    @Nullable BigDecimal minCost,
    @Nullable BigDecimal maxCost,
    @Nullable Duration minLatency,
    @Nullable Duration maxLatency,
    @Nullable ScoreFilter score,
    OrderBy orderBy,
    SortDirection direction,
    Paging paging,
    boolean observationIds) {

  /**
   * Sortable trace columns; {@code LATENCY}, {@code COST} and {@code TOKENS} are the summary's
   * (latency, total cost, total tokens; a trace without observations has no latency and sorts last,
   * and zero cost and tokens).
   */
  public enum OrderBy {
    TIMESTAMP,
    NAME,
    USER_ID,
    SESSION_ID,
    RELEASE,
    VERSION,
    ID,
    LATENCY,
    COST,
    TOKENS;

    /** True when the order needs the observations' aggregates. */
    public boolean byObservations() {
      return this == LATENCY || this == COST || this == TOKENS;
    }
  }

  /**
   * A trace has a score of this name; with {@code value}, one whose number passes it (a text score
   * has no number and never does).
   */
  public record ScoreFilter(String name, ScoreQuery.@Nullable ValueFilter value) {
    public ScoreFilter {
      requireNonNull(name, "name");
      if (name.isBlank()) throw new IllegalArgumentException("scoreName: is blank");
    }
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

  /**
   * True when a filter or the order reads the observations ({@code level}, {@code model}, cost,
   * latency, or an order by latency, cost or tokens).
   */
  public boolean byObservations() {
    return level != null
        || model != null
        || minCost != null
        || maxCost != null
        || minLatency != null
        || maxLatency != null
        || orderBy.byObservations();
  }

  /** This query on another page (an export walks the pages of one query). */
  public TraceQuery withPaging(Paging p) {
    return copy(p, observationIds);
  }

  /** This query without the observations' ids in its summaries (see the class comment). */
  public TraceQuery withoutObservationIds() {
    return copy(paging, false);
  }

  private TraceQuery copy(Paging p, boolean ids) {
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
        search,
        fullText,
        level,
        model,
        minCost,
        maxCost,
        minLatency,
        maxLatency,
        score,
        orderBy,
        direction,
        p,
        ids);
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
    private @Nullable String search, model;
    private @Nullable Level level;
    private @Nullable BigDecimal minCost, maxCost;
    private @Nullable Duration minLatency, maxLatency;
    private @Nullable ScoreFilter score;
    private OrderBy orderBy = OrderBy.TIMESTAMP;
    private SortDirection direction = SortDirection.DESC;
    private Paging paging = Paging.FIRST_50;
    private @Nullable FullText fullText;

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

    public Builder search(@Nullable String v) {
      search = v;
      return this;
    }

    public Builder level(@Nullable Level v) {
      level = v;
      return this;
    }

    public Builder model(@Nullable String v) {
      model = v;
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

    public Builder score(@Nullable ScoreFilter v) {
      score = v;
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
          search,
          fullText,
          level,
          model,
          minCost,
          maxCost,
          minLatency,
          maxLatency,
          score,
          orderBy,
          direction,
          paging,
          true);
    }
  }
}
