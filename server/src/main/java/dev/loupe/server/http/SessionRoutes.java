package dev.loupe.server.http;

import dev.loupe.query.SessionQueries;
import dev.loupe.query.json.SessionJson;
import dev.loupe.server.auth.Access;

/** {@code GET /api/public/sessions} and {@code /sessions/{sessionId}} (Langfuse shapes). */
public final class SessionRoutes {
  private final SessionQueries sessions;

  public SessionRoutes(SessionQueries sessions) {
    this.sessions = sessions;
  }

  public void routing(Routes routes) {
    routes
        .get("/api/public/sessions", Access.BASIC, this::list)
        .get("/api/public/sessions/{sessionId}", Access.BASIC, this::get);
  }

  private void list(Exchange ex) throws Exception {
    ex.json(200, SessionJson.page(sessions.search(ex.projectId(), ex.params())));
  }

  private void get(Exchange ex) throws Exception {
    ex.json(200, SessionJson.detail(sessions.get(ex.projectId(), ex.path("sessionId"))));
  }
}
