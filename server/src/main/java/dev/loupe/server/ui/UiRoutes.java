package dev.loupe.server.ui;

import dev.loupe.query.NotFoundException;
import dev.loupe.query.TraceQueries;
import dev.loupe.server.auth.Access;
import dev.loupe.server.auth.Authenticator;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.http.Handler;
import dev.loupe.server.http.Routes;
import java.io.IOException;
import java.time.Clock;
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

  public UiRoutes(TraceQueries traces, Authenticator auth, Clock clock) {
    this.sessions = new UiSessions(clock);
    this.login = new LoginPages(auth, sessions, pages);
    this.tracePages = new TracePages(traces, pages);
  }

  public void routing(Routes routes) {
    routes
        .get("/ui", Access.NONE, signedIn((ex, p) -> Pages.redirect(ex, TracePages.LIST, Map.of())))
        .get(LoginPages.PATH, Access.NONE, login::form)
        .post(LoginPages.PATH, Access.NONE, login::submit)
        .post("/ui/logout", Access.NONE, login::logout)
        .get(TracePages.LIST, Access.NONE, signedIn(tracePages::list))
        .get(TracePages.LIST + "/{traceId}", Access.NONE, signedIn(tracePages::detail))
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
