package dev.loupe.server.http;

import dev.loupe.query.TraceQueries;
import dev.loupe.query.json.TraceJson;
import dev.loupe.server.auth.Access;

/** {@code GET /api/public/traces} and {@code /traces/{traceId}} (Langfuse shapes). */
public final class TraceRoutes {
  private final TraceQueries traces;

  public TraceRoutes(TraceQueries traces) {
    this.traces = traces;
  }

  public void routing(Routes routes) {
    routes
        .get("/api/public/traces", Access.BASIC, this::list)
        .get("/api/public/traces/{traceId}", Access.BASIC, this::get);
  }

  private void list(Exchange ex) throws Exception {
    ex.json(200, TraceJson.page(traces.search(ex.projectId(), ex.params())));
  }

  private void get(Exchange ex) throws Exception {
    ex.json(200, TraceJson.detail(traces.get(ex.projectId(), ex.path("traceId"))));
  }
}
