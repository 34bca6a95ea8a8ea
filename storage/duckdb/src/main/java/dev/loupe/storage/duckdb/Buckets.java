package dev.loupe.storage.duckdb;

import dev.loupe.storage.analytics.Granularity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Time buckets as {@code date_trunc} makes them: UTC, weeks from Monday, months from the 1st. */
final class Buckets {
  private Buckets() {}

  /** The start of the bucket that holds {@code t}. */
  static Instant start(Granularity g, Instant t) {
    LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    LocalDateTime s =
        switch (g) {
          case MINUTE -> d.truncatedTo(ChronoUnit.MINUTES);
          case HOUR -> d.truncatedTo(ChronoUnit.HOURS);
          case DAY -> d.truncatedTo(ChronoUnit.DAYS);
          case WEEK ->
              d.truncatedTo(ChronoUnit.DAYS)
                  .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTH -> d.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
    return s.toInstant(ZoneOffset.UTC);
  }

  /** The start of the bucket after the one starting at {@code start}. */
  static Instant next(Granularity g, Instant start) {
    LocalDateTime d = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
    LocalDateTime n =
        switch (g) {
          case MINUTE -> d.plusMinutes(1);
          case HOUR -> d.plusHours(1);
          case DAY -> d.plusDays(1);
          case WEEK -> d.plusWeeks(1);
          case MONTH -> d.plusMonths(1);
        };
    return n.toInstant(ZoneOffset.UTC);
  }

  /** The first bucket start at or after {@code t}. */
  static Instant firstStartAtOrAfter(Granularity g, Instant t) {
    Instant s = start(g, t);
    return s.equals(t) ? s : next(g, s);
  }
}
