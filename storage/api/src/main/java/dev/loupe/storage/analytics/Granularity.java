package dev.loupe.storage.analytics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** Time bucket width; buckets are truncated in UTC, weeks start on Monday. */
public enum Granularity {
  MINUTE,
  HOUR,
  DAY,
  WEEK,
  MONTH;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The start of the bucket that holds {@code t}. */
  public Instant bucketOf(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    ZonedDateTime start =
        switch (this) {
          case MINUTE -> z.truncatedTo(ChronoUnit.MINUTES);
          case HOUR -> z.truncatedTo(ChronoUnit.HOURS);
          case DAY -> z.truncatedTo(ChronoUnit.DAYS);
          case WEEK ->
              z.truncatedTo(ChronoUnit.DAYS)
                  .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTH -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
        };
    return start.toInstant();
  }

  /**
   * The granularity for a wire name.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static Granularity fromWire(String name) {
    for (Granularity g : values()) if (g.wireName().equals(name)) return g;
    throw new IllegalArgumentException(
        "timeDimension.granularity: unknown granularity '"
            + name
            + "' (allowed: auto, minute, hour, day, week, month)");
  }
}
