package dev.loupe.alerting;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One notification to send: what happened to which rule. Every channel of the rule gets it, each
 * attempt of a channel with the same {@code id} (the {@code X-Loupe-Delivery} header), so a
 * receiver can drop a retry it already handled.
 *
 * @param event the history event; null for a test
 */
public record Notice(
    String id,
    AlertEvent.Notification kind,
    AlertRule rule,
    @Nullable AlertEvent event,
    AlertState state,
    AlertState previousState,
    @Nullable Double value,
    Instant at,
    String message) {

  public Notice {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(rule, "rule");
    requireNonNull(state, "state");
    requireNonNull(previousState, "previousState");
    requireNonNull(at, "at");
    requireNonNull(message, "message");
  }

  /** The notice of a history event that fires or resolves the rule. */
  public static Notice of(String id, AlertRule rule, AlertEvent event) {
    AlertEvent.Notification kind = requireNonNull(event.notification(), "not a notification");
    return new Notice(
        id,
        kind,
        rule,
        event,
        event.to(),
        event.from(),
        event.value(),
        event.at(),
        event.message());
  }
}
