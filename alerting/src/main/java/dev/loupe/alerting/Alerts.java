package dev.loupe.alerting;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.AlertStore;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The one way a project's alert rules and channels change: ids and times are given here, a rule may
 * only name the project's own channels, a channel in use cannot be deleted, and a channel's secret
 * is kept unless the change says otherwise. Also the "send a test notification" actions. Every
 * refusal is an {@link IllegalArgumentException} naming the field.
 */
public final class Alerts {
  /** The rule id of a channel's own test notification (no rule). */
  public static final String TEST_RULE_ID = "channel-test";

  private final AlertStore store;
  private final Evaluator evaluator;
  private final Notifier notifier;
  private final Clock clock;

  public Alerts(AlertStore store, Evaluator evaluator, Notifier notifier, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.evaluator = requireNonNull(evaluator, "evaluator");
    this.notifier = requireNonNull(notifier, "notifier");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A rule as a person writes it (no id, no times). */
  public record RuleDraft(
      String name,
      @Nullable String description,
      AlertQuery query,
      Comparison comparison,
      double threshold,
      Duration window,
      Duration interval,
      Duration forDuration,
      NoDataPolicy noData,
      List<String> channelIds,
      boolean enabled) {}

  /**
   * A channel as a person writes it.
   *
   * @param secretGiven whether the change says anything about the secret: when false an update
   *     keeps the stored one; when true {@code secret} replaces it (null: unsigned from now on)
   */
  public record ChannelDraft(
      String name, ChannelKind kind, String url, @Nullable String secret, boolean secretGiven) {}

  public AlertRule createRule(String projectId, RuleDraft d) {
    Instant now = clock.instant();
    AlertRule rule = rule(projectId, UUID.randomUUID().toString(), d, now, now);
    store.putRule(rule);
    return rule;
  }

  /** Replaces a rule's definition; its status and history stay. Empty when unknown. */
  public Optional<AlertRule> updateRule(String projectId, String id, RuleDraft d) {
    Optional<AlertRule> old = store.getRule(projectId, id);
    if (old.isEmpty()) return Optional.empty();
    AlertRule rule = rule(projectId, id, d, old.get().createdAt(), clock.instant());
    store.putRule(rule);
    return Optional.of(rule);
  }

  public boolean deleteRule(String projectId, String id) {
    return store.deleteRule(projectId, id);
  }

  private AlertRule rule(String projectId, String id, RuleDraft d, Instant created, Instant now) {
    AlertRule rule =
        new AlertRule(
            projectId,
            id,
            d.name().strip(),
            d.description() == null || d.description().isBlank() ? null : d.description().strip(),
            d.query(),
            d.comparison(),
            d.threshold(),
            d.window(),
            d.interval(),
            d.forDuration(),
            d.noData(),
            d.channelIds(),
            d.enabled(),
            created,
            now);
    for (int i = 0; i < rule.channelIds().size(); i++) {
      String channelId = rule.channelIds().get(i);
      if (store.getChannel(projectId, channelId).isEmpty())
        throw new IllegalArgumentException(
            "channelIds[" + i + "]: no channel '" + channelId + "' in this project");
    }
    return rule;
  }

  public AlertChannel createChannel(String projectId, ChannelDraft d) {
    Instant now = clock.instant();
    AlertChannel c =
        new AlertChannel(
            projectId,
            UUID.randomUUID().toString(),
            d.name().strip(),
            d.kind(),
            d.url().strip(),
            d.secret(),
            now,
            now);
    store.putChannel(c);
    return c;
  }

  /** Replaces a channel; the secret only when the draft gives one. Empty when unknown. */
  public Optional<AlertChannel> updateChannel(String projectId, String id, ChannelDraft d) {
    Optional<AlertChannel> old = store.getChannel(projectId, id);
    if (old.isEmpty()) return Optional.empty();
    AlertChannel c =
        new AlertChannel(
            projectId,
            id,
            d.name().strip(),
            d.kind(),
            d.url().strip(),
            d.secretGiven() ? d.secret() : old.get().secret(),
            old.get().createdAt(),
            clock.instant());
    store.putChannel(c);
    return Optional.of(c);
  }

  /**
   * Deletes a channel no rule names; false when unknown.
   *
   * @throws IllegalArgumentException naming the first rule that uses it
   */
  public boolean deleteChannel(String projectId, String id) {
    for (AlertRule r : store.listRules(projectId)) {
      if (r.channelIds().contains(id))
        throw new IllegalArgumentException(
            "channelId: channel '"
                + id
                + "' is used by rule '"
                + r.name()
                + "' ("
                + r.id()
                + "); remove it from the rule first");
    }
    return store.deleteChannel(projectId, id);
  }

  /** Sends one TEST notification to a channel now (one attempt, logged). Empty when unknown. */
  public Optional<AlertDelivery> testChannel(String projectId, String channelId) {
    return store
        .getChannel(projectId, channelId)
        .map(
            c -> {
              Instant now = clock.instant();
              AlertRule probe =
                  new AlertRule(
                      projectId,
                      TEST_RULE_ID,
                      "Test notification for channel " + c.name(),
                      "Sent from Loupe to check that this channel receives alerts.",
                      new AlertQuery(
                          dev.loupe.storage.analytics.MetricsView.TRACES,
                          new dev.loupe.storage.analytics.Metric(
                              dev.loupe.storage.analytics.Measure.COUNT,
                              dev.loupe.storage.analytics.Aggregation.COUNT),
                          List.of()),
                      Comparison.GT,
                      0,
                      AlertRule.MIN_WINDOW,
                      AlertRule.MIN_INTERVAL,
                      Duration.ZERO,
                      NoDataPolicy.NO_DATA,
                      List.of(),
                      false,
                      now,
                      now);
              Notice n =
                  new Notice(
                      UUID.randomUUID().toString(),
                      AlertEvent.Notification.TEST,
                      probe,
                      null,
                      AlertState.OK,
                      AlertState.OK,
                      null,
                      now,
                      "Test notification: channel '" + c.name() + "' is reachable.");
              return notifier.deliverOnce(c, n);
            });
  }

  /**
   * Evaluates a rule now, without changing its status, and sends the result as a TEST notification
   * to each of its channels (one attempt each, logged). Empty when unknown.
   */
  public Optional<List<AlertDelivery>> testRule(String projectId, String ruleId) {
    return store
        .getRule(projectId, ruleId)
        .map(
            rule -> {
              Instant now = clock.instant();
              Evaluation e = evaluator.evaluate(rule, now);
              AlertStatus current = store.getStatus(projectId, ruleId).orElse(null);
              AlertState state = current == null ? AlertState.OK : current.state();
              Notice n =
                  new Notice(
                      UUID.randomUUID().toString(),
                      AlertEvent.Notification.TEST,
                      rule,
                      null,
                      state,
                      state,
                      e.value(),
                      now,
                      "Test: " + Transitions.message(rule, e, state));
              List<AlertDelivery> out = new ArrayList<>();
              for (String id : rule.channelIds()) {
                store.getChannel(projectId, id).ifPresent(c -> out.add(notifier.deliverOnce(c, n)));
              }
              return out;
            });
  }

  @Override
  public String toString() {
    return "Alerts{" + store + "}";
  }
}
