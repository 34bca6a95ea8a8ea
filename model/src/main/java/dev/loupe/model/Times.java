package dev.loupe.model;

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

  /** An instant from Unix epoch nanoseconds, at microsecond precision. */
  public static Instant fromEpochNanos(long nanos) {
    return Instant.ofEpochSecond(
            Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
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
}
