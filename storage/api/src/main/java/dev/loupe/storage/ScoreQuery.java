package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Score search (Langfuse's score list filters). Null filters and empty lists match everything;
 * several filters must all hold. {@code observationIds}, {@code environments} and {@code scoreIds}
 * match any listed value; {@code userId} and {@code traceTags} (all must be present) are the scored
 * trace's, so a score without a trace row fails them; times select {@code from <= timestamp < to};
 * {@code value} compares the number of a NUMERIC, BOOLEAN or CATEGORICAL score (a TEXT score has
 * none and fails it).
 */
public record ScoreQuery(
    String projectId,
    @Nullable String name,
    @Nullable ScoreSource source,
    @Nullable ScoreDataType dataType,
    @Nullable String configId,
    @Nullable String queueId,
    @Nullable String traceId,
    List<String> observationIds,
    @Nullable String sessionId,
    @Nullable String datasetRunId,
    @Nullable String userId,
    List<String> traceTags,
    List<String> environments,
    List<String> scoreIds,
    @Nullable Instant fromTimestamp,
    @Nullable Instant toTimestamp,
    @Nullable ValueFilter value,
    Paging paging) {

  public ScoreQuery {
    requireNonNull(projectId, "projectId");
    observationIds = List.copyOf(observationIds);
    traceTags = List.copyOf(traceTags);
    environments = List.copyOf(environments);
    scoreIds = List.copyOf(scoreIds);
    requireNonNull(paging, "paging");
    if (fromTimestamp != null && toTimestamp != null && !fromTimestamp.isBefore(toTimestamp)) {
      throw new IllegalArgumentException("fromTimestamp must be before toTimestamp");
    }
  }

  /** Whether a filter reads the scored trace's row ({@code userId}, {@code traceTags}). */
  public boolean byTrace() {
    return userId != null || !traceTags.isEmpty();
  }

  /** {@code value <operator> threshold}. */
  public record ValueFilter(Operator operator, double threshold) {
    public ValueFilter {
      requireNonNull(operator, "operator");
      if (!Double.isFinite(threshold)) throw new IllegalArgumentException("value: is not finite");
    }

    public boolean matches(double v) {
      return switch (operator) {
        case LT -> v < threshold;
        case GT -> v > threshold;
        case LE -> v <= threshold;
        case GE -> v >= threshold;
        case EQ -> v == threshold;
        case NE -> v != threshold;
      };
    }
  }

  /** Comparison operators, by their wire symbols. */
  public enum Operator {
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">="),
    EQ("="),
    NE("!=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** The operator of a wire symbol; empty when unknown. */
    public static Optional<Operator> fromSymbol(String s) {
      for (Operator o : values()) if (o.symbol.equals(s)) return Optional.of(o);
      return Optional.empty();
    }
  }

  public static Builder builder(String projectId) {
    return new Builder(projectId);
  }

  /** Builder named after the fields; default page 1 of 50. */
  public static final class Builder {
    private final String projectId;
    private @Nullable String name, configId, queueId, traceId, sessionId, datasetRunId, userId;
    private @Nullable ScoreSource source;
    private @Nullable ScoreDataType dataType;
    private List<String> observationIds = List.of(),
        traceTags = List.of(),
        environments = List.of(),
        scoreIds = List.of();
    private @Nullable Instant fromTimestamp, toTimestamp;
    private @Nullable ValueFilter value;
    private Paging paging = Paging.FIRST_50;

    Builder(String projectId) {
      this.projectId = projectId;
    }

    public Builder name(@Nullable String v) {
      name = v;
      return this;
    }

    public Builder source(@Nullable ScoreSource v) {
      source = v;
      return this;
    }

    public Builder dataType(@Nullable ScoreDataType v) {
      dataType = v;
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

    public Builder traceId(@Nullable String v) {
      traceId = v;
      return this;
    }

    public Builder observationIds(List<String> v) {
      observationIds = v;
      return this;
    }

    public Builder sessionId(@Nullable String v) {
      sessionId = v;
      return this;
    }

    public Builder datasetRunId(@Nullable String v) {
      datasetRunId = v;
      return this;
    }

    public Builder userId(@Nullable String v) {
      userId = v;
      return this;
    }

    public Builder traceTags(List<String> v) {
      traceTags = v;
      return this;
    }

    public Builder environments(List<String> v) {
      environments = v;
      return this;
    }

    public Builder scoreIds(List<String> v) {
      scoreIds = v;
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

    public Builder value(@Nullable ValueFilter v) {
      value = v;
      return this;
    }

    public Builder paging(Paging v) {
      paging = v;
      return this;
    }

    public ScoreQuery build() {
      return new ScoreQuery(
          projectId,
          name,
          source,
          dataType,
          configId,
          queueId,
          traceId,
          observationIds,
          sessionId,
          datasetRunId,
          userId,
          traceTags,
          environments,
          scoreIds,
          fromTimestamp,
          toTimestamp,
          value,
          paging);
    }
  }
}
