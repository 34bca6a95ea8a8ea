package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code from <= t < to} on an Int64 microsecond column, plus the same range on its {@code day}
 * column so ClickHouse skips whole monthly partitions (day is a monotonic function of the time).
 */
final class TimeRange {
  private TimeRange() {}

  static void add(
      Where where,
      String timeColumn,
      String dayColumn,
      @Nullable Instant from,
      @Nullable Instant to,
      String prefix) {
    if (from != null) {
      where.and(timeColumn + " >= {" + prefix + "From:Int64}", prefix + "From", ceilMicros(from));
      where.and(
          dayColumn + " >= {" + prefix + "FromDay:Date}", prefix + "FromDay", Days.date(from));
    }
    if (to != null) {
      where.and(timeColumn + " < {" + prefix + "To:Int64}", prefix + "To", ceilMicros(to));
      where.and(dayColumn + " <= {" + prefix + "ToDay:Date}", prefix + "ToDay", Days.date(to));
    }
  }

  /** Epoch microseconds, the query bound rounded up to the column's microsecond grid. */
  static long ceilMicros(Instant t) {
    Instant truncated = Times.micros(t);
    long us = Times.toEpochMicros(truncated);
    return truncated.equals(t) ? us : us + 1;
  }
}
