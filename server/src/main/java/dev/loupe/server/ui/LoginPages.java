package dev.loupe.server.ui;

import dev.loupe.query.QueryParams;
import dev.loupe.server.auth.Access;
import dev.loupe.server.auth.AuthenticationException;
import dev.loupe.server.auth.Authenticator;
import dev.loupe.server.http.Exchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Sign-in with a project's public + secret key, checked by the same {@link Authenticator} as the
 * API's Basic auth; success starts a {@link UiSessions} session held in an HttpOnly,
 * SameSite=Strict cookie.
 */
final class LoginPages {
  static final String PATH = "/ui/login";

  private final Authenticator auth;
  private final UiSessions sessions;
  private final Pages pages;

  LoginPages(UiContext ui, UiSessions sessions, Pages pages) {
    this.auth = ui.auth();
    this.sessions = sessions;
    this.pages = pages;
  }

  void form(Exchange ex) throws IOException {
    pages.render(ex, 200, "login.jte", new LoginPage("", ""));
  }

  void submit(Exchange ex) throws IOException {
    QueryParams form = QueryParams.parse(new String(ex.body(), StandardCharsets.UTF_8));
    String publicKey = form.string("publicKey");
    String secretKey = form.string("secretKey");
    if (publicKey == null || secretKey == null) {
      pages.render(
          ex, 400, "login.jte", new LoginPage("Enter both the public and the secret key.", ""));
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
      pages.render(
          ex, 401, "login.jte", new LoginPage("Invalid public key or secret key.", publicKey));
      return;
    }
    String session = sessions.create(projectId);
    Pages.redirect(ex, TracePages.LIST, Map.of("Set-Cookie", Cookies.set(session)));
  }

  void logout(Exchange ex) throws IOException {
    sessions.end(Cookies.session(ex.header("Cookie")));
    Pages.redirect(ex, PATH, Map.of("Set-Cookie", Cookies.clear()));
  }
}
