package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * Sign-in through the form in a real browser: a wrong key is refused, the right one lands on
 * traces.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInTest extends BrowserTest {

  @Test
  @Order(1)
  void signedOut_everyPageSendsTheBrowserToTheSignInForm() {
    ui.driver().manage().deleteAllCookies();
    ui.open("signed-out-traces", "/ui/traces");
    assertThat(path()).isEqualTo("/ui/login");
    assertThat(ui.driver().findElements(By.name("publicKey"))).hasSize(1);
    assertThat(ui.driver().findElements(By.name("secretKey"))).hasSize(1);
  }

  @Test
  @Order(2)
  void wrongSecretKey_showsAnErrorAndStaysOnTheForm() {
    ui.driver().manage().deleteAllCookies();
    ui.signIn(UiFixture.PK, "sk-lf-not-the-secret", "login-error");
    assertThat(path()).isEqualTo("/ui/login");
    assertThat(ui.driver().findElement(By.cssSelector("[role=alert]")).getText())
        .contains("Invalid public key or secret key");
    assertThat(ui.driver().manage().getCookieNamed("loupe_session")).isNull();
    // the public key is kept, the secret is not
    assertThat(ui.driver().findElement(By.name("publicKey")).getDomProperty("value"))
        .isEqualTo(UiFixture.PK);
    assertThat(ui.driver().findElement(By.name("secretKey")).getDomProperty("value")).isEmpty();
  }

  @Test
  @Order(3)
  void rightKeys_landOnTheTracesList() {
    ui.driver().manage().deleteAllCookies();
    ui.signIn(UiFixture.PK, UiFixture.SK, "login-ok");
    assertThat(path()).isEqualTo("/ui/traces");
    assertThat(ui.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Traces");
    assertThat(ui.bodyText()).contains("project " + UiFixture.PROJECT);
    // the session cookie is out of reach of page scripts
    assertThat(ui.js("return document.cookie;")).isEqualTo("");
    assertThat(ui.driver().manage().getCookieNamed("loupe_session").isHttpOnly()).isTrue();
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  private String path() {
    return URI.create(ui.driver().getCurrentUrl()).getPath();
  }
}
