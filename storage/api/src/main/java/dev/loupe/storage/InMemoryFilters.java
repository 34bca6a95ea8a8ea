package dev.loupe.storage;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.time.Instant;
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
        && within(t.timestamp(), q.fromTimestamp(), q.toTimestamp());
  }

  /** {@code trace} is the observation's trace row, if written: {@code userId} filters on it. */
  static boolean matches(ObservationQuery q, Observation o, @Nullable Trace trace) {
    return (q.type() == null || q.type() == o.type())
        && eq(q.name(), o.name())
        && (q.userId() == null || (trace != null && q.userId().equals(trace.userId())))
        && (q.level() == null || q.level() == o.level())
        && eq(q.traceId(), o.traceId())
        && eq(q.parentObservationId(), o.parentObservationId())
        && eq(q.environment(), o.environment())
        && eq(q.version(), o.version())
        && eq(q.model(), o.model())
        && within(o.startTime(), q.fromStartTime(), q.toStartTime());
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
