package dev.loupe.storage.duckdb;

import dev.loupe.model.Times;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Version 10: {@code observations.duration_us}, the row's {@code end_time - start_time} in whole
 * microseconds (NULL without an end), the last column. Every SQL reading an observation's latency
 * reads it (the metrics' latency measure, the observation list's latency filter and order) instead
 * of computing it from two timestamps per row: p50/p95/p99 of 10M latencies by model took 206-232
 * instead of 249-251 ms (RATIONALE.md, "Closed buckets kept, percentiles over integers").
 *
 * <p>The writer computes it from the merged row ({@link #micros}); a file of an earlier version
 * gains the column filled by the same rule in SQL ({@link MetricsColumns#microsBetween}): the 10M
 * file (14M observations) reopened in 6.3 s instead of 2.5 s, once.
 */
final class SchemaV10 {
  static final int VERSION = 10;

  /** The column, last in {@code observations}. */
  static final String COLUMN = "duration_us BIGINT";

  /** Times at least 2^62 us from 1970 (about 146,000 years) saturate the duration. */
  private static final long WITHIN = (1L << 62) - 1;

  private SchemaV10() {}

  /** Adds and fills the column in a file of an earlier version. */
  static void migrate(Statement s) throws SQLException {
    s.execute("ALTER TABLE observations ADD COLUMN IF NOT EXISTS " + COLUMN);
    s.execute(
        "UPDATE observations SET duration_us = "
            + MetricsColumns.microsBetween("end_time", "start_time"));
  }

  /**
   * {@code end - start} in microseconds, as {@link MetricsColumns#microsBetween} computes it: the
   * difference while both times are within 2^62 us of 1970, else the largest duration of its sign;
   * null without an end.
   */
  static @Nullable Long micros(Instant start, @Nullable Instant end) {
    if (end == null) return null;
    long e = Times.toEpochMicros(end), s = Times.toEpochMicros(start);
    if (-WITHIN <= e && e <= WITHIN && -WITHIN <= s && s <= WITHIN) return e - s;
    return e > s ? Long.MAX_VALUE : e < s ? -Long.MAX_VALUE : 0L;
  }
}
