package dev.loupe.storage;

import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertStatus;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A project's alert rules and channels, each rule's status, the history of its state changes and
 * the log of delivery attempts. Every method is scoped to one project; writes are durable on
 * return.
 *
 * <pre>{@code
 * AlertStore alerts = storage.alertStore();
 * alerts.putRule(rule);
 * alerts.putStatus(firing, event);                 // status and history in one write
 * List<AlertEvent> history = alerts.listEvents("proj", rule.id(), 50);
 * }</pre>
 */
public interface AlertStore {
  /** Stores a channel, replacing one of the same (projectId, id). */
  void putChannel(AlertChannel channel);

  Optional<AlertChannel> getChannel(String projectId, String id);

  /** The project's channels by name, then id. */
  List<AlertChannel> listChannels(String projectId);

  /** Deletes a channel; false when the project has none of that id. */
  boolean deleteChannel(String projectId, String id);

  /** Stores a rule, replacing one of the same (projectId, id). */
  void putRule(AlertRule rule);

  Optional<AlertRule> getRule(String projectId, String id);

  /** The project's rules by name, then id. */
  List<AlertRule> listRules(String projectId);

  /**
   * Deletes a rule with its status, history and delivery log; false when the project has none of
   * that id.
   */
  boolean deleteRule(String projectId, String id);

  /** Stores a rule's status and, when given, appends {@code event} to its history, in one write. */
  void putStatus(AlertStatus status, @Nullable AlertEvent event);

  Optional<AlertStatus> getStatus(String projectId, String ruleId);

  /** The statuses of the project's rules that were evaluated at least once, by rule id. */
  List<AlertStatus> listStatuses(String projectId);

  /** A rule's history: newest {@code at} first, then id descending; at most {@code limit}. */
  List<AlertEvent> listEvents(String projectId, String ruleId, int limit);

  /** Appends one delivery attempt to the log. */
  void putDelivery(AlertDelivery delivery);

  /**
   * Delivery attempts, newest {@code at} first, then id descending; at most {@code limit}; only a
   * rule's when {@code ruleId} is given, only a channel's when {@code channelId} is.
   */
  List<AlertDelivery> listDeliveries(
      String projectId, @Nullable String ruleId, @Nullable String channelId, int limit);
}
