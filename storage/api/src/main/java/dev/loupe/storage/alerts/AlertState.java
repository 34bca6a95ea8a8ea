package dev.loupe.storage.alerts;

/**
 * Where a rule stands after its last evaluation.
 *
 * <ul>
 *   <li>{@code OK}: the value did not breach the threshold.
 *   <li>{@code PENDING}: it breaches, but not yet for the rule's {@code for} duration.
 *   <li>{@code FIRING}: it has breached for at least the {@code for} duration; the channels were
 *       notified when it began, and are again when it ends (RESOLVED).
 *   <li>{@code NO_DATA}: the window held no record to aggregate (an average, a percentile, a min or
 *       a max of nothing; a count or a sum of nothing is 0, which is data), and the rule's {@link
 *       NoDataPolicy} keeps no data apart.
 *   <li>{@code ERROR}: the query failed (e.g. storage unavailable); the error is in the status.
 * </ul>
 */
public enum AlertState {
  OK,
  PENDING,
  FIRING,
  NO_DATA,
  ERROR
}
