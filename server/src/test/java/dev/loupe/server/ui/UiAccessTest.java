package dev.loupe.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.InitProject;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ui.access.LoginPages;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may use the UI: the admin password (from the environment), key-pair sessions that cannot
 * switch projects, form posts from other sites refused, and the UI's own error pages.
 */
class UiAccessTest {
  private static final String ADMIN_PASSWORD = "correct horse battery";
  private static final String PK = "pk-lf-access";
  private static final String SK = "sk-lf-access";

  @RegisterExtension
  final UiClient ui =
      UiTestServer.memory(InitProject.of("access-a", PK, SK, "lma_access_a"))
          .withAdminPassword(ADMIN_PASSWORD)
          .withProject("access-b")
          .client();

  @Test
  void admin_wrongPasswordIs401AndRightOneOpensTheFirstProject() throws Exception {
    HttpResponse<String> wrong =
        ui.postForm(LoginPages.PATH, Map.of("adminPassword", "correct horse"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(wrong.body()).contains("Invalid admin password");

    String cookie =
        UiClient.cookieOf(ui.postForm(LoginPages.PATH, Map.of("adminPassword", ADMIN_PASSWORD)));

    assertThat(ui.get("/ui/traces", cookie).body()).contains("project access-a");
  }

  @Test
  void admin_listsEveryProjectAndSwitches() throws Exception {
    String cookie =
        UiClient.cookieOf(ui.postForm(LoginPages.PATH, Map.of("adminPassword", ADMIN_PASSWORD)));
    assertThat(ui.get("/ui/projects", cookie).body())
        .contains("data-project-id=\"access-a\"")
        .contains("data-project-id=\"access-b\"");

    HttpResponse<String> open =
        ui.postForm("/ui/projects/access-b/open", Map.of(), "Cookie", cookie);

    assertThat(open.statusCode()).isEqualTo(303);
    // sessions are signed tokens: the switch answers with the token for the other project
    String switched =
        "loupe_session="
            + UiClient.cookieValue(open.headers().firstValue("Set-Cookie").orElseThrow());
    assertThat(ui.get("/ui/traces", switched).body()).contains("project access-b");
  }

  @Test
  void keyPairSession_seesOnlyItsProjectAndCannotSwitch() throws Exception {
    String cookie = ui.signIn(PK, SK);
    assertThat(ui.get("/ui/projects", cookie).body())
        .contains("data-project-id=\"access-a\"")
        .doesNotContain("access-b");

    HttpResponse<String> open =
        ui.postForm("/ui/projects/access-b/open", Map.of(), "Cookie", cookie);

    assertThat(open.statusCode()).isEqualTo(404);
    assertThat(ui.get("/ui/traces", cookie).body()).contains("project access-a");
  }

  @Test
  void adminForm_isShownOnlyWhenAPasswordIsConfigured() throws Exception {
    assertThat(ui.get(LoginPages.PATH, null).body()).contains("name=\"adminPassword\"");
    try (LoupeServer plain = UiTestServer.memory().start();
        UiClient other = new UiClient(plain)) {
      assertThat(other.get(LoginPages.PATH, null).body()).doesNotContain("adminPassword");
      assertThat(
              other
                  .postForm(LoginPages.PATH, Map.of("adminPassword", "anything-at-all"))
                  .statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void formPost_fromAnotherSiteIsRefused() throws Exception {
    HttpResponse<String> crossSite =
        ui.postForm(
            LoginPages.PATH,
            Map.of("publicKey", PK, "secretKey", SK),
            "Sec-Fetch-Site",
            "cross-site");
    HttpResponse<String> foreignOrigin =
        ui.postForm(
            LoginPages.PATH,
            Map.of("publicKey", PK, "secretKey", SK),
            "Origin",
            "https://evil.test");

    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(foreignOrigin.statusCode()).isEqualTo(403);
    assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
    HttpResponse<String> ownOrigin =
        ui.postForm(
            LoginPages.PATH,
            Map.of("publicKey", PK, "secretKey", SK),
            "Origin",
            "http://127.0.0.1:" + ui.server().port());
    assertThat(ownOrigin.statusCode()).isEqualTo(303);
  }

  @Test
  void unknownUiPath_isAnHtmlPageWithTheSecurityHeaders() throws Exception {
    String cookie = ui.signIn(PK, SK);

    HttpResponse<String> r = ui.get("/ui/no/such/page", cookie);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(r.body()).contains("There is no page at /ui/no/such/page");
  }

  @Test
  void sessionCookie_isSecureBehindAnHttpsProxyOnly() throws Exception {
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    keys.put("publicKey", PK);
    keys.put("secretKey", SK);

    String plain =
        ui.postForm(LoginPages.PATH, keys).headers().firstValue("Set-Cookie").orElseThrow();
    String proxied =
        ui.postForm(LoginPages.PATH, keys, "X-Forwarded-Proto", "https")
            .headers()
            .firstValue("Set-Cookie")
            .orElseThrow();

    assertThat(plain).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
    assertThat(proxied).contains("HttpOnly").contains("SameSite=Strict").endsWith("; Secure");
  }

  @Test
  void staticAssets_everyListedFileIsServedWithoutSignIn() throws Exception {
    for (String name : StaticFiles.names()) {
      HttpResponse<String> r = ui.get("/ui/static/" + name, null);
      assertThat(r.statusCode()).as(name).isEqualTo(200);
      assertThat(r.body()).as(name).isNotBlank();
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }
    assertThat(ui.get("/ui/static/../pom.xml", null).statusCode()).isEqualTo(404);
  }

  @Test
  void liveRefreshWithoutSession_sendsTheBrowserToSignInWhole() throws Exception {
    HttpResponse<String> r =
        ui.send(
            java.net.http.HttpRequest.newBuilder(ui.uri("/ui/traces-rows"))
                .header("HX-Request", "true")
                .GET()
                .build());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("HX-Redirect")).contains(LoginPages.PATH);
    assertThat(r.body()).isEmpty();
  }
}
