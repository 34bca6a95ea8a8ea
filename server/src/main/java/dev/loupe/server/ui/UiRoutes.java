package dev.loupe.server.ui;

import dev.loupe.query.NotFoundException;
import dev.loupe.server.auth.Access;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.http.Handler;
import dev.loupe.server.http.Routes;
import dev.loupe.server.ui.access.Cookies;
import dev.loupe.server.ui.access.LoginPages;
import dev.loupe.server.ui.access.ProjectPages;
import dev.loupe.server.ui.access.SameOrigin;
import dev.loupe.server.ui.access.UiSessions;
import dev.loupe.server.ui.alerts.AlertPages;
import dev.loupe.server.ui.analytics.DashboardPages;
import dev.loupe.server.ui.analytics.ModelPages;
import dev.loupe.server.ui.evaluation.EvaluationPages;
import dev.loupe.server.ui.observations.ObservationPages;
import dev.loupe.server.ui.people.SessionPages;
import dev.loupe.server.ui.people.UserPages;
import dev.loupe.server.ui.scores.AnnotationPages;
import dev.loupe.server.ui.traces.TraceDetailPages;
import dev.loupe.server.ui.traces.TraceFiles;
import dev.loupe.server.ui.traces.TracePages;
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
  private final ObservationPages observationPages;
  private final SuggestionPages suggestions;
  private final TraceDetailPages traceDetail;
  private final TraceFiles traceFiles;
  private final SessionPages sessionPages;
  private final AnnotationPages annotations;
  private final AlertPages alerts;
  private final EvaluationPages evaluations;
  private final UserPages userPages;
  private final DashboardPages dashboard;
  private final ModelPages models;
  private final ProjectPages projectPages;

  /**
   * @param sessions signs and checks the session cookies (with a key every node of the store
   *     shares)
   */
  public UiRoutes(UiContext ui, UiSessions sessions) {
    this.sessions = sessions;
    this.login = new LoginPages(ui, sessions, pages);
    this.tracePages = new TracePages(ui, pages);
    this.observationPages = new ObservationPages(ui, pages);
    this.suggestions = new SuggestionPages(ui, pages);
    this.traceDetail = new TraceDetailPages(ui, pages);
    this.traceFiles = new TraceFiles(ui);
    this.sessionPages = new SessionPages(ui, pages);
    this.annotations = ui.annotations();
    this.alerts = ui.alerts();
    this.evaluations = ui.evaluations();
    this.userPages = new UserPages(ui, pages);
    this.dashboard = new DashboardPages(ui, pages);
    this.models = new ModelPages(ui, pages);
    this.projectPages = new ProjectPages(ui, sessions, pages);
  }

  public void routing(Routes routes) {
    routes
        .get("/ui", Access.NONE, signedIn((ex, p) -> Pages.redirect(ex, TracePages.LIST, Map.of())))
        // the htmlPath of a trace in the Langfuse-shaped API: on to the trace page (which checks
        // the session: the cookie is scoped to /ui)
        .get(
            "/project/{projectId}/traces/{traceId}",
            Access.NONE,
            ex ->
                Pages.redirect(
                    ex, TracePages.LIST + "/" + Formats.pathSegment(ex.path("traceId")), Map.of()))
        .get(LoginPages.PATH, Access.NONE, login::form)
        .post(LoginPages.PATH, Access.NONE, sameOrigin(login::submit))
        .post("/ui/logout", Access.NONE, sameOrigin(login::logout))
        .get(ProjectPages.LIST, Access.NONE, signedInAs(projectPages::list))
        .post(
            ProjectPages.LIST + "/{projectId}/open",
            Access.NONE,
            sameOrigin(signedInAs(projectPages::open)))
        .get(TracePages.LIST, Access.NONE, signedIn(tracePages::list))
        .get(TracePages.ROWS, Access.NONE, signedIn(tracePages::rows))
        .get(TracePages.CHECK, Access.NONE, signedIn(tracePages::check))
        .get(TracePages.EXPORT, Access.NONE, signedIn(tracePages::export))
        .get(ObservationPages.LIST, Access.NONE, signedIn(observationPages::list))
        .get(ObservationPages.EXPORT, Access.NONE, signedIn(observationPages::export))
        .get(SuggestionPages.PATH + "/{field}", Access.NONE, signedIn(suggestions::options))
        .get(TracePages.LIST + "/{traceId}", Access.NONE, signedIn(traceDetail::detail))
        .get(
            TracePages.LIST + "/{traceId}/observations/{observationId}",
            Access.NONE,
            signedIn(traceDetail::observation))
        .get(
            TracePages.LIST + "/{traceId}/observations/{observationId}/raw",
            Access.NONE,
            signedIn(traceFiles::rawObservation))
        .get(
            TracePages.LIST + "/{traceId}/observations/{observationId}/media/{io}/{n}",
            Access.NONE,
            signedIn(traceFiles::observationMedia))
        .get(TracePages.LIST + "/{traceId}/raw", Access.NONE, signedIn(traceFiles::rawTrace))
        .get(
            TracePages.LIST + "/{traceId}/media/{io}/{n}",
            Access.NONE,
            signedIn(traceFiles::traceMedia))
        .get(TracePages.LIST + "/{traceId}/find", Access.NONE, signedIn(traceFiles::find))
        .post(AnnotationPages.PATH, Access.NONE, sameOrigin(signedIn(annotations::submit)))
        .get(
            EvaluationPages.PATH,
            Access.NONE,
            signedIn((ex, projectId) -> evaluations.page(ex, projectId, pages)))
        .post(
            EvaluationPages.PATH + "/connections",
            Access.NONE,
            sameOrigin(signedIn(evaluations::createConnection)))
        .post(
            EvaluationPages.PATH + "/rules",
            Access.NONE,
            sameOrigin(signedIn(evaluations::saveRule)))
        .post(
            EvaluationPages.PATH + "/rules/{ruleId}/toggle",
            Access.NONE,
            sameOrigin(signedIn(evaluations::toggle)))
        .post(
            EvaluationPages.PATH + "/rules/{ruleId}/rerun",
            Access.NONE,
            sameOrigin(signedIn(evaluations::rerun)))
        .get(SessionPages.LIST, Access.NONE, signedIn(sessionPages::list))
        .get(SessionPages.LIST + "/{sessionId}", Access.NONE, signedIn(sessionPages::detail))
        .get(UserPages.LIST, Access.NONE, signedIn(userPages::list))
        .get(DashboardPages.PATH, Access.NONE, signedIn(dashboard::page))
        .get(ModelPages.PATH, Access.NONE, signedIn(models::page))
        .get(AlertPages.LIST, Access.NONE, signedIn((ex, p) -> alerts.list(ex, p, pages)))
        .post(AlertPages.LIST, Access.NONE, sameOrigin(signedIn(alerts::create)))
        .get(
            AlertPages.LIST + "/new",
            Access.NONE,
            signedIn((ex, p) -> alerts.newRule(ex, p, pages)))
        .post(
            AlertPages.LIST + "/channels", Access.NONE, sameOrigin(signedIn(alerts::createChannel)))
        .get(
            AlertPages.LIST + "/{ruleId}",
            Access.NONE,
            signedIn((ex, p) -> alerts.detail(ex, p, pages)))
        .post(AlertPages.LIST + "/{ruleId}", Access.NONE, sameOrigin(signedIn(alerts::update)))
        .post(
            AlertPages.LIST + "/{ruleId}/delete", Access.NONE, sameOrigin(signedIn(alerts::delete)))
        .post(AlertPages.LIST + "/{ruleId}/test", Access.NONE, sameOrigin(signedIn(alerts::test)))
        .get("/ui/static/{file}", Access.NONE, StaticFiles::serve)
        .fallback("/ui", Access.NONE, ex -> notFound(ex, "There is no page at " + ex.rawPath()));
  }

  /** A page of the signed-in project. */
  @FunctionalInterface
  interface ProjectPage {
    void handle(Exchange ex, String projectId) throws Exception;
  }

  /** A page that needs to know how the session signed in. */
  @FunctionalInterface
  interface SessionPage {
    void handle(Exchange ex, UiSessions.SignedIn who) throws Exception;
  }

  private Handler signedIn(ProjectPage page) {
    return signedInAs((ex, who) -> page.handle(ex, who.projectId()));
  }

  /**
   * Runs the page for a live session, else redirects to sign-in. Not-found and bad-parameter errors
   * become the UI's own error pages (HTML, with the security headers).
   */
  private Handler signedInAs(SessionPage page) {
    return ex -> {
      Optional<UiSessions.SignedIn> who = sessions.signedIn(Cookies.session(ex.header("Cookie")));
      if (who.isEmpty()) {
        if ("true".equals(ex.header("HX-Request"))) {
          // a live refresh of a page whose session ended: the browser would follow a 303 and
          // swap the sign-in page into the rows; htmx instead loads the sign-in page whole
          Pages.send(ex, 401, Pages.HTML, new byte[0], Map.of("HX-Redirect", LoginPages.PATH));
          return;
        }
        Pages.redirect(ex, LoginPages.PATH, Map.of());
        return;
      }
      try {
        page.handle(ex, who.get());
      } catch (NotFoundException e) {
        notFound(ex, e.getMessage());
      } catch (IllegalArgumentException e) {
        pages.render(ex, 400, "problem.jte", new ProblemPage("Bad request", e.getMessage()));
      }
    };
  }

  /**
   * Refuses a form post sent from another site (login CSRF, forced sign-out): the browser's {@code
   * Sec-Fetch-Site} or {@code Origin} must name this server. Non-browser clients send neither and
   * pass.
   */
  private Handler sameOrigin(Handler handler) {
    return ex -> {
      if (SameOrigin.allows(ex.header("Sec-Fetch-Site"), ex.header("Origin"), ex.header("Host")))
        handler.handle(ex);
      else
        pages.render(
            ex,
            403,
            "problem.jte",
            new ProblemPage("Forbidden", "This form can only be sent from Loupe's own pages."));
    };
  }

  private void notFound(Exchange ex, String message) throws IOException {
    pages.render(ex, 404, "notFound.jte", new NotFoundPage(message));
  }
}
