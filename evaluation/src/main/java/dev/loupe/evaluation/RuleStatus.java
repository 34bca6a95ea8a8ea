package dev.loupe.evaluation;

import dev.loupe.storage.EvalJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a rule has done: every target it matched is in exactly one state, so {@code matched = queued
 * + succeeded + failed + skipped}; skips and failures by reason; queued jobs waiting for a retry by
 * the reason of their last attempt; the latest failures (with their traces); how far its scan of
 * new data has come.
 */
public record RuleStatus(
    String ruleId,
    long matched,
    long queued,
    long succeeded,
    long failed,
    long skipped,
    Map<String, Long> skippedBy,
    Map<String, Long> failedBy,
    Map<String, Long> retryingBy,
    List<EvalJob> lastErrors,
    @Nullable Instant watermark) {

  static RuleStatus of(
      String ruleId,
      List<EvalJob.Count> counts,
      List<EvalJob> lastErrors,
      @Nullable Instant watermark) {
    long[] byState = new long[EvalJob.State.values().length];
    Map<String, Long> skipped = new TreeMap<>();
    Map<String, Long> failed = new TreeMap<>();
    Map<String, Long> retrying = new TreeMap<>();
    for (EvalJob.Count c : counts) {
      byState[c.state().ordinal()] += c.count();
      String reason = c.reason() == null ? "NONE" : c.reason();
      switch (c.state()) {
        case SKIPPED -> skipped.merge(reason, c.count(), Long::sum);
        case FAILED -> failed.merge(reason, c.count(), Long::sum);
        case QUEUED -> {
          if (c.reason() != null) retrying.merge(reason, c.count(), Long::sum);
        }
        case SUCCEEDED -> {}
      }
    }
    long q = byState[EvalJob.State.QUEUED.ordinal()];
    long s = byState[EvalJob.State.SUCCEEDED.ordinal()];
    long f = byState[EvalJob.State.FAILED.ordinal()];
    long k = byState[EvalJob.State.SKIPPED.ordinal()];
    return new RuleStatus(
        ruleId, q + s + f + k, q, s, f, k, skipped, failed, retrying, lastErrors, watermark);
  }
}
