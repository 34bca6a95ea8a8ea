package dev.loupe.server.http;

import dev.loupe.query.ObservationQueries;
import dev.loupe.query.json.ObservationJson;
import dev.loupe.server.auth.Access;

/**
 * {@code GET /api/public/observations} and {@code /observations/{observationId}} (Langfuse shapes).
 */
public final class ObservationRoutes {
  private final ObservationQueries observations;

  public ObservationRoutes(ObservationQueries observations) {
    this.observations = observations;
  }

  public void routing(Routes routes) {
    routes
        .get("/api/public/observations", Access.BASIC, this::list)
        .get("/api/public/observations/{observationId}", Access.BASIC, this::get);
  }

  private void list(Exchange ex) throws Exception {
    ex.json(200, ObservationJson.page(observations.search(ex.projectId(), ex.params())));
  }

  private void get(Exchange ex) throws Exception {
    ex.json(200, ObservationJson.one(observations.get(ex.projectId(), ex.path("observationId"))));
  }
}
