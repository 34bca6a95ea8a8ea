package dev.loupe.alerting;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.alerts.AlertQuery;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.analytics.MetricsRow;
import java.time.Instant;
import java.util.List;

/**
 * Runs a rule's query over its window ending now, through the same analytics store the metrics API
 * answers from, so an alert's value is the value {@code GET /api/public/metrics} gives for the same
 * query and window. A count, distinct count or sum over no records is 0; any other aggregation over
 * no records is no data.
 */
public final class Evaluator {
  private final AnalyticsStore analytics;

  public Evaluator(AnalyticsStore analytics) {
    this.analytics = requireNonNull(analytics, "analytics");
  }

  /** The rule's value over {@code [now - window, now)}; never throws (a failure is data). */
  public Evaluation evaluate(AlertRule rule, Instant now) {
    Instant from = now.minus(rule.window());
    AlertQuery q = rule.query();
    try {
      List<MetricsRow> rows = analytics.query(q.over(rule.projectId(), from, now));
      Object v = rows.isEmpty() ? null : rows.getFirst().values().get(q.metric().alias());
      if (v instanceof Number n) return Evaluation.value(from, now, n.doubleValue());
      return q.zeroWhenEmpty() ? Evaluation.value(from, now, 0) : Evaluation.noData(from, now);
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Evaluation.failed(from, now, why);
    }
  }

  @Override
  public String toString() {
    return "Evaluator{" + analytics + "}";
  }
}
