package dev.loupe.storage.analytics;

import static dev.loupe.storage.analytics.MetricsView.OBSERVATIONS;
import static dev.loupe.storage.analytics.MetricsView.SCORES_CATEGORICAL;
import static dev.loupe.storage.analytics.MetricsView.SCORES_NUMERIC;
import static dev.loupe.storage.analytics.MetricsView.TRACES;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A per-record value to aggregate. On the traces view, token and cost measures sum the trace's
 * observations ({@code Observation.inputTokens()}, {@code totalCost()}, ...; a trace whose
 * observations have no cost has none), latency is the trace latency and {@code errors} is 1 when
 * any observation is ERROR, and {@code timestamp} is the trace timestamp. Token, cost and rate
 * measures count each model call once: an observation whose usage is the total of its descendants'
 * ({@code Observation.countsInTotals()} false) has 0 tokens and no cost or rate here, and a trace
 * sums only the observations that count. On the score views, {@code value} is the score's number (a
 * BOOLEAN's 1 or 0, so its average is the rate of "True"), {@code timestamp} the score's, and
 * {@code traceId}, {@code userId} and {@code sessionId} as the dimensions of that name.
 */
public enum Measure {
  /** 1 per record; use with {@code count}. */
  COUNT("count", Kind.COUNT, TRACES, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** end − start in ms; traces: max(end, else start) − min(start). */
  LATENCY("latency", Kind.DURATION, TRACES, OBSERVATIONS),
  /** completionStart − start in ms. */
  TIME_TO_FIRST_TOKEN("timeToFirstToken", Kind.DURATION, OBSERVATIONS),
  /** end − completionStart in ms. */
  STREAMING_LATENCY("streamingLatency", Kind.DURATION, OBSERVATIONS),
  INPUT_TOKENS("inputTokens", Kind.TOKENS, TRACES, OBSERVATIONS),
  OUTPUT_TOKENS("outputTokens", Kind.TOKENS, TRACES, OBSERVATIONS),
  TOTAL_TOKENS("totalTokens", Kind.TOKENS, TRACES, OBSERVATIONS),
  /** {@code Observation.cachedInputTokens()}. */
  CACHED_INPUT_TOKENS("cachedInputTokens", Kind.TOKENS, TRACES, OBSERVATIONS),
  /** {@code Observation.reasoningTokens()}. */
  REASONING_TOKENS("reasoningTokens", Kind.TOKENS, TRACES, OBSERVATIONS),
  INPUT_COST("inputCost", Kind.COST, TRACES, OBSERVATIONS),
  OUTPUT_COST("outputCost", Kind.COST, TRACES, OBSERVATIONS),
  TOTAL_COST("totalCost", Kind.COST, TRACES, OBSERVATIONS),
  /** {@code Observation.outputTokensPerSecond()}. */
  OUTPUT_TOKENS_PER_SECOND("outputTokensPerSecond", Kind.RATE, OBSERVATIONS),
  /** 1 for an ERROR record (traces: with an ERROR observation), else 0: sum = count, avg = rate. */
  ERRORS("errors", Kind.FLAG, TRACES, OBSERVATIONS),
  /** The trace id, for {@code uniq}. */
  TRACE_ID("traceId", Kind.ID, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** The (trace's) user id, for {@code uniq}. */
  USER_ID("userId", Kind.ID, TRACES, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** The (trace's) session id, for {@code uniq}. */
  SESSION_ID("sessionId", Kind.ID, TRACES, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  /**
   * The record's time: the observation's start time, the trace's timestamp; for {@code min} and
   * {@code max} (first and last seen).
   */
  TIMESTAMP("timestamp", Kind.TIME, TRACES, OBSERVATIONS, SCORES_NUMERIC, SCORES_CATEGORICAL),
  /** A numeric or boolean score's value. */
  VALUE("value", Kind.VALUE, SCORES_NUMERIC);

  /** What the per-record value is, which fixes the aggregated value's Java type. */
  public enum Kind {
    COUNT,
    DURATION,
    TOKENS,
    COST,
    RATE,
    FLAG,
    ID,
    /** A point in time: only {@code min} and {@code max} apply, as {@code Instant}s. */
    TIME,
    /** A score's number, a double. */
    VALUE
  }

  private final String wireName;
  private final Kind kind;
  private final Set<MetricsView> views;

  Measure(String wireName, Kind kind, MetricsView first, MetricsView... more) {
    this.wireName = wireName;
    this.kind = kind;
    this.views = EnumSet.of(first, more);
  }

  public String wireName() {
    return wireName;
  }

  public Kind kind() {
    return kind;
  }

  public boolean supports(MetricsView view) {
    return views.contains(view);
  }

  /**
   * The measure for a wire name on a view.
   *
   * @throws IllegalArgumentException naming the field and the allowed values
   */
  public static Measure fromWire(String name, MetricsView view, String field) {
    for (Measure m : values()) {
      if (m.wireName.equals(name) && m.supports(view)) return m;
    }
    throw new IllegalArgumentException(
        field
            + ": unknown measure '"
            + name
            + "' for view "
            + view.wireName()
            + " (allowed: "
            + Arrays.stream(values())
                .filter(m -> m.supports(view))
                .map(Measure::wireName)
                .collect(Collectors.joining(", "))
            + ")");
  }
}
