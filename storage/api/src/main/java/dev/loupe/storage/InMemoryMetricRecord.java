package dev.loupe.storage;

import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Saturating;
import dev.loupe.model.Score;
import dev.loupe.model.Times;
import dev.loupe.model.Trace;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Measure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * One record of a metrics view: an observation with its trace row (if written), a trace with all
 * its observations, or a score with its trace row and scored observation (if written). Dimension
 * values are strings, measures Long, BigDecimal, Double, String or Instant.
 */
final class InMemoryMetricRecord {
  private final Instant time;
  private final @Nullable Observation observation;
  private final @Nullable Trace trace;
  private final List<Observation> traceObservations;
  private final @Nullable Score score;

  private InMemoryMetricRecord(
      Instant time,
      @Nullable Observation observation,
      @Nullable Trace trace,
      List<Observation> traceObservations,
      @Nullable Score score) {
    this.time = time;
    this.observation = observation;
    this.trace = trace;
    this.traceObservations = traceObservations;
    this.score = score;
  }

  static InMemoryMetricRecord ofObservation(Observation o, @Nullable Trace trace) {
    return new InMemoryMetricRecord(o.startTime(), o, trace, List.of(), null);
  }

  static InMemoryMetricRecord ofTrace(Trace trace, List<Observation> observations) {
    return new InMemoryMetricRecord(trace.timestamp(), null, trace, observations, null);
  }

  /**
   * A score with its trace row and the trace's observations (for the model of a trace score); the
   * scored observation, when the score names one, is found among them.
   */
  static InMemoryMetricRecord ofScore(
      Score s, @Nullable Trace trace, @Nullable Observation scored, List<Observation> ofTrace) {
    return new InMemoryMetricRecord(s.timestamp(), scored, trace, ofTrace, s);
  }

  Instant time() {
    return time;
  }

  /** The trace's tags; none while an observation's trace row is missing. */
  List<String> tags() {
    return trace == null ? List.of() : trace.tags();
  }

  @Nullable String dimension(Dimension d) {
    if (score != null) return scoreDimension(score, d);
    Observation o = observation;
    if (o == null) return traceDimension(d);
    return switch (d) {
      case NAME -> o.name();
      case USER_ID, SESSION_ID, TRACE_NAME -> trace == null ? null : traceDimension(d);
      case ENVIRONMENT -> o.environment();
      case RELEASE -> o.release();
      case VERSION -> o.version();
      case TRACE_ID -> o.traceId();
      case TYPE -> o.type().name();
      case LEVEL -> o.level().name();
      case PROVIDED_MODEL_NAME -> o.model();
      case PROMPT_NAME -> o.promptName();
      case COST_SOURCE -> o.costSource().name();
      case PRICED_MODEL_ID -> o.pricedModelId();
      case USAGE_SCOPE -> o.usageScope().name();
      case TAGS -> throw new IllegalArgumentException("tags is not a single value");
      default -> throw new IllegalArgumentException(d.wireName() + " is not in view observations");
    };
  }

  private @Nullable String scoreDimension(Score s, Dimension d) {
    Observation o = observation;
    Trace t = trace;
    return switch (d) {
      case NAME -> s.name();
      case ENVIRONMENT -> s.environment();
      case TRACE_ID -> s.target().traceId();
      case OBSERVATION_ID -> s.target().observationId();
      case SOURCE -> s.source().name();
      case DATA_TYPE -> s.dataType().name();
      case CONFIG_ID -> s.configId();
      case STRING_VALUE -> s.stringValue();
      case USER_ID -> t == null ? null : t.userId();
      case TRACE_NAME -> t == null ? null : t.name();
      case SESSION_ID ->
          s.target().sessionId() != null
              ? s.target().sessionId()
              : t == null ? null : t.sessionId();
      case OBSERVATION_NAME -> o == null ? null : o.name();
      case OBSERVATION_MODEL_NAME -> o == null ? null : o.model();
      case MODEL -> scoredModel(s);
      default -> throw new IllegalArgumentException(d.wireName() + " is not in the score views");
    };
  }

  /**
   * The scored observation's model; for a score of a whole trace, the model of the trace's
   * observation with a model that starts last (the greater id on a tie).
   */
  private @Nullable String scoredModel(Score s) {
    if (s.target().observationId() != null) return observation == null ? null : observation.model();
    if (s.target().traceId() == null) return null;
    Observation last = null;
    for (Observation o : traceObservations) {
      if (o.model() == null) continue;
      if (last == null || InMemoryOrder.OBSERVATIONS_IN_TRACE.compare(o, last) > 0) last = o;
    }
    return last == null ? null : last.model();
  }

  private @Nullable String traceDimension(Dimension d) {
    Trace t = java.util.Objects.requireNonNull(trace);
    return switch (d) {
      case NAME, TRACE_NAME -> t.name();
      case USER_ID -> t.userId();
      case SESSION_ID -> t.sessionId();
      case ENVIRONMENT -> t.environment();
      case RELEASE -> t.release();
      case VERSION -> t.version();
      default -> throw new IllegalArgumentException(d.wireName() + " is not in view traces");
    };
  }

  @Nullable Object measure(Measure m) {
    if (score != null) return scoreMeasure(score, m);
    Observation o = observation;
    if (o == null) return traceMeasure(m);
    if (!o.countsInTotals()) { // its usage is its descendants' total: counted there, not here
      if (m.kind() == Measure.Kind.TOKENS) return 0L;
      if (m.kind() == Measure.Kind.COST || m.kind() == Measure.Kind.RATE) return null;
    }
    return switch (m) {
      case COUNT -> 1L;
      case LATENCY -> millis(o.latency());
      case TIME_TO_FIRST_TOKEN -> millis(o.timeToFirstToken());
      case STREAMING_LATENCY -> millis(o.streamingLatency());
      case INPUT_TOKENS -> o.inputTokens();
      case OUTPUT_TOKENS -> o.outputTokens();
      case TOTAL_TOKENS -> o.totalTokens();
      case CACHED_INPUT_TOKENS -> o.cachedInputTokens();
      case REASONING_TOKENS -> o.reasoningTokens();
      case INPUT_COST -> o.inputCost();
      case OUTPUT_COST -> o.outputCost();
      case TOTAL_COST -> o.totalCost();
      case OUTPUT_TOKENS_PER_SECOND -> o.outputTokensPerSecond();
      case ERRORS -> o.level() == Level.ERROR ? 1L : 0L;
      case TRACE_ID -> o.traceId();
      case USER_ID, SESSION_ID -> trace == null ? null : traceMeasure(m);
      case TIMESTAMP -> o.startTime();
      case VALUE -> throw new IllegalArgumentException("value is not in view observations");
    };
  }

  private @Nullable Object scoreMeasure(Score s, Measure m) {
    return switch (m) {
      case COUNT -> 1L;
      case VALUE -> s.value();
      case TRACE_ID -> s.target().traceId();
      case USER_ID -> scoreDimension(s, Dimension.USER_ID);
      case SESSION_ID -> scoreDimension(s, Dimension.SESSION_ID);
      case TIMESTAMP -> s.timestamp();
      default -> throw new IllegalArgumentException(m.wireName() + " is not in the score views");
    };
  }

  private @Nullable Object traceMeasure(Measure m) {
    Trace t = java.util.Objects.requireNonNull(trace);
    return switch (m) {
      case COUNT -> 1L;
      case LATENCY ->
          traceObservations.isEmpty() ? null : millis(TraceDetail.latency(traceObservations));
      case INPUT_TOKENS -> sumTokens(Observation::inputTokens);
      case OUTPUT_TOKENS -> sumTokens(Observation::outputTokens);
      case TOTAL_TOKENS -> sumTokens(Observation::totalTokens);
      case CACHED_INPUT_TOKENS -> sumTokens(Observation::cachedInputTokens);
      case REASONING_TOKENS -> sumTokens(Observation::reasoningTokens);
      case INPUT_COST -> sumCost(Observation::inputCost);
      case OUTPUT_COST -> sumCost(Observation::outputCost);
      case TOTAL_COST -> sumCost(Observation::totalCost);
      case ERRORS -> traceObservations.stream().anyMatch(o -> o.level() == Level.ERROR) ? 1L : 0L;
      case USER_ID -> t.userId();
      case SESSION_ID -> t.sessionId();
      case TIMESTAMP -> t.timestamp();
      default -> throw new IllegalArgumentException(m.wireName() + " is not in view traces");
    };
  }

  /** Sum over the observations that count in totals ({@code Observation.countsInTotals()}). */
  private long sumTokens(ToLongFunction<Observation> tokens) {
    long sum = 0;
    for (Observation o : traceObservations) {
      if (o.countsInTotals()) sum = Saturating.add(sum, tokens.applyAsLong(o));
    }
    return sum;
  }

  /** Sum of the counted observations' costs; null when none has one. */
  private @Nullable BigDecimal sumCost(Function<Observation, @Nullable BigDecimal> cost) {
    BigDecimal sum = null;
    for (Observation o : traceObservations) {
      if (!o.countsInTotals()) continue;
      BigDecimal c = cost.apply(o);
      if (c != null) sum = sum == null ? c : sum.add(c);
    }
    return sum;
  }

  /** Milliseconds with microsecond precision. */
  private static @Nullable Double millis(@Nullable Duration d) {
    return d == null ? null : Times.toMicros(d) / 1000.0;
  }
}
