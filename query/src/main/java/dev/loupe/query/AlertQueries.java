package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.AlertStore;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads of the alert API and the Alerts page, always within the caller's project: rules with their
 * current status, a rule's history and deliveries, channels and the delivery log. {@code limit} is
 * 1–500, default 50.
 */
public final class AlertQueries {
  private final AlertStore store;

  public AlertQueries(AlertStore store) {
    this.store = requireNonNull(store, "store");
  }

  /** A rule and its status (null before its first evaluation). */
  public record RuleView(AlertRule rule, @Nullable AlertStatus status) {}

  public List<RuleView> rules(String projectId) {
    Map<String, AlertStatus> statuses = new HashMap<>();
    for (AlertStatus s : store.listStatuses(projectId)) statuses.put(s.ruleId(), s);
    return store.listRules(projectId).stream()
        .map(r -> new RuleView(r, statuses.get(r.id())))
        .toList();
  }

  /**
   * @throws NotFoundException when the project has no such rule
   */
  public RuleView rule(String projectId, String id) {
    AlertRule rule =
        store.getRule(projectId, id).orElseThrow(() -> new NotFoundException("alert rule", id));
    return new RuleView(rule, store.getStatus(projectId, id).orElse(null));
  }

  public List<AlertEvent> history(String projectId, String ruleId, QueryParams params) {
    rule(projectId, ruleId);
    return store.listEvents(projectId, ruleId, limit(params));
  }

  public List<AlertDelivery> deliveries(
      String projectId, @Nullable String ruleId, @Nullable String channelId, QueryParams params) {
    if (ruleId != null) rule(projectId, ruleId);
    return store.listDeliveries(projectId, ruleId, channelId, limit(params));
  }

  public List<AlertChannel> channels(String projectId) {
    return store.listChannels(projectId);
  }

  /**
   * @throws NotFoundException when the project has no such channel
   */
  public AlertChannel channel(String projectId, String id) {
    return store
        .getChannel(projectId, id)
        .orElseThrow(() -> new NotFoundException("alert channel", id));
  }

  public Optional<AlertChannel> findChannel(String projectId, String id) {
    return store.getChannel(projectId, id);
  }

  private static int limit(QueryParams params) {
    return params.integer("limit", 50, 1, 500);
  }

  @Override
  public String toString() {
    return "AlertQueries{" + store + "}";
  }
}
