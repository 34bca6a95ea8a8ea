package dev.loupe.storage.alerts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One state change of a rule, for its history: {@code from} → {@code to} at {@code at}, with the
 * value that caused it. A change to FIRING is the alert firing; a change from FIRING is it
 * resolving; both are notified.
 *
 * @param value the evaluated value; null for no data or a failed query
 * @param message a sentence for people: the condition, the value, the window (or the error)
 */
public record AlertEvent(
    String projectId,
    String id,
    String ruleId,
    Instant at,
    AlertState from,
    AlertState to,
    @Nullable Double value,
    double threshold,
    String message) {

  public AlertEvent {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    requireNonNull(ruleId, "ruleId");
    requireNonNull(at, "at");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(message, "message");
  }

  /** What this change tells the channels: FIRING, RESOLVED, or nothing. */
  public @Nullable Notification notification() {
    if (to == AlertState.FIRING && from != AlertState.FIRING) return Notification.FIRING;
    if (from == AlertState.FIRING && to != AlertState.FIRING) return Notification.RESOLVED;
    return null;
  }

  /** The kinds of notification. */
  public enum Notification {
    FIRING,
    RESOLVED,
    /** Sent on request, to check a channel. */
    TEST
  }
}
