package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Times;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What became of one evaluation rule on one target (a trace, or an observation of a trace):
 * identified by (projectId, ruleId, targetId), so a target is judged at most once per rule and a
 * re-run overwrites. Every matched target has exactly one job, in exactly one state.
 *
 * @param targetId the trace id (trace rules) or the observation id (observation rules)
 * @param reason why a job was skipped or failed, or what the last failed attempt of a queued job
 *     was (the evaluation module's vocabulary, e.g. {@code SAMPLING}, {@code TIMEOUT}); null when
 *     it succeeded at once
 * @param attempts calls made so far (0 for a job never tried)
 * @param nextAttemptAt when a queued job may run (now, or after a backoff)
 * @param error the last failure's message, or null
 * @param scoreId the score the job wrote, once it succeeded
 */
public record EvalJob(
    String projectId,
    String ruleId,
    String targetId,
    String traceId,
    State state,
    @Nullable String reason,
    int attempts,
    Instant nextAttemptAt,
    @Nullable String error,
    @Nullable String scoreId,
    Instant createdAt,
    Instant updatedAt) {

  /** Where a job is. Only {@code QUEUED} is not final; every queued job is run or failed. */
  public enum State {
    QUEUED,
    SUCCEEDED,
    FAILED,
    SKIPPED
  }

  public EvalJob {
    requireNonNull(projectId, "projectId");
    requireNonNull(ruleId, "ruleId");
    requireNonNull(targetId, "targetId");
    requireNonNull(traceId, "traceId");
    requireNonNull(state, "state");
    if (attempts < 0) throw new IllegalArgumentException("attempts: < 0");
    nextAttemptAt = Times.micros(requireNonNull(nextAttemptAt, "nextAttemptAt"));
    createdAt = Times.micros(requireNonNull(createdAt, "createdAt"));
    updatedAt = Times.micros(requireNonNull(updatedAt, "updatedAt"));
  }

  /** This job moved to {@code state} at {@code now}, with its reason, error and score. */
  public EvalJob moved(
      State state,
      @Nullable String reason,
      int attempts,
      Instant nextAttemptAt,
      @Nullable String error,
      @Nullable String scoreId,
      Instant now) {
    return new EvalJob(
        projectId,
        ruleId,
        targetId,
        traceId,
        state,
        reason,
        attempts,
        nextAttemptAt,
        error,
        scoreId,
        createdAt,
        now);
  }

  /** How many jobs of a rule are in one state for one reason (null: no reason). */
  public record Count(State state, @Nullable String reason, long count) {
    public Count {
      requireNonNull(state, "state");
    }
  }
}
