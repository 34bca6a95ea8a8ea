package dev.loupe.storage.duckdb;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Version 8: the alert tables. A file of an earlier version gains them (empty) on its next open; a
 * new file has them from the start. It checks only its own number, so it applies on top of any
 * earlier migration whatever order they were written in.
 *
 * <ul>
 *   <li>{@code alert_channels}: one row per (project, id); {@code secret} is the HMAC key in clear
 *       (signing needs it), never returned by the API.
 *   <li>{@code alert_rules}: one row per (project, id); the query in columns ({@code view}, {@code
 *       measure}, {@code aggregation} as enum names) and its filters as JSON ({@link
 *       AlertFiltersJson}); durations in milliseconds.
 *   <li>{@code alert_statuses}: one row per (project, rule), replaced at each evaluation.
 *   <li>{@code alert_events} and {@code alert_deliveries}: append-only history and delivery log.
 * </ul>
 */
final class SchemaV8 {
  static final int VERSION = 8;

  static final List<String> DDL =
      List.of(
          """
      CREATE TABLE IF NOT EXISTS alert_channels(
        project_id VARCHAR NOT NULL, id VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        url VARCHAR NOT NULL, secret VARCHAR, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)""",
          """
      CREATE TABLE IF NOT EXISTS alert_rules(
        project_id VARCHAR NOT NULL, id VARCHAR NOT NULL, name VARCHAR NOT NULL, description VARCHAR,
        view VARCHAR NOT NULL, measure VARCHAR NOT NULL, aggregation VARCHAR NOT NULL,
        filters VARCHAR NOT NULL, comparison VARCHAR NOT NULL, threshold DOUBLE NOT NULL,
        window_ms BIGINT NOT NULL, interval_ms BIGINT NOT NULL, for_ms BIGINT NOT NULL,
        no_data VARCHAR NOT NULL, channel_ids VARCHAR[] NOT NULL, enabled BOOLEAN NOT NULL,
        created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)""",
          """
      CREATE TABLE IF NOT EXISTS alert_statuses(
        project_id VARCHAR NOT NULL, rule_id VARCHAR NOT NULL, state VARCHAR NOT NULL,
        since TIMESTAMP NOT NULL, evaluated_at TIMESTAMP NOT NULL, value DOUBLE,
        breaching_since TIMESTAMP, error VARCHAR)""",
          """
      CREATE TABLE IF NOT EXISTS alert_events(
        project_id VARCHAR NOT NULL, id VARCHAR NOT NULL, rule_id VARCHAR NOT NULL,
        happened_at TIMESTAMP NOT NULL, from_state VARCHAR NOT NULL, to_state VARCHAR NOT NULL, value DOUBLE,
        threshold DOUBLE NOT NULL, message VARCHAR NOT NULL)""",
          """
      CREATE TABLE IF NOT EXISTS alert_deliveries(
        project_id VARCHAR NOT NULL, id VARCHAR NOT NULL, notification_id VARCHAR NOT NULL,
        rule_id VARCHAR, channel_id VARCHAR NOT NULL, event_id VARCHAR, kind VARCHAR NOT NULL,
        attempt INTEGER NOT NULL, sent_at TIMESTAMP NOT NULL, status_code INTEGER, error VARCHAR,
        duration_ms BIGINT NOT NULL)""");

  private SchemaV8() {}

  /** Creates the tables when missing: on every open, whatever the file's version. */
  static void migrate(Statement s) throws SQLException {
    for (String ddl : DDL) s.execute(ddl);
  }
}
