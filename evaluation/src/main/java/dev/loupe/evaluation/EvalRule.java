package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which traces or observations an evaluator scores (Langfuse's evaluation rule): those matching
 * every filter, a {@code sampling} share of them, new data ({@code NEW}: from the rule's creation
 * on) and/or a backfill ({@code EXISTING}: {@code backfillFrom}..{@code backfillTo}, by trace
 * timestamp or observation start), with at most {@code concurrency} judge calls at once and at most
 * {@code maxCallsPerHour} / {@code maxCallsPerDay} calls.
 *
 * @param scoreName the name of the scores it writes (default: the evaluator's name)
 */
public record EvalRule(
    String projectId,
    String id,
    String name,
    String evaluatorId,
    Target target,
    boolean enabled,
    double sampling,
    List<RuleFilter> filters,
    List<VariableMapping> mapping,
    boolean newData,
    boolean existingData,
    @Nullable Instant backfillFrom,
    @Nullable Instant backfillTo,
    @Nullable Integer maxCallsPerHour,
    @Nullable Integer maxCallsPerDay,
    int concurrency,
    @Nullable String scoreName,
    Instant createdAt,
    Instant updatedAt) {

  public static final int MAX_CONCURRENCY = 64;

  /** What a rule scores. */
  public enum Target {
    TRACE,
    OBSERVATION;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Target fromWire(String v) {
      for (Target t : values()) if (t.wire().equals(v)) return t;
      throw new IllegalArgumentException("target: trace or observation, got '" + v + "'");
    }
  }

  public EvalRule {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    Names.check("name", name);
    requireNonNull(evaluatorId, "evaluatorId");
    requireNonNull(target, "target");
    if (!(sampling > 0 && sampling <= 1))
      throw new IllegalArgumentException("sampling: greater than 0 and at most 1, got " + sampling);
    filters = List.copyOf(filters);
    for (RuleFilter f : filters) f.checkFor(target);
    mapping = List.copyOf(mapping);
    if (!newData && !existingData)
      throw new IllegalArgumentException("timeScope: NEW, EXISTING or both");
    if (existingData && backfillFrom == null)
      throw new IllegalArgumentException("backfill.from: is required with timeScope EXISTING");
    if (backfillFrom != null && backfillTo != null && !backfillFrom.isBefore(backfillTo))
      throw new IllegalArgumentException("backfill.from: must be before backfill.to");
    if (maxCallsPerHour != null && maxCallsPerHour < 1)
      throw new IllegalArgumentException(
          "budget.maxCallsPerHour: at least 1, got " + maxCallsPerHour);
    if (maxCallsPerDay != null && maxCallsPerDay < 1)
      throw new IllegalArgumentException(
          "budget.maxCallsPerDay: at least 1, got " + maxCallsPerDay);
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY)
      throw new IllegalArgumentException(
          "concurrency: 1 to " + MAX_CONCURRENCY + ", got " + concurrency);
    scoreName = scoreName == null || scoreName.isBlank() ? null : scoreName;
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
  }

  /** Where the rule's scan starts: the backfill's start, else its creation. */
  Instant scanFrom() {
    return existingData ? requireNonNull(backfillFrom) : createdAt;
  }

  /** Where the scan ends: null for new data (it never ends), else the backfill's end. */
  @Nullable Instant scanTo() {
    if (newData) return null;
    return backfillTo != null ? backfillTo : createdAt;
  }
}
