package dev.loupe.storage;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The sort orders of the spec. Text compares by code point; nulls sort last in both directions. */
final class InMemoryOrder {
  /**
   * Unicode code point order, which equals UTF-8 byte order (String.compareTo uses UTF-16 units).
   */
  static final Comparator<String> TEXT = InMemoryOrder::compareCodePoints;

  private static final Comparator<Instant> INSTANTS = Comparator.naturalOrder();

  static final Comparator<Observation> OBSERVATIONS_IN_TRACE =
      Comparator.comparing(Observation::startTime).thenComparing(Observation::id, TEXT);

  static final Comparator<Trace> TRACES_OLDEST_FIRST =
      traces(TraceQuery.OrderBy.TIMESTAMP, SortDirection.ASC);

  static final Comparator<SessionSummary> SESSIONS_NEWEST_FIRST =
      Comparator.comparing(SessionSummary::createdAt)
          .thenComparing(SessionSummary::id, TEXT)
          .reversed();

  private InMemoryOrder() {}

  /**
   * The requested column in the requested direction with nulls last, then id in the same direction.
   */
  static Comparator<Trace> traces(TraceQuery.OrderBy orderBy, SortDirection direction) {
    Comparator<Trace> byId = Comparator.comparing(Trace::id, directed(TEXT, direction));
    return switch (orderBy) {
      case TIMESTAMP ->
          Comparator.comparing(Trace::timestamp, directed(INSTANTS, direction)).thenComparing(byId);
      case NAME -> text(Trace::name, direction).thenComparing(byId);
      case USER_ID -> text(Trace::userId, direction).thenComparing(byId);
      case SESSION_ID -> text(Trace::sessionId, direction).thenComparing(byId);
      case RELEASE -> text(Trace::release, direction).thenComparing(byId);
      case VERSION -> text(Trace::version, direction).thenComparing(byId);
      case ID -> byId;
      case LATENCY, COST, TOKENS ->
          throw new IllegalArgumentException(orderBy + " orders summaries, not traces");
    };
  }

  /**
   * Like {@link #traces}, and the summary's latency (nulls last), total cost or total tokens, then
   * id.
   */
  static Comparator<TraceSummary> summaries(TraceQuery.OrderBy orderBy, SortDirection direction) {
    Comparator<TraceSummary> byId =
        Comparator.comparing(s -> s.trace().id(), directed(TEXT, direction));
    return switch (orderBy) {
      case LATENCY ->
          Comparator.comparing(
                  TraceSummary::latency,
                  Comparator.nullsLast(directed(Comparator.<Duration>naturalOrder(), direction)))
              .thenComparing(byId);
      case COST ->
          Comparator.comparing(
                  TraceSummary::totalCost,
                  directed(Comparator.<BigDecimal>naturalOrder(), direction))
              .thenComparing(byId);
      case TOKENS ->
          Comparator.comparing(
                  TraceSummary::totalTokens, directed(Comparator.<Long>naturalOrder(), direction))
              .thenComparing(byId);
      default -> Comparator.comparing(TraceSummary::trace, traces(orderBy, direction));
    };
  }

  /**
   * The requested observation column in the requested direction (no latency last, no cost as zero),
   * then id in the same direction.
   */
  static Comparator<Observation> observations(
      ObservationQuery.OrderBy orderBy, SortDirection direction) {
    Comparator<Observation> byId = Comparator.comparing(Observation::id, directed(TEXT, direction));
    return switch (orderBy) {
      case START_TIME ->
          Comparator.comparing(Observation::startTime, directed(INSTANTS, direction))
              .thenComparing(byId);
      case LATENCY ->
          Comparator.comparing(
                  Observation::latency,
                  Comparator.nullsLast(directed(Comparator.<Duration>naturalOrder(), direction)))
              .thenComparing(byId);
      case COST ->
          Comparator.comparing(
                  (Observation o) -> o.totalCost() == null ? BigDecimal.ZERO : o.totalCost(),
                  directed(Comparator.<BigDecimal>naturalOrder(), direction))
              .thenComparing(byId);
      case TOKENS ->
          Comparator.comparing(
                  Observation::totalTokens, directed(Comparator.<Long>naturalOrder(), direction))
              .thenComparing(byId);
    };
  }

  static int compareCodePoints(String a, String b) {
    int i = 0, j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i), cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static Comparator<Trace> text(
      Function<Trace, @Nullable String> column, SortDirection direction) {
    return Comparator.comparing(column, Comparator.nullsLast(directed(TEXT, direction)));
  }

  private static <T> Comparator<T> directed(Comparator<T> ascending, SortDirection direction) {
    return direction == SortDirection.ASC ? ascending : ascending.reversed();
  }
}
