package dev.loupe.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertQuery;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertState;
import dev.loupe.storage.alerts.AlertStatus;
import dev.loupe.storage.alerts.Comparison;
import dev.loupe.storage.alerts.NoDataPolicy;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The state machine, evaluation by evaluation, on a fixed timeline. */
class TransitionsTest {
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  private final AtomicInteger ids = new AtomicInteger();

  private static AlertRule rule(Duration forDuration, NoDataPolicy noData) {
    return new AlertRule(
        "p",
        "r",
        "p95 latency",
        null,
        new AlertQuery(
            MetricsView.OBSERVATIONS, new Metric(Measure.LATENCY, Aggregation.P95), List.of()),
        Comparison.GT,
        1000,
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        forDuration,
        noData,
        List.of(),
        true,
        T,
        T);
  }

  private @Nullable AlertStatus status;
  private @Nullable AlertEvent event;

  private AlertState step(AlertRule rule, int second, @Nullable Double value) {
    Instant now = T.plusSeconds(second);
    Evaluation e =
        value == null
            ? Evaluation.noData(now.minus(rule.window()), now)
            : Evaluation.value(now.minus(rule.window()), now, value);
    return apply(rule, e, now);
  }

  private AlertState apply(AlertRule rule, Evaluation e, Instant now) {
    Transitions.Step s = Transitions.next(rule, status, e, now, () -> "e" + ids.incrementAndGet());
    status = s.status();
    event = s.event();
    return status.state();
  }

  @Test
  void breach_isPendingUntilItLastsTheForDuration_thenFires_thenResolves() {
    AlertRule rule = rule(Duration.ofSeconds(60), NoDataPolicy.NO_DATA);

    assertThat(step(rule, 0, 900.0)).isEqualTo(AlertState.OK);
    assertThat(event).as("a rule that begins OK records nothing").isNull();
    assertThat(step(rule, 30, 1500.0)).isEqualTo(AlertState.PENDING);
    assertThat(event.notification()).isNull();
    assertThat(event.message())
        .isEqualTo("p95(latency) = 1500 > 1000 over the last 5m (pending for 1m)");
    assertThat(step(rule, 60, 1200.0)).isEqualTo(AlertState.PENDING);
    assertThat(event).isNull();
    assertThat(step(rule, 90, 1300.0)).isEqualTo(AlertState.FIRING);
    assertThat(event.notification()).isEqualTo(AlertEvent.Notification.FIRING);
    assertThat(event.from()).isEqualTo(AlertState.PENDING);
    assertThat(event.value()).isEqualTo(1300.0);
    assertThat(status.since()).isEqualTo(T.plusSeconds(90));
    assertThat(status.breachingSince()).isEqualTo(T.plusSeconds(30));
    assertThat(step(rule, 120, 5000.0)).isEqualTo(AlertState.FIRING);
    assertThat(status.since()).as("still firing since it began").isEqualTo(T.plusSeconds(90));
    assertThat(step(rule, 150, 1000.0)).isEqualTo(AlertState.OK);
    assertThat(event.notification()).isEqualTo(AlertEvent.Notification.RESOLVED);
    assertThat(event.message()).isEqualTo("p95(latency) = 1000, not > 1000 over the last 5m");
    assertThat(status.breachingSince()).isNull();
  }

  @Test
  void pendingBreachThatStops_neverFires() {
    AlertRule rule = rule(Duration.ofSeconds(60), NoDataPolicy.NO_DATA);
    assertThat(step(rule, 0, 2000.0)).isEqualTo(AlertState.PENDING);
    assertThat(step(rule, 30, 10.0)).isEqualTo(AlertState.OK);
    assertThat(event.notification()).isNull();
    assertThat(step(rule, 60, 2000.0)).isEqualTo(AlertState.PENDING);
    assertThat(status.breachingSince())
        .as("a new breach starts afresh")
        .isEqualTo(T.plusSeconds(60));
  }

  @Test
  void forZero_firesOnTheFirstBreach() {
    assertThat(step(rule(Duration.ZERO, NoDataPolicy.NO_DATA), 0, 1001.0))
        .isEqualTo(AlertState.FIRING);
    assertThat(event.from()).isEqualTo(AlertState.OK);
  }

  @Test
  void noData_followsThePolicy() {
    assertThat(step(rule(Duration.ZERO, NoDataPolicy.NO_DATA), 0, 5000.0))
        .isEqualTo(AlertState.FIRING);
    assertThat(step(rule(Duration.ZERO, NoDataPolicy.NO_DATA), 30, null))
        .isEqualTo(AlertState.NO_DATA);
    assertThat(event.notification())
        .as("firing → no data resolves")
        .isEqualTo(AlertEvent.Notification.RESOLVED);
    assertThat(event.message()).isEqualTo("no data over the last 5m");

    status = null;
    assertThat(step(rule(Duration.ZERO, NoDataPolicy.OK), 0, null)).isEqualTo(AlertState.OK);
    status = null;
    assertThat(step(rule(Duration.ZERO, NoDataPolicy.BREACHING), 0, null))
        .isEqualTo(AlertState.FIRING);
    assertThat(event.message()).isEqualTo("no data over the last 5m, counted as breaching");
  }

  @Test
  void failedQuery_isError_butNeverResolvesAFiringAlert() {
    AlertRule rule = rule(Duration.ZERO, NoDataPolicy.NO_DATA);
    Instant now = T.plusSeconds(10);
    assertThat(apply(rule, Evaluation.failed(now.minusSeconds(300), now, "storage is closed"), now))
        .isEqualTo(AlertState.ERROR);
    assertThat(event.message()).isEqualTo("query failed: storage is closed");
    assertThat(step(rule, 20, 5000.0)).isEqualTo(AlertState.FIRING);
    Instant later = T.plusSeconds(30);
    assertThat(apply(rule, Evaluation.failed(later.minusSeconds(300), later, "down"), later))
        .isEqualTo(AlertState.FIRING);
    assertThat(event).isNull();
    assertThat(status.error()).isEqualTo("down");
  }
}
