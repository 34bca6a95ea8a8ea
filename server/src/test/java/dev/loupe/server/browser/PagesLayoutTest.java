package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every page at 1280×800 and 390×844: nothing wider than the viewport (the phone's navigation
 * collapses behind a menu button that still reaches Sign out), no CSP report, a screenshot each
 * ({@code page-<name>-<width>.png}).
 */
class PagesLayoutTest extends BrowserTest {

  @AfterEach
  void laptopAgain() {
    ui.defaultViewport();
  }

  private Map<String, String> pages() {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("traces", "/ui/traces");
    pages.put("traces-7d", "/ui/traces?range=7d&sort=cost");
    pages.put("trace", "/ui/traces/" + ui.seedTraceId);
    pages.put("observations", "/ui/observations");
    pages.put("sessions", "/ui/sessions");
    pages.put("session", "/ui/sessions/sess-05");
    pages.put("users", "/ui/users");
    pages.put("dashboard", "/ui/dashboard?range=7d");
    pages.put("models", "/ui/models");
    pages.put("models-lookup", "/ui/models?model=gpt-4o");
    pages.put("not-found", "/ui/nothing-here");
    return pages;
  }

  @Test
  void everyPage_fitsTheViewportAtBothSizes() {
    for (UiFixture.Viewport size : List.of(UiFixture.LAPTOP, UiFixture.PHONE)) {
      ui.viewport(size);
      for (Map.Entry<String, String> page : pages().entrySet()) {
        ui.open("page-" + page.getKey() + "-" + size.name(), page.getValue());
        Object over =
            ui.js(
                "return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth;");
        assertThat(((Number) over).longValue())
            .as(page.getKey() + " at " + size.name() + " px is wider than the viewport")
            .isLessThanOrEqualTo(0);
        // the table scrolls in its own box rather than wrap a name a few letters a line: the
        // first name is drawn at least 100 px wide, or whole on one line when it is shorter
        Object name =
            ui.js(
                "const a = document.querySelector('table.traces td.name a');"
                    + " if (!a) return null;"
                    + " const drawn = a.getBoundingClientRect().width;"
                    + " a.style.whiteSpace = 'nowrap';"
                    + " const whole = a.getBoundingClientRect().width;"
                    + " a.style.whiteSpace = '';"
                    + " return [drawn, whole];");
        if (name instanceof List<?> widths) {
          double drawn = ((Number) widths.get(0)).doubleValue();
          double whole = ((Number) widths.get(1)).doubleValue();
          assertThat(drawn)
              .as(
                  page.getKey()
                      + " at "
                      + size.name()
                      + ": the first name's width (whole "
                      + whole
                      + ")")
              .isGreaterThanOrEqualTo(Math.min(whole, 100) - 1);
        }
      }
      assertThat(ui.takeCspViolations()).isEmpty();
    }
  }

  @Test
  void onAPhone_theMenuButtonOpensTheNavigationWithSignOut() {
    ui.viewport(UiFixture.PHONE);
    ui.open("page-menu-closed-390", "/ui/traces");
    assertThat(ui.driver().findElement(By.cssSelector("form.logout button")).isDisplayed())
        .isFalse();
    ui.driver().findElement(By.id("nav-toggle")).click();
    assertThat(ui.driver().findElement(By.cssSelector("form.logout button")).isDisplayed())
        .isTrue();
    assertThat(ui.driver().findElement(By.linkText("Dashboard")).isDisplayed()).isTrue();
    ui.screenshot("page-menu-open-390");
  }

  @Test
  void theThemeToggle_switchesToDarkAndIsRemembered() {
    ui.open("page-traces-light", "/ui/traces");
    String light = background();
    ui.driver().findElement(By.id("theme-toggle")).click(); // system -> dark
    assertThat(ui.js("return document.documentElement.dataset.theme;")).isEqualTo("dark");
    assertThat(background()).isNotEqualTo(light);
    ui.open("page-trace-dark-1280", "/ui/traces/" + ui.seedTraceId);
    assertThat(ui.js("return document.documentElement.dataset.theme;")).isEqualTo("dark");
    ui.driver().findElement(By.id("theme-toggle")).click(); // dark -> light
    ui.driver().findElement(By.id("theme-toggle")).click(); // light -> system
    assertThat(ui.js("return document.documentElement.dataset.theme || 'system';"))
        .isEqualTo("system");
  }

  private String background() {
    return String.valueOf(ui.js("return getComputedStyle(document.body).backgroundColor;"));
  }
}
