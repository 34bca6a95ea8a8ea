package dev.loupe.evaluation;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A job's attempt that failed: why ({@link Reasons}), whether to retry, and when at the earliest.
 */
final class JudgeFailure extends Exception {
  final String reason;
  final boolean retryable;
  final @Nullable Duration retryAfter;

  JudgeFailure(String reason, boolean retryable, String message, @Nullable Duration retryAfter) {
    super(message, null, false, false);
    this.reason = reason;
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  static JudgeFailure retry(String reason, String message) {
    return new JudgeFailure(reason, true, message, null);
  }

  static JudgeFailure fatal(String reason, String message) {
    return new JudgeFailure(reason, false, message, null);
  }
}
