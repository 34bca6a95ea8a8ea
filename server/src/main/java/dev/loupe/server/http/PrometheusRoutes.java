package dev.loupe.server.http;

import static java.util.Objects.requireNonNull;

import dev.loupe.server.auth.Access;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the server's meters in the Prometheus text format (version 0.0.4). Open, as
 * scrapers expect; where it answers (the main port, a port of its own, nowhere) is configured, so
 * that it can be kept where only the scraper reaches.
 */
public final class PrometheusRoutes {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Supplier<String> scrape;

  /**
   * @param scrape the meters as Prometheus text, read anew on every request
   */
  public PrometheusRoutes(Supplier<String> scrape) {
    this.scrape = requireNonNull(scrape, "scrape");
  }

  public void routing(Routes routes) {
    routes.get("/metrics", Access.NONE, this::scrape);
  }

  private void scrape(Exchange ex) throws IOException {
    ex.send(200, CONTENT_TYPE, scrape.get().getBytes(StandardCharsets.UTF_8));
  }
}
