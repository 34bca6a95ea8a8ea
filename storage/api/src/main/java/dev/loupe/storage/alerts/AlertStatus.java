package dev.loupe.storage.alerts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A rule's standing after its last evaluation; stored, so a restarted server carries on (a pending
 * breach keeps its start, a firing alert is not announced twice).
 *
 * @param since when the rule entered {@code state}
 * @param evaluatedAt the last evaluation
 * @param value the last value; null when there was no data or the query failed
 * @param breachingSince the start of the current run of breaching evaluations; null when the last
 *     one did not breach
 * @param error why the last evaluation failed; null unless {@code state} is ERROR
 */
public record AlertStatus(
    String projectId,
    String ruleId,
    AlertState state,
    Instant since,
    Instant evaluatedAt,
    @Nullable Double value,
    @Nullable Instant breachingSince,
    @Nullable String error) {

  public AlertStatus {
    requireNonNull(projectId, "projectId");
    requireNonNull(ruleId, "ruleId");
    requireNonNull(state, "state");
    requireNonNull(since, "since");
    requireNonNull(evaluatedAt, "evaluatedAt");
  }
}
