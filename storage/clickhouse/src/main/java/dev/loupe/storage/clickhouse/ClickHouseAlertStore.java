package dev.loupe.storage.clickhouse;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.AlertStore;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertStatus;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Alert channels, rules, statuses, history and deliveries (schema 120, {@link AlertRows}, {@link
 * AlertLogRows}). Replacements and deletes are versioned rows read with FINAL (see {@link
 * Replacing}). ClickHouse writes one table per insert: {@link #putStatus} appends the event first,
 * then the status, so a failure between the two leaves the history complete and the old status,
 * which the next evaluation replaces.
 */
final class ClickHouseAlertStore implements AlertStore {
  private final Replacing rows;

  ClickHouseAlertStore(Replacing rows) {
    this.rows = rows;
  }

  @Override
  public void putChannel(AlertChannel c) {
    requireNonNull(c, "channel");
    RowBinaryOut out = new RowBinaryOut();
    AlertRows.writeChannel(out, c, after("alert_channels", "id", c.projectId(), c.id()));
    rows.sql().insert("alert_channels", AlertRows.CHANNEL_INSERT, out);
  }

  @Override
  public Optional<AlertChannel> getChannel(String projectId, String id) {
    return one(
        "alert_channels", AlertRows.CHANNEL_SELECT, "id", projectId, id, AlertRows::readChannel);
  }

  @Override
  public List<AlertChannel> listChannels(String projectId) {
    return list(
        "alert_channels",
        AlertRows.CHANNEL_SELECT,
        projectId,
        "",
        "name, id",
        -1,
        AlertRows::readChannel);
  }

  @Override
  public boolean deleteChannel(String projectId, String id) {
    Params p = new Params();
    return rows.delete("alert_channels", key(p, "id", projectId, id), p) > 0;
  }

  @Override
  public void putRule(AlertRule r) {
    requireNonNull(r, "rule");
    RowBinaryOut out = new RowBinaryOut();
    AlertRows.writeRule(out, r, after("alert_rules", "id", r.projectId(), r.id()));
    rows.sql().insert("alert_rules", AlertRows.RULE_INSERT, out);
  }

  @Override
  public Optional<AlertRule> getRule(String projectId, String id) {
    return one("alert_rules", AlertRows.RULE_SELECT, "id", projectId, id, AlertRows::readRule);
  }

  @Override
  public List<AlertRule> listRules(String projectId) {
    return list(
        "alert_rules", AlertRows.RULE_SELECT, projectId, "", "name, id", -1, AlertRows::readRule);
  }

  /**
   * The rule goes with its status, history and deliveries; whatever remains of them after a crash
   * in between is tombstoned by the next delete of the same id.
   */
  @Override
  public boolean deleteRule(String projectId, String id) {
    Params p = new Params();
    int rules = rows.delete("alert_rules", key(p, "id", projectId, id), p);
    for (String table : List.of("alert_statuses", "alert_events", "alert_deliveries")) {
      Params q = new Params();
      rows.delete(table, key(q, "rule_id", projectId, id), q);
    }
    return rules > 0;
  }

  @Override
  public void putStatus(AlertStatus status, @Nullable AlertEvent event) {
    requireNonNull(status, "status");
    if (event != null) {
      RowBinaryOut e = new RowBinaryOut();
      AlertLogRows.writeEvent(e, event, rows.versionAfterStored(0));
      rows.sql().insert("alert_events", AlertLogRows.EVENT_INSERT, e);
    }
    RowBinaryOut s = new RowBinaryOut();
    long version = after("alert_statuses", "rule_id", status.projectId(), status.ruleId());
    AlertLogRows.writeStatus(s, status, version);
    rows.sql().insert("alert_statuses", AlertLogRows.STATUS_INSERT, s);
  }

  @Override
  public Optional<AlertStatus> getStatus(String projectId, String ruleId) {
    return one(
        "alert_statuses",
        AlertLogRows.STATUS_SELECT,
        "rule_id",
        projectId,
        ruleId,
        AlertLogRows::readStatus);
  }

  @Override
  public List<AlertStatus> listStatuses(String projectId) {
    return list(
        "alert_statuses",
        AlertLogRows.STATUS_SELECT,
        projectId,
        "",
        "rule_id",
        -1,
        AlertLogRows::readStatus);
  }

  @Override
  public List<AlertEvent> listEvents(String projectId, String ruleId, int limit) {
    requireNonNull(ruleId, "ruleId");
    Params p = new Params();
    String where = " AND rule_id = " + p.string(ruleId);
    return list(
        "alert_events",
        AlertLogRows.EVENT_SELECT,
        projectId,
        p,
        where,
        "at DESC, id DESC",
        Math.max(0, limit),
        AlertLogRows::readEvent);
  }

  @Override
  public void putDelivery(AlertDelivery d) {
    requireNonNull(d, "delivery");
    RowBinaryOut out = new RowBinaryOut();
    AlertLogRows.writeDelivery(out, d, after("alert_deliveries", "id", d.projectId(), d.id()));
    rows.sql().insert("alert_deliveries", AlertLogRows.DELIVERY_INSERT, out);
  }

  @Override
  public List<AlertDelivery> listDeliveries(
      String projectId, @Nullable String ruleId, @Nullable String channelId, int limit) {
    Params p = new Params();
    String where = "";
    if (ruleId != null) where += " AND rule_id = " + p.string(ruleId);
    if (channelId != null) where += " AND channel_id = " + p.string(channelId);
    return list(
        "alert_deliveries",
        AlertLogRows.DELIVERY_SELECT,
        projectId,
        p,
        where,
        "at DESC, id DESC",
        Math.max(0, limit),
        AlertLogRows::readDelivery);
  }

  private static String key(Params p, String column, String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, column);
    return "project_id = " + p.string(projectId) + " AND " + column + " = " + p.string(id);
  }

  private long after(String table, String column, String projectId, String id) {
    Params p = new Params();
    return rows.versionAfter(table, key(p, column, projectId, id), p);
  }

  private <T> Optional<T> one(
      String table,
      String select,
      String column,
      String projectId,
      String id,
      Function<RowBinaryIn, T> read) {
    Params p = new Params();
    String sql =
        "SELECT " + select + " FROM " + table + " FINAL WHERE " + key(p, column, projectId, id);
    return rows.sql().query(sql, p.map(), read).stream().findFirst();
  }

  private <T> List<T> list(
      String table,
      String select,
      String projectId,
      String where,
      String order,
      int limit,
      Function<RowBinaryIn, T> read) {
    return list(table, select, projectId, new Params(), where, order, limit, read);
  }

  /**
   * The project's live rows with {@code where} (its values in {@code p}), in order; a negative
   * limit: all.
   */
  private <T> List<T> list(
      String table,
      String select,
      String projectId,
      Params p,
      String where,
      String order,
      int limit,
      Function<RowBinaryIn, T> read) {
    requireNonNull(projectId, "projectId");
    String sql =
        "SELECT "
            + select
            + " FROM "
            + table
            + " FINAL WHERE project_id = "
            + p.string(projectId)
            + where
            + " ORDER BY "
            + order;
    if (limit >= 0) sql += " LIMIT " + p.int64(limit);
    return rows.sql().query(sql, p.map(), read);
  }

  @Override
  public String toString() {
    return "ClickHouseAlertStore{}";
  }
}
