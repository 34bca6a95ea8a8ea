package dev.loupe.pipeline.log;

import java.time.Duration;

/**
 * How far appliers are behind a log's end.
 *
 * @param records records appended but not yet applied
 * @param age how long ago the oldest of them was appended ({@link Duration#ZERO} when none)
 */
public record Lag(long records, Duration age) {
  public static final Lag NONE = new Lag(0, Duration.ZERO);
}
