package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Alert rules, channels, statuses, history and deliveries by project; one lock for all. */
final class InMemoryAlertStore implements AlertStore {
  private static final Comparator<AlertEvent> EVENTS_NEWEST =
      Comparator.comparing(AlertEvent::at)
          .thenComparing(AlertEvent::id, InMemoryOrder.TEXT)
          .reversed();
  private static final Comparator<AlertDelivery> DELIVERIES_NEWEST =
      Comparator.comparing(AlertDelivery::at)
          .thenComparing(AlertDelivery::id, InMemoryOrder.TEXT)
          .reversed();

  private final Map<List<String>, AlertChannel> channels = new LinkedHashMap<>();
  private final Map<List<String>, AlertRule> rules = new LinkedHashMap<>();
  private final Map<List<String>, AlertStatus> statuses = new LinkedHashMap<>();
  private final List<AlertEvent> events = new ArrayList<>();
  private final List<AlertDelivery> deliveries = new ArrayList<>();

  @Override
  public synchronized void putChannel(AlertChannel channel) {
    channels.put(List.of(channel.projectId(), channel.id()), requireNonNull(channel, "channel"));
  }

  @Override
  public synchronized Optional<AlertChannel> getChannel(String projectId, String id) {
    return Optional.ofNullable(channels.get(key(projectId, id)));
  }

  @Override
  public synchronized List<AlertChannel> listChannels(String projectId) {
    requireNonNull(projectId, "projectId");
    return channels.values().stream()
        .filter(c -> c.projectId().equals(projectId))
        .sorted(
            Comparator.comparing(AlertChannel::name, InMemoryOrder.TEXT)
                .thenComparing(AlertChannel::id, InMemoryOrder.TEXT))
        .toList();
  }

  @Override
  public synchronized boolean deleteChannel(String projectId, String id) {
    return channels.remove(key(projectId, id)) != null;
  }

  @Override
  public synchronized void putRule(AlertRule rule) {
    rules.put(List.of(rule.projectId(), rule.id()), requireNonNull(rule, "rule"));
  }

  @Override
  public synchronized Optional<AlertRule> getRule(String projectId, String id) {
    return Optional.ofNullable(rules.get(key(projectId, id)));
  }

  @Override
  public synchronized List<AlertRule> listRules(String projectId) {
    requireNonNull(projectId, "projectId");
    return rules.values().stream()
        .filter(r -> r.projectId().equals(projectId))
        .sorted(
            Comparator.comparing(AlertRule::name, InMemoryOrder.TEXT)
                .thenComparing(AlertRule::id, InMemoryOrder.TEXT))
        .toList();
  }

  @Override
  public synchronized boolean deleteRule(String projectId, String id) {
    List<String> key = key(projectId, id);
    if (rules.remove(key) == null) return false;
    statuses.remove(key);
    events.removeIf(e -> e.projectId().equals(projectId) && e.ruleId().equals(id));
    deliveries.removeIf(d -> d.projectId().equals(projectId) && id.equals(d.ruleId()));
    return true;
  }

  @Override
  public synchronized void putStatus(AlertStatus status, @Nullable AlertEvent event) {
    requireNonNull(status, "status");
    statuses.put(List.of(status.projectId(), status.ruleId()), status);
    if (event != null) events.add(event);
  }

  @Override
  public synchronized Optional<AlertStatus> getStatus(String projectId, String ruleId) {
    return Optional.ofNullable(statuses.get(key(projectId, ruleId)));
  }

  @Override
  public synchronized List<AlertStatus> listStatuses(String projectId) {
    requireNonNull(projectId, "projectId");
    return statuses.values().stream()
        .filter(s -> s.projectId().equals(projectId))
        .sorted(Comparator.comparing(AlertStatus::ruleId, InMemoryOrder.TEXT))
        .toList();
  }

  @Override
  public synchronized List<AlertEvent> listEvents(String projectId, String ruleId, int limit) {
    key(projectId, ruleId);
    return events.stream()
        .filter(e -> e.projectId().equals(projectId) && e.ruleId().equals(ruleId))
        .sorted(EVENTS_NEWEST)
        .limit(limit(limit))
        .toList();
  }

  @Override
  public synchronized void putDelivery(AlertDelivery delivery) {
    deliveries.add(requireNonNull(delivery, "delivery"));
  }

  @Override
  public synchronized List<AlertDelivery> listDeliveries(
      String projectId, @Nullable String ruleId, @Nullable String channelId, int limit) {
    requireNonNull(projectId, "projectId");
    return deliveries.stream()
        .filter(d -> d.projectId().equals(projectId))
        .filter(d -> ruleId == null || ruleId.equals(d.ruleId()))
        .filter(d -> channelId == null || channelId.equals(d.channelId()))
        .sorted(DELIVERIES_NEWEST)
        .limit(limit(limit))
        .toList();
  }

  private static List<String> key(String projectId, String id) {
    return List.of(requireNonNull(projectId, "projectId"), requireNonNull(id, "id"));
  }

  private static int limit(int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit < 1");
    return limit;
  }

  @Override
  public String toString() {
    return "InMemoryAlertStore{}";
  }
}
