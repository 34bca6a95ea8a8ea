package dev.loupe.server.ui;

import dev.loupe.query.NotFoundException;
import dev.loupe.server.auth.Access;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.http.Handler;
import dev.loupe.server.http.Routes;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI under {@code /ui}. Routes are open to the HTTP layer ({@link Access#NONE}); this class
 * requires a signed-in session for every page but the sign-in form and redirects to it otherwise.
 * Every answer carries the Content-Security-Policy and nosniff headers ({@link Pages}).
 */
public final class UiRoutes {
  private final UiSessions sessions;
  private final Pages pages = new Pages();
  private final LoginPages login;
  private final TracePages tracePages;
  private final TraceDetailPages traceDetail;
  private final SessionPages sessionPages;
  private final UserPages userPages;
  private final DashboardPages dashboard;
  private final ModelPages models;

  public UiRoutes(UiContext ui) {
    this.sessions = new UiSessions(ui.clock());
    this.login = new LoginPages(ui, sessions, pages);
    this.tracePages = new TracePages(ui, pages);
    this.traceDetail = new TraceDetailPages(ui, pages);
    this.sessionPages = new SessionPages(ui, pages);
    this.userPages = new UserPages(ui, pages);
    this.dashboard = new DashboardPages(ui, pages);
    this.models = new ModelPages(ui, pages);
  }

  public void routing(Routes routes) {
    routes
        .get("/ui", Access.NONE, signedIn((ex, p) -> Pages.redirect(ex, TracePages.LIST, Map.of())))
        .get(LoginPages.PATH, Access.NONE, login::form)
        .post(LoginPages.PATH, Access.NONE, login::submit)
        .post("/ui/logout", Access.NONE, login::logout)
        .get(TracePages.LIST, Access.NONE, signedIn(tracePages::list))
        .get(TracePages.ROWS, Access.NONE, signedIn(tracePages::rows))
        .get(TracePages.LIST + "/{traceId}", Access.NONE, signedIn(traceDetail::detail))
        .get(
            TracePages.LIST + "/{traceId}/observations/{observationId}",
            Access.NONE,
            signedIn(traceDetail::observation))
        .get(SessionPages.LIST, Access.NONE, signedIn(sessionPages::list))
        .get(SessionPages.LIST + "/{sessionId}", Access.NONE, signedIn(sessionPages::detail))
        .get(UserPages.LIST, Access.NONE, signedIn(userPages::list))
        .get(DashboardPages.PATH, Access.NONE, signedIn(dashboard::page))
        .get(ModelPages.PATH, Access.NONE, signedIn(models::page))
        .get("/ui/static/{file}", Access.NONE, StaticFiles::serve);
  }

  /** A page of the signed-in project. */
  @FunctionalInterface
  interface ProjectPage {
    void handle(Exchange ex, String projectId) throws Exception;
  }

  private Handler signedIn(ProjectPage page) {
    return ex -> {
      Optional<String> projectId = sessions.projectId(Cookies.session(ex.header("Cookie")));
      if (projectId.isEmpty()) {
        Pages.redirect(ex, LoginPages.PATH, Map.of());
        return;
      }
      try {
        page.handle(ex, projectId.get());
      } catch (NotFoundException e) {
        notFound(ex, e.getMessage());
      }
    };
  }

  private void notFound(Exchange ex, String message) throws IOException {
    pages.render(ex, 404, "notFound.jte", new NotFoundPage(message));
  }
}
