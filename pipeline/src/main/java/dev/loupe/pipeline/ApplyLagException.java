package dev.loupe.pipeline;

import dev.loupe.pipeline.log.Lag;
import java.time.Duration;

/**
 * A write refused because the applier is further behind than the configured bound: nothing of it
 * was appended. Answered 429 with {@link #retryAfterSeconds()} as {@code Retry-After}, which the
 * OTLP exporters and the Langfuse SDKs honour.
 */
public final class ApplyLagException extends RuntimeException {
  private final long retryAfterSeconds;

  ApplyLagException(Lag lag, Duration expectedWait, Duration bound) {
    super(
        "ingest is behind: "
            + lag.records()
            + " acknowledged writes wait to be stored, the oldest for "
            + lag.age().toMillis() / 1000.0
            + " s, about "
            + expectedWait.toMillis() / 1000.0
            + " s of work at the store's recent pace (the bound is "
            + bound.toMillis() / 1000.0
            + " s); retry later");
    Duration behind = lag.age().compareTo(expectedWait) > 0 ? lag.age() : expectedWait;
    long over = behind.minus(bound).toSeconds();
    this.retryAfterSeconds = Math.clamp(over + 1, 1, 30);
  }

  /** How long the client should wait before retrying: 1 to 30 s, more the further behind. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
