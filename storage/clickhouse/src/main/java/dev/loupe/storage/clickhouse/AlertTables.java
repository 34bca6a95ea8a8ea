package dev.loupe.storage.clickhouse;

import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertStatus;

/**
 * The five alert tables of schema 120, each with the column its rows are keyed by within a project:
 * channels and rules by id, statuses by rule (one per rule), events and deliveries by their own id
 * (appended; deleted with their rule by {@code rule_id}).
 */
final class AlertTables {
  private AlertTables() {}

  static AlertTable<AlertChannel> channels(Replacing rows) {
    return new AlertTable<>(
        rows,
        "alert_channels",
        "id",
        AlertRows.CHANNEL_INSERT,
        AlertRows.CHANNEL_SELECT,
        AlertRows::writeChannel,
        AlertRows::readChannel);
  }

  static AlertTable<AlertRule> rules(Replacing rows) {
    return new AlertTable<>(
        rows,
        "alert_rules",
        "id",
        AlertRows.RULE_INSERT,
        AlertRows.RULE_SELECT,
        AlertRows::writeRule,
        AlertRows::readRule);
  }

  static AlertTable<AlertStatus> statuses(Replacing rows) {
    return new AlertTable<>(
        rows,
        "alert_statuses",
        "rule_id",
        AlertLogRows.STATUS_INSERT,
        AlertLogRows.STATUS_SELECT,
        AlertLogRows::writeStatus,
        AlertLogRows::readStatus);
  }

  static AlertTable<AlertEvent> events(Replacing rows) {
    return new AlertTable<>(
        rows,
        "alert_events",
        "id",
        AlertLogRows.EVENT_INSERT,
        AlertLogRows.EVENT_SELECT,
        AlertLogRows::writeEvent,
        AlertLogRows::readEvent);
  }

  static AlertTable<AlertDelivery> deliveries(Replacing rows) {
    return new AlertTable<>(
        rows,
        "alert_deliveries",
        "id",
        DeliveryRows.INSERT,
        DeliveryRows.SELECT,
        DeliveryRows::write,
        DeliveryRows::read);
  }
}
