package dev.loupe.evaluation;

import dev.loupe.storage.EvalJob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The ids and decisions that make a rule's results repeatable: score ids and sampling. */
final class Jobs {
  private Jobs() {}

  /**
   * The id of the score a rule writes for a target: the same on every run, so a re-run overwrites
   * it.
   */
  static String scoreId(String projectId, String ruleId, String targetId) {
    return UUID.nameUUIDFromBytes(
            ("loupe-eval\u0000" + projectId + "\u0000" + ruleId + "\u0000" + targetId)
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Whether the target falls in the rule's sampling share: decided by a hash, so stable. */
  static boolean sampled(String ruleId, String targetId, double sampling) {
    if (sampling >= 1) return true;
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((ruleId + "\u0000" + targetId).getBytes(StandardCharsets.UTF_8));
      long bits = 0;
      for (int i = 0; i < 7; i++) bits = (bits << 8) | (h[i] & 0xff);
      return bits / (double) (1L << 56) < sampling;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static EvalJob matched(
      EvalRule rule, String targetId, String traceId, boolean sampled, Instant now) {
    return new EvalJob(
        rule.projectId(),
        rule.id(),
        targetId,
        traceId,
        sampled ? EvalJob.State.QUEUED : EvalJob.State.SKIPPED,
        sampled ? null : Reasons.SAMPLING,
        0,
        now,
        null,
        null,
        now,
        now);
  }

  static EvalJob skipped(EvalJob job, String reason, @Nullable String why, Instant now) {
    return job.moved(
        EvalJob.State.SKIPPED, reason, job.attempts(), job.nextAttemptAt(), why, null, now);
  }
}
