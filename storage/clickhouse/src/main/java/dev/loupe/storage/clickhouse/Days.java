package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import java.time.Instant;

/**
 * The {@code day} column: a time's UTC day as ClickHouse's {@code Date} (days since 1970, UInt16),
 * clamped to its range 1970-01-01 .. 2149-06-06. It partitions the tables by month and is what a
 * TTL reads; the exact time stays in the Int64 microsecond column next to it.
 */
final class Days {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Days() {}

  static int of(Instant t) {
    long day = Math.floorDiv(Times.toEpochMicros(t), MICROS_PER_DAY);
    return (int) Math.max(0, Math.min(65_535, day));
  }

  /** {@link #of} as the text of a Date parameter. */
  static String date(Instant t) {
    return java.time.LocalDate.ofEpochDay(of(t)).toString();
  }

  /** The partition (toYYYYMM of the day) a row of this day lands in. */
  static int month(int day) {
    var d = java.time.LocalDate.ofEpochDay(day);
    return d.getYear() * 100 + d.getMonthValue();
  }
}
