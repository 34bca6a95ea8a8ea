package dev.loupe.server.http;

import dev.loupe.query.DailyMetrics;
import dev.loupe.query.MetricsQueries;
import dev.loupe.query.json.MetricsJson;
import dev.loupe.server.auth.Access;
import java.io.IOException;

/**
 * {@code GET /api/public/metrics} (and {@code /v2/metrics}): the Langfuse metrics query; {@code GET
 * /api/public/metrics/daily}: per-day traces, observations, cost and usage by model.
 */
public final class MetricsRoutes {
  private final MetricsQueries metrics;
  private final DailyMetrics daily;

  public MetricsRoutes(MetricsQueries metrics, DailyMetrics daily) {
    this.metrics = metrics;
    this.daily = daily;
  }

  public void routing(Routes routes) {
    routes
        .get("/api/public/metrics", Access.BASIC, this::query)
        .get("/api/public/v2/metrics", Access.BASIC, this::query)
        .get("/api/public/metrics/daily", Access.BASIC, this::daily);
  }

  private void query(Exchange ex) throws IOException {
    ex.json(200, MetricsJson.rows(metrics.query(ex.projectId(), ex.params())));
  }

  private void daily(Exchange ex) throws IOException {
    ex.json(200, MetricsJson.daily(daily.page(ex.projectId(), ex.params())));
  }
}
