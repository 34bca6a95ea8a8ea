package dev.loupe.storage.duckdb;

import dev.loupe.model.Times;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertQuery;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertState;
import dev.loupe.storage.alerts.AlertStatus;
import dev.loupe.storage.alerts.ChannelKind;
import dev.loupe.storage.alerts.Comparison;
import dev.loupe.storage.alerts.NoDataPolicy;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricsView;
import dev.loupe.storage.json.AlertFiltersJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The select lists of the alert tables and the values their rows become. */
final class AlertRows {
  static final String CHANNEL =
      "project_id, id, name, kind, url, secret, epoch_us(created_at), epoch_us(updated_at)";
  static final String RULE =
      "project_id, id, name, description, view, measure, aggregation, filters, comparison,"
          + " threshold, window_ms, interval_ms, for_ms, no_data, channel_ids, enabled,"
          + " epoch_us(created_at), epoch_us(updated_at)";
  static final String STATUS =
      "project_id, rule_id, state, epoch_us(since), epoch_us(evaluated_at), value,"
          + " epoch_us(breaching_since), error";
  static final String EVENT =
      "project_id, id, rule_id, epoch_us(happened_at), from_state, to_state, value, threshold, message";
  static final String DELIVERY =
      "project_id, id, notification_id, rule_id, channel_id, event_id, kind, attempt,"
          + " epoch_us(sent_at), status_code, error, duration_ms";

  private AlertRows() {}

  static AlertChannel channel(ResultSet rs) throws SQLException {
    return new AlertChannel(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        ChannelKind.valueOf(rs.getString(4)),
        rs.getString(5),
        rs.getString(6),
        Times.fromEpochMicros(rs.getLong(7)),
        Times.fromEpochMicros(rs.getLong(8)));
  }

  static AlertRule rule(ResultSet rs) throws SQLException {
    MetricsView view = MetricsView.valueOf(rs.getString(5));
    AlertQuery query =
        new AlertQuery(
            view,
            new Metric(Measure.valueOf(rs.getString(6)), Aggregation.valueOf(rs.getString(7))),
            AlertFiltersJson.read(rs.getString(8)));
    return new AlertRule(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        query,
        Comparison.valueOf(rs.getString(9)),
        rs.getDouble(10),
        Duration.ofMillis(rs.getLong(11)),
        Duration.ofMillis(rs.getLong(12)),
        Duration.ofMillis(rs.getLong(13)),
        NoDataPolicy.valueOf(rs.getString(14)),
        TraceRows.strings(rs.getArray(15)),
        rs.getBoolean(16),
        Times.fromEpochMicros(rs.getLong(17)),
        Times.fromEpochMicros(rs.getLong(18)));
  }

  static AlertStatus status(ResultSet rs) throws SQLException {
    return new AlertStatus(
        rs.getString(1),
        rs.getString(2),
        AlertState.valueOf(rs.getString(3)),
        Times.fromEpochMicros(rs.getLong(4)),
        Times.fromEpochMicros(rs.getLong(5)),
        nullableDouble(rs, 6),
        nullableTime(rs, 7),
        rs.getString(8));
  }

  static AlertEvent event(ResultSet rs) throws SQLException {
    return new AlertEvent(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Times.fromEpochMicros(rs.getLong(4)),
        AlertState.valueOf(rs.getString(5)),
        AlertState.valueOf(rs.getString(6)),
        nullableDouble(rs, 7),
        rs.getDouble(8),
        rs.getString(9));
  }

  static AlertDelivery delivery(ResultSet rs) throws SQLException {
    int status = rs.getInt(10);
    Integer statusCode = rs.wasNull() ? null : status;
    return new AlertDelivery(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        AlertEvent.Notification.valueOf(rs.getString(7)),
        rs.getInt(8),
        Times.fromEpochMicros(rs.getLong(9)),
        statusCode,
        rs.getString(11),
        rs.getLong(12));
  }

  private static @Nullable Double nullableDouble(ResultSet rs, int col) throws SQLException {
    double v = rs.getDouble(col);
    return rs.wasNull() ? null : v;
  }

  private static @Nullable Instant nullableTime(ResultSet rs, int col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : Times.fromEpochMicros(v);
  }
}
