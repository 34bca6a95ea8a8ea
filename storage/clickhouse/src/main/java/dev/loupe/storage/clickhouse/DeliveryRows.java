package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import java.util.List;

/**
 * The delivery log as rows of {@code alert_deliveries} (schema 120): every attempt to notify a
 * channel, with the receiver's answer or the failure.
 */
final class DeliveryRows {
  static final List<String> INSERT =
      List.of(
          "project_id",
          "id",
          "notification_id",
          "rule_id",
          "channel_id",
          "event_id",
          "kind",
          "attempt",
          "at",
          "status_code",
          "error",
          "duration_ms",
          "row_version",
          "is_deleted");
  static final String SELECT =
      "project_id, id, notification_id, rule_id, channel_id, event_id, kind, attempt, at,"
          + " status_code, error, duration_ms";

  private DeliveryRows() {}

  static void write(RowBinaryOut out, AlertDelivery d, long version) {
    out.string(d.projectId());
    out.string(d.id());
    out.string(d.notificationId());
    out.nullableString(d.ruleId());
    out.string(d.channelId());
    out.nullableString(d.eventId());
    out.string(d.kind().name());
    out.int32(d.attempt());
    out.int64(Times.toEpochMicros(d.at()));
    out.nullableInt32(d.statusCode());
    out.nullableString(d.error());
    out.int64(d.durationMillis());
    AlertLogRows.end(out, version);
  }

  static AlertDelivery read(RowBinaryIn in) {
    return new AlertDelivery(
        in.string(),
        in.string(),
        in.string(),
        in.nullableString(),
        in.string(),
        in.nullableString(),
        AlertEvent.Notification.valueOf(in.string()),
        in.int32(),
        Times.fromEpochMicros(in.int64()),
        in.nullableInt32(),
        in.nullableString(),
        in.int64());
  }
}
