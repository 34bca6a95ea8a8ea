package dev.loupe.storage;

import dev.loupe.model.Observation;
import dev.loupe.model.Score;
import dev.loupe.model.Trace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The search filters of the spec. A null filter matches everything; time ranges are {@code from <=
 * t < to}.
 */
final class InMemoryFilters {
  private InMemoryFilters() {}

  static boolean matches(TraceQuery q, Trace t) {
    return eq(q.userId(), t.userId())
        && eq(q.name(), t.name())
        && t.tags().containsAll(q.tags())
        && eq(q.sessionId(), t.sessionId())
        && (q.environments().isEmpty() || q.environments().contains(t.environment()))
        && eq(q.version(), t.version())
        && eq(q.release(), t.release())
        && within(t.timestamp(), q.fromTimestamp(), q.toTimestamp())
        && (q.search() == null || searchMatches(q.search(), t))
        && (q.fullText() == null || q.fullText().matches(t.name(), t.input(), t.output()));
  }

  /** The trace has a score of the filter's name whose number passes its value filter. */
  static boolean scored(
      TraceQuery.@Nullable ScoreFilter f, java.util.Collection<Score> scores, String traceId) {
    if (f == null) return true;
    return scores.stream()
        .anyMatch(
            s ->
                traceId.equals(s.target().traceId())
                    && s.name().equals(f.name())
                    && (f.value() == null || (s.value() != null && f.value().matches(s.value()))));
  }

  /** {@code level} and {@code model}: some observation of the trace has them. */
  static boolean matches(TraceQuery q, List<Observation> observations) {
    return (q.level() == null || observations.stream().anyMatch(o -> o.level() == q.level()))
        && (q.model() == null || observations.stream().anyMatch(o -> q.model().equals(o.model())));
  }

  /** The cost and latency bounds, inclusive; a trace without latency fails a latency bound. */
  static boolean matches(TraceQuery q, TraceSummary s) {
    Duration latency = s.latency();
    return (q.minCost() == null || s.totalCost().compareTo(q.minCost()) >= 0)
        && (q.maxCost() == null || s.totalCost().compareTo(q.maxCost()) <= 0)
        && (q.minLatency() == null || (latency != null && latency.compareTo(q.minLatency()) >= 0))
        && (q.maxLatency() == null || (latency != null && latency.compareTo(q.maxLatency()) <= 0));
  }

  /** The name contains the text ignoring case, or the id starts with it. */
  private static boolean searchMatches(String text, Trace t) {
    return searchMatches(text, t.id(), t.name());
  }

  private static boolean searchMatches(String text, String id, @Nullable String name) {
    return id.startsWith(text)
        || (name != null && name.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)));
  }

  /**
   * {@code trace} is the observation's trace row, if written: {@code userId}, {@code sessionId} and
   * {@code tags} filter on it.
   */
  static boolean matches(ObservationQuery q, Observation o, @Nullable Trace trace) {
    return (q.type() == null || q.type() == o.type())
        && eq(q.name(), o.name())
        && (!q.byTrace() || (trace != null && matchesTrace(q, trace)))
        && (q.level() == null || q.level() == o.level())
        && eq(q.traceId(), o.traceId())
        && eq(q.parentObservationId(), o.parentObservationId())
        && (q.environments().isEmpty() || q.environments().contains(o.environment()))
        && eq(q.release(), o.release())
        && eq(q.version(), o.version())
        && eq(q.model(), o.model())
        && (q.search() == null || searchMatches(q.search(), o.id(), o.name()))
        && (q.fullText() == null || q.fullText().matches(o.name(), o.input(), o.output()))
        && within(o.startTime(), q.fromStartTime(), q.toStartTime())
        && costAndLatency(q, o);
  }

  private static boolean matchesTrace(ObservationQuery q, Trace t) {
    return eq(q.userId(), t.userId())
        && eq(q.sessionId(), t.sessionId())
        && t.tags().containsAll(q.tags());
  }

  /** The cost bounds on {@code totalCost()} (none as zero) and the latency bounds, inclusive. */
  private static boolean costAndLatency(ObservationQuery q, Observation o) {
    BigDecimal cost = o.totalCost() == null ? BigDecimal.ZERO : o.totalCost();
    Duration latency = o.latency();
    return (q.minCost() == null || cost.compareTo(q.minCost()) >= 0)
        && (q.maxCost() == null || cost.compareTo(q.maxCost()) <= 0)
        && (q.minLatency() == null || (latency != null && latency.compareTo(q.minLatency()) >= 0))
        && (q.maxLatency() == null || (latency != null && latency.compareTo(q.maxLatency()) <= 0));
  }

  static boolean matches(SessionQuery q, SessionSummary s) {
    return eq(q.environment(), s.environment())
        && within(s.createdAt(), q.fromTimestamp(), q.toTimestamp());
  }

  private static boolean eq(@Nullable String wanted, @Nullable String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static boolean within(Instant t, @Nullable Instant from, @Nullable Instant to) {
    return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
  }
}
