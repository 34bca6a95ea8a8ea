package dev.loupe.server.ui.access;

import dev.loupe.model.Project;
import dev.loupe.query.QueryParams;
import dev.loupe.server.auth.Access;
import dev.loupe.server.auth.AuthenticationException;
import dev.loupe.server.auth.Authenticator;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.UiContext;
import dev.loupe.server.ui.traces.TracePages;
import dev.loupe.storage.ProjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with a project's public + secret key (checked by the same {@link Authenticator} as the
 * API's Basic auth) or with the admin password, which opens the first project and may switch to any
 * other. Success starts a {@link UiSessions} session held in an HttpOnly, SameSite=Strict cookie. A
 * failed attempt answers after a fixed delay, to slow down guessing.
 */
public final class LoginPages {
  public static final String PATH = "/ui/login";
  private static final long FAILURE_DELAY_MILLIS = 400;

  private final Authenticator auth;
  private final ProjectStore projects;
  private final Optional<AdminPassword> admin;
  private final UiSessions sessions;
  private final Pages pages;

  public LoginPages(UiContext ui, UiSessions sessions, Pages pages) {
    this.auth = ui.auth();
    this.projects = ui.projects();
    this.admin = AdminPassword.of(ui.adminPassword());
    this.sessions = sessions;
    this.pages = pages;
  }

  public void form(Exchange ex) throws IOException {
    pages.render(ex, 200, "login.jte", page("", ""));
  }

  public void submit(Exchange ex) throws IOException, InterruptedException {
    QueryParams form = QueryParams.parse(new String(ex.body(), StandardCharsets.UTF_8));
    String password = form.string("adminPassword");
    if (password != null) {
      adminSignIn(ex, password);
      return;
    }
    String publicKey = form.string("publicKey");
    String secretKey = form.string("secretKey");
    if (publicKey == null || secretKey == null) {
      pages.render(ex, 400, "login.jte", page("Enter both the public and the secret key.", ""));
      return;
    }
    String projectId;
    try {
      String credentials = publicKey + ":" + secretKey;
      projectId =
          auth.authenticate(
              Access.BASIC,
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)),
              null);
    } catch (AuthenticationException e) {
      Thread.sleep(FAILURE_DELAY_MILLIS);
      pages.render(ex, 401, "login.jte", page("Invalid public key or secret key.", publicKey));
      return;
    }
    start(ex, sessions.create(projectId));
  }

  private void adminSignIn(Exchange ex, String password) throws IOException, InterruptedException {
    if (admin.isEmpty() || !admin.get().matches(password)) {
      Thread.sleep(FAILURE_DELAY_MILLIS);
      pages.render(ex, 401, "login.jte", page("Invalid admin password.", ""));
      return;
    }
    Optional<Project> first = projects.projects().stream().min(Comparator.comparing(Project::id));
    if (first.isEmpty()) {
      pages.render(ex, 409, "login.jte", page("There is no project yet.", ""));
      return;
    }
    start(ex, sessions.create(first.get().id(), true));
  }

  private static void start(Exchange ex, String session) throws IOException {
    boolean https = "https".equalsIgnoreCase(ex.header("X-Forwarded-Proto"));
    Pages.redirect(ex, TracePages.LIST, Map.of("Set-Cookie", Cookies.set(session, https)));
  }

  public void logout(Exchange ex) throws IOException {
    sessions.end(Cookies.session(ex.header("Cookie")));
    Pages.redirect(ex, PATH, Map.of("Set-Cookie", Cookies.clear()));
  }

  private LoginPage page(String error, String publicKey) {
    return new LoginPage(error, publicKey, admin.isPresent());
  }
}
