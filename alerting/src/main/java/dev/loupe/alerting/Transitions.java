package dev.loupe.alerting;

import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertState;
import dev.loupe.storage.alerts.AlertStatus;
import dev.loupe.storage.alerts.Durations;
import dev.loupe.storage.alerts.NoDataPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The state machine: from a rule's previous status and a new evaluation to its next status, and the
 * history event when the state changed.
 *
 * <ul>
 *   <li>A breaching value starts (or continues) a breach; the rule is PENDING until the breach has
 *       lasted the rule's {@code for} duration, then FIRING (at once when {@code for} is 0).
 *   <li>A value that does not breach is OK; a firing alert RESOLVES.
 *   <li>No data follows the rule's {@link NoDataPolicy}: its own NO_DATA state (a firing alert
 *       resolves), OK, or a breach.
 *   <li>A failed query is ERROR, except that a FIRING alert stays FIRING (the error is kept in the
 *       status): an outage of the store never resolves an alert nobody fixed.
 *   <li>A rule's first evaluation starts from OK: a rule that begins OK records nothing.
 * </ul>
 */
public final class Transitions {
  private Transitions() {}

  /** The next status and the event to record (null when the state did not change). */
  public record Step(AlertStatus status, @Nullable AlertEvent event) {}

  public static Step next(
      AlertRule rule,
      @Nullable AlertStatus previous,
      Evaluation evaluation,
      Instant now,
      Supplier<String> ids) {
    AlertState before = previous == null ? AlertState.OK : previous.state();
    Instant breachStart = previous == null ? null : previous.breachingSince();
    Boolean breach = breach(rule, evaluation);
    AlertState state;
    Instant breachingSince = null;
    if (evaluation.failed()) {
      state = before == AlertState.FIRING ? AlertState.FIRING : AlertState.ERROR;
      breachingSince = before == AlertState.FIRING ? breachStart : null;
    } else if (breach == null) {
      state = AlertState.NO_DATA;
    } else if (breach) {
      breachingSince = breachStart != null ? breachStart : now;
      boolean lastedLongEnough =
          Duration.between(breachingSince, now).compareTo(rule.forDuration()) >= 0;
      state =
          before == AlertState.FIRING || lastedLongEnough ? AlertState.FIRING : AlertState.PENDING;
    } else {
      state = AlertState.OK;
    }
    Instant since = previous != null && previous.state() == state ? previous.since() : now;
    AlertStatus status =
        new AlertStatus(
            rule.projectId(),
            rule.id(),
            state,
            since,
            now,
            evaluation.value(),
            breachingSince,
            evaluation.error());
    if (state == before) return new Step(status, null);
    AlertEvent event =
        new AlertEvent(
            rule.projectId(),
            ids.get(),
            rule.id(),
            now,
            before,
            state,
            evaluation.value(),
            rule.threshold(),
            message(rule, evaluation, state));
    return new Step(status, event);
  }

  /** Whether the evaluation breaches; null when it is no data kept apart (or a failure). */
  private static @Nullable Boolean breach(AlertRule rule, Evaluation e) {
    if (e.failed()) return null;
    Double v = e.value();
    if (v != null) return rule.breaches(v);
    return switch (rule.noData()) {
      case NO_DATA -> null;
      case OK -> false;
      case BREACHING -> true;
    };
  }

  /** {@code avg(errors) = 0.6 > 0.05 over the last 5m}, or why there is no value. */
  public static String message(AlertRule rule, Evaluation e, AlertState state) {
    String over = " over the last " + Durations.format(rule.window());
    String metric =
        rule.query().metric().aggregation().wireName()
            + "("
            + rule.query().metric().measure().wireName()
            + ")";
    String threshold = rule.comparison().wireName() + " " + Durations.number(rule.threshold());
    if (e.failed()) return "query failed: " + e.error();
    Double v = e.value();
    if (v == null) {
      String counted =
          switch (rule.noData()) {
            case NO_DATA -> "";
            case OK -> ", counted as OK";
            case BREACHING -> ", counted as breaching";
          };
      return "no data" + over + counted;
    }
    String holds = rule.breaches(v) ? " " : ", not ";
    String pending =
        state == AlertState.PENDING
            ? " (pending for " + Durations.format(rule.forDuration()) + ")"
            : "";
    return metric + " = " + Durations.number(v) + holds + threshold + over + pending;
  }
}
