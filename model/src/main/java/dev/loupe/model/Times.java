package dev.loupe.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Time helpers: the model keeps instants at microsecond precision. */
public final class Times {
  private Times() {}

  /** Truncates to microseconds (null stays null). */
  public static @Nullable Instant micros(@Nullable Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * An instant from Unix epoch nanoseconds read as an unsigned 64-bit count (OTLP's {@code
   * fixed64}: {@code -1} is 2^64 - 1 ns, in 2554), at microsecond precision.
   */
  public static Instant fromEpochNanos(long nanos) {
    return Instant.ofEpochSecond(
            Long.divideUnsigned(nanos, 1_000_000_000L),
            Long.remainderUnsigned(nanos, 1_000_000_000L))
        .truncatedTo(ChronoUnit.MICROS);
  }

  /** Epoch microseconds of an instant. */
  public static long toEpochMicros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  /** An instant from epoch microseconds. */
  public static Instant fromEpochMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /**
   * A duration in whole microseconds, saturating at {@code Long.MIN_VALUE}/{@code MAX_VALUE} (about
   * ±292,000 years) instead of overflowing; {@link Duration#toNanos} overflows at ±292 years, which
   * a row stored with an absurd time can reach.
   */
  public static long toMicros(Duration d) {
    long seconds = d.getSeconds();
    if (seconds > Long.MAX_VALUE / 1_000_000 - 1) return Long.MAX_VALUE;
    if (seconds < Long.MIN_VALUE / 1_000_000 + 1) return Long.MIN_VALUE;
    return seconds * 1_000_000 + d.getNano() / 1_000;
  }
}
