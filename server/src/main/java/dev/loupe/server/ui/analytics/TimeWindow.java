package dev.loupe.server.ui.analytics;

import dev.loupe.query.InvalidParameterException;
import dev.loupe.query.QueryParams;
import dev.loupe.server.ui.TimeRange;
import dev.loupe.storage.analytics.Granularity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The time window of the dashboard and the models page: {@code range} (1h, 24h, 7d, 30d, 90d;
 * default 7d) ending now, or a custom {@code from}/{@code to} (ISO-8601, or {@code
 * 2026-01-05T10:00} meaning UTC), which wins over {@code range} when given; {@code range=custom}
 * without them is refused. "Now" is rounded up to the next second so a page shows what was just
 * ingested.
 *
 * @param range the range key, {@code custom} for from/to
 * @param granularity the chart bucket: minute up to 2 hours, hour up to 7 days, day up to 180 days,
 *     then week, then month beyond 3 years
 */
record TimeWindow(String range, Instant from, Instant to, Granularity granularity) {
  static final String DEFAULT = "7d";
  static final String CUSTOM = "custom";

  /** The ranges offered, in picker order. */
  static final List<TimeRange> RANGES =
      List.of(TimeRange.H1, TimeRange.H24, TimeRange.D7, TimeRange.D30, TimeRange.D90);

  /** Their parameter values, for the picker. */
  static final List<String> CHOICES = TimeRange.wires(RANGES);

  /**
   * The window a request asks for.
   *
   * @throws InvalidParameterException for an unknown range or a bad from/to
   */
  static TimeWindow of(QueryParams params, Clock clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Instant from = params.instant("from");
    Instant to = params.instant("to");
    String range = params.string("range");
    if (from != null || to != null) {
      // filled From/To mean a custom window whatever the range picker says
      if (from == null) throw new InvalidParameterException("from", "required with to");
      if (to == null) to = now;
      if (!from.isBefore(to)) throw new InvalidParameterException("to", "must be after from");
      return new TimeWindow(CUSTOM, from, to, granularity(Duration.between(from, to)));
    }
    if (CUSTOM.equals(range))
      throw new InvalidParameterException(
          "from", "required for a custom range (fill From and To, or choose a range)");
    if (range == null || range.isEmpty()) range = DEFAULT;
    String wire = range;
    Duration d =
        TimeRange.of(wire, RANGES)
            .map(TimeRange::span)
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        "range",
                        "unknown range '"
                            + wire
                            + "' (allowed: "
                            + String.join(", ", CHOICES)
                            + ")"));
    return new TimeWindow(range, now.minus(d), now, granularity(d));
  }

  /** The default window, for pages answering a bad request. */
  static TimeWindow defaults(Clock clock) {
    return of(QueryParams.EMPTY, clock);
  }

  static Granularity granularity(Duration window) {
    if (window.compareTo(Duration.ofHours(2)) <= 0) return Granularity.MINUTE;
    if (window.compareTo(Duration.ofDays(7)) <= 0) return Granularity.HOUR;
    if (window.compareTo(Duration.ofDays(180)) <= 0) return Granularity.DAY;
    if (window.compareTo(Duration.ofDays(3 * 365)) <= 0) return Granularity.WEEK;
    return Granularity.MONTH;
  }

  /** Every bucket start of the window, oldest first. */
  List<Instant> buckets() {
    List<Instant> out = new ArrayList<>();
    for (Instant b = granularity.bucketOf(from); b.isBefore(to); b = next(b)) out.add(b);
    return out;
  }

  private Instant next(Instant bucket) {
    return switch (granularity) {
      case MINUTE -> bucket.plus(1, ChronoUnit.MINUTES);
      case HOUR -> bucket.plus(1, ChronoUnit.HOURS);
      case DAY -> bucket.plus(1, ChronoUnit.DAYS);
      case WEEK -> bucket.plus(7, ChronoUnit.DAYS);
      case MONTH -> bucket.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    };
  }

  /**
   * The traces list's parameters for the same window: its range, or from/to for a custom window
   * ({@code &range=7d}, {@code &from=...&to=...}).
   */
  String tracesQuery() {
    if (range.equals(CUSTOM))
      return "&from="
          + dev.loupe.server.ui.Formats.queryValue(from.toString())
          + "&to="
          + dev.loupe.server.ui.Formats.queryValue(to.toString());
    return "&range=" + range;
  }

  /** {@code yyyy-MM-ddTHH:mm} in UTC, for a datetime-local input. */
  static String inputValue(Instant t) {
    return t.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toLocalDateTime().toString();
  }
}
