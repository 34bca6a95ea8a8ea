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
import org.jspecify.annotations.Nullable;

/**
 * Alert channels, rules, statuses, history and deliveries (schema 120): five {@link AlertTable}s
 * ({@link AlertTables}). ClickHouse writes one table per insert: {@link #putStatus} appends the
 * event first, then the status, so a failure between the two leaves the history complete and the
 * old status, which the next evaluation replaces. {@link #deleteRule} tombstones the rule, then
 * what hangs off it; a failure in between leaves rows that no list shows without their rule id and
 * that the next delete of that id removes.
 */
final class ClickHouseAlertStore implements AlertStore {
  private static final String NEWEST_FIRST = "at DESC, id DESC";

  private final AlertTable<AlertChannel> channels;
  private final AlertTable<AlertRule> rules;
  private final AlertTable<AlertStatus> statuses;
  private final AlertTable<AlertEvent> events;
  private final AlertTable<AlertDelivery> deliveries;

  ClickHouseAlertStore(Replacing rows) {
    channels = AlertTables.channels(rows);
    rules = AlertTables.rules(rows);
    statuses = AlertTables.statuses(rows);
    events = AlertTables.events(rows);
    deliveries = AlertTables.deliveries(rows);
  }

  @Override
  public void putChannel(AlertChannel c) {
    channels.put(requireNonNull(c, "channel"), c.projectId(), c.id());
  }

  @Override
  public Optional<AlertChannel> getChannel(String projectId, String id) {
    return channels.get(projectId, id);
  }

  @Override
  public List<AlertChannel> listChannels(String projectId) {
    return channels.list(projectId, new Params(), "", "name, id", -1);
  }

  @Override
  public boolean deleteChannel(String projectId, String id) {
    return channels.delete(projectId, "id", id) > 0;
  }

  @Override
  public void putRule(AlertRule r) {
    rules.put(requireNonNull(r, "rule"), r.projectId(), r.id());
  }

  @Override
  public Optional<AlertRule> getRule(String projectId, String id) {
    return rules.get(projectId, id);
  }

  @Override
  public List<AlertRule> listRules(String projectId) {
    return rules.list(projectId, new Params(), "", "name, id", -1);
  }

  @Override
  public boolean deleteRule(String projectId, String id) {
    boolean existed = rules.delete(projectId, "id", id) > 0;
    statuses.delete(projectId, "rule_id", id);
    events.delete(projectId, "rule_id", id);
    deliveries.delete(projectId, "rule_id", id);
    return existed;
  }

  @Override
  public void putStatus(AlertStatus status, @Nullable AlertEvent event) {
    requireNonNull(status, "status");
    if (event != null) events.put(event, event.projectId(), event.id());
    statuses.put(status, status.projectId(), status.ruleId());
  }

  @Override
  public Optional<AlertStatus> getStatus(String projectId, String ruleId) {
    return statuses.get(projectId, ruleId);
  }

  @Override
  public List<AlertStatus> listStatuses(String projectId) {
    return statuses.list(projectId, new Params(), "", "rule_id", -1);
  }

  @Override
  public List<AlertEvent> listEvents(String projectId, String ruleId, int limit) {
    requireNonNull(ruleId, "ruleId");
    Params p = new Params();
    String rule = " AND rule_id = " + p.string(ruleId);
    return events.list(projectId, p, rule, NEWEST_FIRST, Math.max(0, limit));
  }

  @Override
  public void putDelivery(AlertDelivery d) {
    deliveries.put(requireNonNull(d, "delivery"), d.projectId(), d.id());
  }

  @Override
  public List<AlertDelivery> listDeliveries(
      String projectId, @Nullable String ruleId, @Nullable String channelId, int limit) {
    Params p = new Params();
    String and = "";
    if (ruleId != null) and += " AND rule_id = " + p.string(ruleId);
    if (channelId != null) and += " AND channel_id = " + p.string(channelId);
    return deliveries.list(projectId, p, and, NEWEST_FIRST, Math.max(0, limit));
  }

  @Override
  public String toString() {
    return "ClickHouseAlertStore{}";
  }
}
