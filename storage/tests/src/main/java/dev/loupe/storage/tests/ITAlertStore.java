package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.storage.AlertStore;
import dev.loupe.storage.Storage;
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
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Alert rules, channels, statuses, history and the delivery log: every field round-trips, ids
 * replace, lists keep their order, deleting a rule takes its history along, and nothing is seen
 * from another project.
 */
public abstract class ITAlertStore<S extends Storage> extends ITStorage<S> {

  private AlertStore alerts() {
    return storage.alertStore();
  }

  /** An error-rate rule of model {@code gpt-4o} (two filters, one of them a list). */
  public static AlertRule errorRateRule(String projectId, String id, String name, Instant at) {
    return new AlertRule(
        projectId,
        id,
        name,
        "errors of gpt-4o over 5 minutes",
        new AlertQuery(
            MetricsView.OBSERVATIONS,
            new Metric(Measure.ERRORS, Aggregation.AVG),
            List.of(
                new MetricFilter(
                    Dimension.PROVIDED_MODEL_NAME, FilterOperator.EQ, List.of("gpt-4o")),
                new MetricFilter(
                    Dimension.TYPE, FilterOperator.ANY_OF, List.of("GENERATION", "EMBEDDING")))),
        Comparison.GT,
        0.05,
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        NoDataPolicy.BREACHING,
        List.of("ch-1", "ch-2"),
        true,
        at,
        at.plusSeconds(7));
  }

  /** A p95 latency rule with no filters, no channels, no description, disabled. */
  public static AlertRule latencyRule(String projectId, String id, String name, Instant at) {
    return new AlertRule(
        projectId,
        id,
        name,
        null,
        new AlertQuery(MetricsView.TRACES, new Metric(Measure.LATENCY, Aggregation.P95), List.of()),
        Comparison.GTE,
        2500.5,
        Duration.ofHours(1),
        Duration.ofMinutes(1),
        Duration.ZERO,
        NoDataPolicy.NO_DATA,
        List.of(),
        false,
        at,
        at);
  }

  public static AlertChannel channel(
      String projectId, String id, String name, @Nullable String secret, Instant at) {
    return new AlertChannel(
        projectId,
        id,
        name,
        secret == null ? ChannelKind.SLACK : ChannelKind.WEBHOOK,
        "https://hooks.example.com/" + id,
        secret,
        at,
        at.plusSeconds(1));
  }

  private static AlertEvent event(String projectId, String id, String ruleId, Instant at) {
    return new AlertEvent(
        projectId, id, ruleId, at, AlertState.OK, AlertState.FIRING, 0.25, 0.05, "fired: " + id);
  }

  private static AlertDelivery delivery(
      String projectId, String id, @Nullable String ruleId, String channelId, Instant at) {
    return new AlertDelivery(
        projectId,
        id,
        "n-" + id,
        ruleId,
        channelId,
        ruleId == null ? null : "e-1",
        ruleId == null ? AlertEvent.Notification.TEST : AlertEvent.Notification.FIRING,
        2,
        at,
        id.endsWith("x") ? null : 500,
        "HTTP 500 from receiver",
        137);
  }

  @Test
  protected void rulesAndChannels_roundTripEveryField() {
    AlertRule full = errorRateRule(PROJECT, "r-1", "gpt-4o errors", at(1));
    AlertRule bare = latencyRule(PROJECT, "r-2", "slow traces", at(2));
    AlertChannel signed = channel(PROJECT, "ch-1", "ops webhook", "s3cret", at(1));
    AlertChannel slack = channel(PROJECT, "ch-2", "slack #alerts", null, at(2));
    alerts().putRule(full);
    alerts().putRule(bare);
    alerts().putChannel(signed);
    alerts().putChannel(slack);

    assertThat(alerts().getRule(PROJECT, "r-1")).contains(full);
    assertThat(alerts().getRule(PROJECT, "r-2")).contains(bare);
    assertThat(alerts().getRule(PROJECT, "nope")).isEmpty();
    assertThat(alerts().getChannel(PROJECT, "ch-1")).contains(signed);
    assertThat(alerts().getChannel(PROJECT, "ch-2")).contains(slack);
  }

  @Test
  protected void putRule_sameIdReplaces_andListsGoByNameThenId() {
    alerts().putRule(errorRateRule(PROJECT, "r-b", "beta", at(1)));
    alerts().putRule(errorRateRule(PROJECT, "r-a", "alpha", at(1)));
    alerts().putRule(latencyRule(PROJECT, "r-c", "alpha", at(1)));
    AlertRule renamed = latencyRule(PROJECT, "r-b", "zeta", at(3));
    alerts().putRule(renamed);
    alerts().putChannel(channel(PROJECT, "c-2", "b", null, at(1)));
    alerts().putChannel(channel(PROJECT, "c-1", "b", "k", at(1)));
    alerts().putChannel(channel(PROJECT, "c-3", "a", "k", at(1)));

    assertThat(alerts().listRules(PROJECT).stream().map(AlertRule::id))
        .containsExactly("r-a", "r-c", "r-b");
    assertThat(alerts().getRule(PROJECT, "r-b")).contains(renamed);
    assertThat(alerts().listChannels(PROJECT).stream().map(AlertChannel::id))
        .containsExactly("c-3", "c-1", "c-2");
  }

  @Test
  protected void putStatus_replacesTheStatus_andAppendsTheEventWithIt() {
    alerts().putRule(errorRateRule(PROJECT, "r-1", "errors", at(1)));
    AlertStatus pending =
        new AlertStatus(PROJECT, "r-1", AlertState.PENDING, at(2), at(2), 0.2, at(2), null);
    AlertStatus failed =
        new AlertStatus(
            PROJECT, "r-1", AlertState.ERROR, at(3), at(3), null, null, "storage is closed");
    alerts().putStatus(pending, null);
    assertThat(alerts().getStatus(PROJECT, "r-1")).contains(pending);
    assertThat(alerts().listEvents(PROJECT, "r-1", 10)).isEmpty();

    AlertEvent e = event(PROJECT, "e-1", "r-1", at(3));
    alerts().putStatus(failed, e);

    assertThat(alerts().getStatus(PROJECT, "r-1")).contains(failed);
    assertThat(alerts().listStatuses(PROJECT)).containsExactly(failed);
    assertThat(alerts().listEvents(PROJECT, "r-1", 10)).containsExactly(e);
  }

  @Test
  protected void events_newestFirstThenIdDescending_limited() {
    alerts().putRule(errorRateRule(PROJECT, "r-1", "errors", at(1)));
    AlertStatus s = new AlertStatus(PROJECT, "r-1", AlertState.OK, at(1), at(1), 0.0, null, null);
    alerts().putStatus(s, event(PROJECT, "e-1", "r-1", at(1)));
    alerts().putStatus(s, event(PROJECT, "e-2", "r-1", at(3)));
    alerts().putStatus(s, event(PROJECT, "e-3", "r-1", at(3)));
    alerts().putStatus(s, event(PROJECT, "e-4", "r-1", at(2)));
    alerts().putStatus(s, event(PROJECT, "e-5", "r-other", at(9)));

    assertThat(alerts().listEvents(PROJECT, "r-1", 10).stream().map(AlertEvent::id))
        .containsExactly("e-3", "e-2", "e-4", "e-1");
    assertThat(alerts().listEvents(PROJECT, "r-1", 2).stream().map(AlertEvent::id))
        .containsExactly("e-3", "e-2");
  }

  @Test
  protected void deliveries_roundTrip_filterByRuleOrChannel_newestFirst() {
    AlertDelivery first = delivery(PROJECT, "d-1", "r-1", "ch-1", at(1));
    AlertDelivery noAnswer = delivery(PROJECT, "d-2x", "r-1", "ch-2", at(2));
    AlertDelivery test = delivery(PROJECT, "d-3", null, "ch-1", at(3));
    alerts().putDelivery(first);
    alerts().putDelivery(noAnswer);
    alerts().putDelivery(test);

    assertThat(alerts().listDeliveries(PROJECT, null, null, 10))
        .containsExactly(test, noAnswer, first);
    assertThat(alerts().listDeliveries(PROJECT, "r-1", null, 10)).containsExactly(noAnswer, first);
    assertThat(alerts().listDeliveries(PROJECT, null, "ch-1", 10)).containsExactly(test, first);
    assertThat(alerts().listDeliveries(PROJECT, "r-1", "ch-2", 10)).containsExactly(noAnswer);
    assertThat(alerts().listDeliveries(PROJECT, null, null, 1)).containsExactly(test);
  }

  @Test
  protected void deleteRule_takesItsStatusHistoryAndDeliveries_keepsOthers() {
    alerts().putRule(errorRateRule(PROJECT, "r-1", "errors", at(1)));
    alerts().putRule(errorRateRule(PROJECT, "r-2", "errors too", at(1)));
    AlertStatus s =
        new AlertStatus(PROJECT, "r-1", AlertState.FIRING, at(1), at(1), 1.0, at(1), null);
    alerts().putStatus(s, event(PROJECT, "e-1", "r-1", at(1)));
    alerts()
        .putStatus(
            new AlertStatus(PROJECT, "r-2", AlertState.OK, at(1), at(1), 0.0, null, null),
            event(PROJECT, "e-2", "r-2", at(1)));
    alerts().putDelivery(delivery(PROJECT, "d-1", "r-1", "ch-1", at(1)));
    alerts().putDelivery(delivery(PROJECT, "d-2", "r-2", "ch-1", at(1)));

    assertThat(alerts().deleteRule(PROJECT, "r-1")).isTrue();
    assertThat(alerts().deleteRule(PROJECT, "r-1")).isFalse();

    assertThat(alerts().getRule(PROJECT, "r-1")).isEmpty();
    assertThat(alerts().getStatus(PROJECT, "r-1")).isEmpty();
    assertThat(alerts().listEvents(PROJECT, "r-1", 10)).isEmpty();
    assertThat(alerts().listDeliveries(PROJECT, "r-1", null, 10)).isEmpty();
    assertThat(alerts().listEvents(PROJECT, "r-2", 10)).hasSize(1);
    assertThat(alerts().listDeliveries(PROJECT, null, null, 10)).hasSize(1);
  }

  @Test
  protected void deleteChannel_onlyThatOne() {
    alerts().putChannel(channel(PROJECT, "ch-1", "a", "k", at(1)));
    alerts().putChannel(channel(PROJECT, "ch-2", "b", "k", at(1)));

    assertThat(alerts().deleteChannel(PROJECT, "ch-1")).isTrue();
    assertThat(alerts().deleteChannel(PROJECT, "ch-1")).isFalse();
    assertThat(alerts().listChannels(PROJECT).stream().map(AlertChannel::id))
        .containsExactly("ch-2");
  }

  @Test
  protected void alerts_neverSeenOrChangedFromAnotherProject() {
    alerts().putRule(errorRateRule(PROJECT, "r-1", "mine", at(1)));
    alerts().putRule(latencyRule(OTHER_PROJECT, "r-1", "theirs", at(1)));
    alerts().putChannel(channel(PROJECT, "ch-1", "mine", "my-secret", at(1)));
    alerts().putChannel(channel(OTHER_PROJECT, "ch-1", "theirs", "their-secret", at(1)));
    alerts()
        .putStatus(
            new AlertStatus(PROJECT, "r-1", AlertState.FIRING, at(1), at(1), 1.0, at(1), null),
            event(PROJECT, "e-1", "r-1", at(1)));
    alerts().putDelivery(delivery(PROJECT, "d-1", "r-1", "ch-1", at(1)));

    assertThat(alerts().getRule(OTHER_PROJECT, "r-1").orElseThrow().name()).isEqualTo("theirs");
    assertThat(alerts().getChannel(OTHER_PROJECT, "ch-1").orElseThrow().secret())
        .isEqualTo("their-secret");
    assertThat(alerts().listRules(OTHER_PROJECT)).hasSize(1);
    assertThat(alerts().listChannels(OTHER_PROJECT)).hasSize(1);
    assertThat(alerts().getStatus(OTHER_PROJECT, "r-1")).isEmpty();
    assertThat(alerts().listStatuses(OTHER_PROJECT)).isEmpty();
    assertThat(alerts().listEvents(OTHER_PROJECT, "r-1", 10)).isEmpty();
    assertThat(alerts().listDeliveries(OTHER_PROJECT, null, null, 10)).isEmpty();

    assertThat(alerts().deleteRule(OTHER_PROJECT, "r-1")).isTrue();
    assertThat(alerts().deleteChannel(OTHER_PROJECT, "ch-1")).isTrue();
    assertThat(alerts().getRule(PROJECT, "r-1")).isPresent();
    assertThat(alerts().getChannel(PROJECT, "ch-1")).isPresent();
    assertThat(alerts().listEvents(PROJECT, "r-1", 10)).hasSize(1);
    assertThat(alerts().listDeliveries(PROJECT, "r-1", null, 10)).hasSize(1);
  }
}
