package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.Times;
import dev.loupe.storage.AlertStore;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertStatus;
import dev.loupe.storage.json.AlertFiltersJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The alert tables ({@link SchemaV8}); small rows written in short transactions on a read
 * connection, durable on return, never through the ingest writer.
 */
final class DuckDbAlertStore implements AlertStore {
  private static final String TS = "make_timestamp(?::BIGINT)";

  private final ReadPool pool;

  DuckDbAlertStore(ReadPool pool) {
    this.pool = pool;
  }

  @Override
  public synchronized void putChannel(AlertChannel c) {
    requireNonNull(c, "channel");
    write(
        "putChannel",
        s -> {
          delete(s, "alert_channels", "id", c.projectId(), c.id());
          PreparedStatement ps =
              s.statement(
                  "INSERT INTO alert_channels VALUES (?, ?, ?, ?, ?, ?, " + TS + ", " + TS + ")");
          ps.setString(1, c.projectId());
          ps.setString(2, c.id());
          ps.setString(3, c.name());
          ps.setString(4, c.kind().name());
          ps.setString(5, c.url());
          text(ps, 6, c.secret());
          ps.setLong(7, Times.toEpochMicros(c.createdAt()));
          ps.setLong(8, Times.toEpochMicros(c.updatedAt()));
          ps.executeUpdate();
        });
  }

  @Override
  public Optional<AlertChannel> getChannel(String projectId, String id) {
    return one("alert_channels", AlertRows.CHANNEL, "id", projectId, id, AlertRows::channel);
  }

  @Override
  public List<AlertChannel> listChannels(String projectId) {
    return all(
        "listChannels",
        "SELECT "
            + AlertRows.CHANNEL
            + " FROM alert_channels WHERE project_id = ? ORDER BY name, id",
        projectId,
        AlertRows::channel);
  }

  @Override
  public synchronized boolean deleteChannel(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    return pool.read("deleteChannel", s -> delete(s, "alert_channels", "id", projectId, id) > 0);
  }

  @Override
  public synchronized void putRule(AlertRule r) {
    requireNonNull(r, "rule");
    write(
        "putRule",
        s -> {
          delete(s, "alert_rules", "id", r.projectId(), r.id());
          PreparedStatement ps =
              s.statement(
                  "INSERT INTO alert_rules VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                      + " ?::VARCHAR[], ?, "
                      + TS
                      + ", "
                      + TS
                      + ")");
          ps.setString(1, r.projectId());
          ps.setString(2, r.id());
          ps.setString(3, r.name());
          text(ps, 4, r.description());
          ps.setString(5, r.query().view().name());
          ps.setString(6, r.query().metric().measure().name());
          ps.setString(7, r.query().metric().aggregation().name());
          ps.setString(8, AlertFiltersJson.write(r.query().filters()));
          ps.setString(9, r.comparison().name());
          ps.setDouble(10, r.threshold());
          ps.setLong(11, r.window().toMillis());
          ps.setLong(12, r.interval().toMillis());
          ps.setLong(13, r.forDuration().toMillis());
          ps.setString(14, r.noData().name());
          ps.setArray(15, s.strings(r.channelIds()));
          ps.setBoolean(16, r.enabled());
          ps.setLong(17, Times.toEpochMicros(r.createdAt()));
          ps.setLong(18, Times.toEpochMicros(r.updatedAt()));
          ps.executeUpdate();
        });
  }

  @Override
  public Optional<AlertRule> getRule(String projectId, String id) {
    return one("alert_rules", AlertRows.RULE, "id", projectId, id, AlertRows::rule);
  }

  @Override
  public List<AlertRule> listRules(String projectId) {
    return all(
        "listRules",
        "SELECT " + AlertRows.RULE + " FROM alert_rules WHERE project_id = ? ORDER BY name, id",
        projectId,
        AlertRows::rule);
  }

  @Override
  public synchronized boolean deleteRule(String projectId, String id) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    boolean[] found = new boolean[1];
    write(
        "deleteRule",
        s -> {
          found[0] = delete(s, "alert_rules", "id", projectId, id) > 0;
          if (!found[0]) return;
          delete(s, "alert_statuses", "rule_id", projectId, id);
          delete(s, "alert_events", "rule_id", projectId, id);
          delete(s, "alert_deliveries", "rule_id", projectId, id);
        });
    return found[0];
  }

  @Override
  public synchronized void putStatus(AlertStatus st, @Nullable AlertEvent e) {
    requireNonNull(st, "status");
    write(
        "putStatus",
        s -> {
          delete(s, "alert_statuses", "rule_id", st.projectId(), st.ruleId());
          PreparedStatement ps =
              s.statement(
                  "INSERT INTO alert_statuses VALUES (?, ?, ?, "
                      + TS
                      + ", "
                      + TS
                      + ", ?, "
                      + TS
                      + ", ?)");
          ps.setString(1, st.projectId());
          ps.setString(2, st.ruleId());
          ps.setString(3, st.state().name());
          ps.setLong(4, Times.toEpochMicros(st.since()));
          ps.setLong(5, Times.toEpochMicros(st.evaluatedAt()));
          number(ps, 6, st.value());
          micros(ps, 7, st.breachingSince());
          text(ps, 8, st.error());
          ps.executeUpdate();
          if (e != null) insertEvent(s, e);
        });
  }

  private static void insertEvent(Session s, AlertEvent e) throws SQLException {
    PreparedStatement ps =
        s.statement("INSERT INTO alert_events VALUES (?, ?, ?, " + TS + ", ?, ?, ?, ?, ?)");
    ps.setString(1, e.projectId());
    ps.setString(2, e.id());
    ps.setString(3, e.ruleId());
    ps.setLong(4, Times.toEpochMicros(e.at()));
    ps.setString(5, e.from().name());
    ps.setString(6, e.to().name());
    number(ps, 7, e.value());
    ps.setDouble(8, e.threshold());
    ps.setString(9, e.message());
    ps.executeUpdate();
  }

  @Override
  public Optional<AlertStatus> getStatus(String projectId, String ruleId) {
    return one("alert_statuses", AlertRows.STATUS, "rule_id", projectId, ruleId, AlertRows::status);
  }

  @Override
  public List<AlertStatus> listStatuses(String projectId) {
    return all(
        "listStatuses",
        "SELECT " + AlertRows.STATUS + " FROM alert_statuses WHERE project_id = ? ORDER BY rule_id",
        projectId,
        AlertRows::status);
  }

  @Override
  public List<AlertEvent> listEvents(String projectId, String ruleId, int limit) {
    requireNonNull(projectId, "projectId");
    requireNonNull(ruleId, "ruleId");
    if (limit < 1) throw new IllegalArgumentException("limit < 1");
    return pool.read(
        "listEvents",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + AlertRows.EVENT
                      + " FROM alert_events WHERE project_id = ? AND rule_id = ?"
                      + " ORDER BY happened_at DESC, id DESC LIMIT ?");
          ps.setString(1, projectId);
          ps.setString(2, ruleId);
          ps.setInt(3, limit);
          return rows(ps, AlertRows::event);
        });
  }

  @Override
  public synchronized void putDelivery(AlertDelivery d) {
    requireNonNull(d, "delivery");
    write(
        "putDelivery",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "INSERT INTO alert_deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                      + TS
                      + ", ?, ?, ?)");
          ps.setString(1, d.projectId());
          ps.setString(2, d.id());
          ps.setString(3, d.notificationId());
          text(ps, 4, d.ruleId());
          ps.setString(5, d.channelId());
          text(ps, 6, d.eventId());
          ps.setString(7, d.kind().name());
          ps.setInt(8, d.attempt());
          ps.setLong(9, Times.toEpochMicros(d.at()));
          if (d.statusCode() == null) ps.setNull(10, Types.INTEGER);
          else ps.setInt(10, d.statusCode());
          text(ps, 11, d.error());
          ps.setLong(12, d.durationMillis());
          ps.executeUpdate();
        });
  }

  @Override
  public List<AlertDelivery> listDeliveries(
      String projectId, @Nullable String ruleId, @Nullable String channelId, int limit) {
    requireNonNull(projectId, "projectId");
    if (limit < 1) throw new IllegalArgumentException("limit < 1");
    return pool.read(
        "listDeliveries",
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + AlertRows.DELIVERY
                      + " FROM alert_deliveries WHERE project_id = ?"
                      + " AND (?::VARCHAR IS NULL OR rule_id = ?::VARCHAR)"
                      + " AND (?::VARCHAR IS NULL OR channel_id = ?::VARCHAR)"
                      + " ORDER BY sent_at DESC, id DESC LIMIT ?");
          ps.setString(1, projectId);
          text(ps, 2, ruleId);
          text(ps, 3, ruleId);
          text(ps, 4, channelId);
          text(ps, 5, channelId);
          ps.setInt(6, limit);
          return rows(ps, AlertRows::delivery);
        });
  }

  private interface Work {
    void run(Session s) throws SQLException;
  }

  private interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private void write(String what, Work work) {
    pool.read(what, s -> DuckDbProjectStore.inTransaction(s, () -> work.run(s)));
  }

  private static int delete(Session s, String table, String idColumn, String projectId, String id)
      throws SQLException {
    PreparedStatement ps =
        s.statement("DELETE FROM " + table + " WHERE project_id = ? AND " + idColumn + " = ?");
    ps.setString(1, projectId);
    ps.setString(2, id);
    return ps.executeUpdate();
  }

  private <T> Optional<T> one(
      String table, String columns, String idColumn, String projectId, String id, Row<T> row) {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    return pool.read(
        "get " + table,
        s -> {
          PreparedStatement ps =
              s.statement(
                  "SELECT "
                      + columns
                      + " FROM "
                      + table
                      + " WHERE project_id = ? AND "
                      + idColumn
                      + " = ?");
          ps.setString(1, projectId);
          ps.setString(2, id);
          return rows(ps, row).stream().findFirst();
        });
  }

  private <T> List<T> all(String what, String sql, String projectId, Row<T> row) {
    requireNonNull(projectId, "projectId");
    return pool.read(
        what,
        s -> {
          PreparedStatement ps = s.statement(sql);
          ps.setString(1, projectId);
          return rows(ps, row);
        });
  }

  private static <T> List<T> rows(PreparedStatement ps, Row<T> row) throws SQLException {
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(row.map(rs));
    }
    return out;
  }

  private static void text(PreparedStatement ps, int i, @Nullable String v) throws SQLException {
    if (v == null) ps.setNull(i, Types.VARCHAR);
    else ps.setString(i, v);
  }

  private static void number(PreparedStatement ps, int i, @Nullable Double v) throws SQLException {
    if (v == null) ps.setNull(i, Types.DOUBLE);
    else ps.setDouble(i, v);
  }

  private static void micros(PreparedStatement ps, int i, @Nullable Instant t) throws SQLException {
    if (t == null) ps.setNull(i, Types.BIGINT);
    else ps.setLong(i, Times.toEpochMicros(t));
  }

  @Override
  public String toString() {
    return "DuckDbAlertStore{}";
  }
}
