package dev.loupe.storage.clickhouse;

import dev.loupe.model.Times;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertState;
import dev.loupe.storage.alerts.AlertStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What alert evaluation leaves behind, as rows of {@code alert_statuses} and {@code alert_events}
 * (schema 120): insert columns, select lists and the conversions both ways.
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

  static void end(RowBinaryOut out, long version) {
    out.int64(version);
    out.uint8(0);
    out.endRow();
  }

  private static @Nullable Instant instant(@Nullable Long micros) {
    return micros == null ? null : Times.fromEpochMicros(micros);
  }
}
