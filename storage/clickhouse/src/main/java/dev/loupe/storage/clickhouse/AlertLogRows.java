package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertState;
import dev.loupe.storage.alerts.AlertStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What alert evaluation and delivery leave behind, as rows of {@code alert_statuses}, {@code
 * alert_events} and {@code alert_deliveries} (schema 120): insert columns, select lists and the
 * conversions both ways.
 */
final class AlertLogRows {
  static final List<String> STATUS_INSERT =
      List.of(
          "project_id",
          "rule_id",
          "state",
          "since",
          "evaluated_at",
          "value",
          "breaching_since",
          "error",
          "row_version",
          "is_deleted");
  static final String STATUS_SELECT =
      "project_id, rule_id, state, since, evaluated_at, value, breaching_since, error";

  static final List<String> EVENT_INSERT =
      List.of(
          "project_id",
          "rule_id",
          "id",
          "at",
          "from_state",
          "to_state",
          "value",
          "threshold",
          "message",
          "row_version",
          "is_deleted");
  static final String EVENT_SELECT =
      "project_id, id, rule_id, at, from_state, to_state, value, threshold, message";

  static final List<String> DELIVERY_INSERT =
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
  static final String DELIVERY_SELECT =
      "project_id, id, notification_id, rule_id, channel_id, event_id, kind, attempt, at,"
          + " status_code, error, duration_ms";

  private AlertLogRows() {}

  static void writeStatus(RowBinaryOut out, AlertStatus s, long version) {
    out.string(s.projectId());
    out.string(s.ruleId());
    out.string(s.state().name());
    out.int64(Times.toEpochMicros(s.since()));
    out.int64(Times.toEpochMicros(s.evaluatedAt()));
    Doubles.writeNullable(out, s.value());
    out.nullableInt64(s.breachingSince() == null ? null : Times.toEpochMicros(s.breachingSince()));
    out.nullableString(s.error());
    end(out, version);
  }

  static AlertStatus readStatus(RowBinaryIn in) {
    return new AlertStatus(
        in.string(),
        in.string(),
        AlertState.valueOf(in.string()),
        Times.fromEpochMicros(in.int64()),
        Times.fromEpochMicros(in.int64()),
        Doubles.readNullable(in),
        instant(in.nullableInt64()),
        in.nullableString());
  }

  static void writeEvent(RowBinaryOut out, AlertEvent e, long version) {
    out.string(e.projectId());
    out.string(e.ruleId());
    out.string(e.id());
    out.int64(Times.toEpochMicros(e.at()));
    out.string(e.from().name());
    out.string(e.to().name());
    Doubles.writeNullable(out, e.value());
    Doubles.write(out, e.threshold());
    out.string(e.message());
    end(out, version);
  }

  static AlertEvent readEvent(RowBinaryIn in) {
    return new AlertEvent(
        in.string(),
        in.string(),
        in.string(),
        Times.fromEpochMicros(in.int64()),
        AlertState.valueOf(in.string()),
        AlertState.valueOf(in.string()),
        Doubles.readNullable(in),
        Doubles.read(in),
        in.string());
  }

  static void writeDelivery(RowBinaryOut out, AlertDelivery d, long version) {
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
    end(out, version);
  }

  static AlertDelivery readDelivery(RowBinaryIn in) {
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

  private static void end(RowBinaryOut out, long version) {
    out.int64(version);
    out.uint8(0);
    out.endRow();
  }

  private static @Nullable Instant instant(@Nullable Long micros) {
    return micros == null ? null : Times.fromEpochMicros(micros);
  }
}
