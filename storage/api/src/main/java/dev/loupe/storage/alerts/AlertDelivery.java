package dev.loupe.storage.alerts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to deliver a notification to a channel, for the delivery log. Attempts of one
 * notification share {@code notificationId} and count up from 1.
 *
 * @param ruleId null for a channel's test notification
 * @param eventId the history event notified; null for a test
 * @param statusCode the HTTP status the receiver answered; null when there was no answer
 * @param error why the attempt failed (connection refused, timeout, a non-2xx status); null when it
 *     succeeded
 * @param durationMillis from sending to the answer (or the failure)
 */
public record AlertDelivery(
    String projectId,
    String id,
    String notificationId,
    @Nullable String ruleId,
    String channelId,
    @Nullable String eventId,
    AlertEvent.Notification kind,
    int attempt,
    Instant at,
    @Nullable Integer statusCode,
    @Nullable String error,
    long durationMillis) {

  public AlertDelivery {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    requireNonNull(notificationId, "notificationId");
    requireNonNull(channelId, "channelId");
    requireNonNull(kind, "kind");
    requireNonNull(at, "at");
    if (attempt < 1) throw new IllegalArgumentException("attempt < 1");
  }

  /** Whether the receiver took it (a 2xx answer). */
  public boolean ok() {
    return error == null;
  }
}
