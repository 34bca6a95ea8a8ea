package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An idle open list asks the small "anything new?" twice a second and fetches no rows; a trace
 * ingested while the list is open appears on it within 1 s, in the same document, with the count
 * updated; when the session ends, the open list goes to the sign-in page whole.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveTracesTest extends BrowserTest {

  @Test
  @Order(1)
  void idleList_asksTheSmallQuestionAndFetchesNoRows() throws InterruptedException {
    ui.open("traces-idle", "/ui/traces");
    ui.js("performance.clearResourceTimings(); performance.setResourceTimingBufferSize(1000);");
    Thread.sleep(3_000);
    long checks = requests("/ui/traces-check");
    assertThat(checks).as("checks in 3 s").isBetween(4L, 8L);
    assertThat(requests("/ui/traces-rows")).as("rows fetched with nothing new").isZero();
    Object largest =
        ui.js(
            "return Math.max(...performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/ui/traces-check'))"
                + ".map(e => e.encodedBodySize));");
    assertThat(((Number) largest).longValue()).as("check answer bytes").isLessThan(64);
  }

  /** How many requests the page made to {@code path} since the timings were cleared. */
  private long requests(String path) {
    return ((Number)
            ui.js(
                "return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes(arguments[0])).length;",
                path))
        .longValue();
  }

  @Test
  @Order(2)
  void newTrace_appearsInTheOpenListWithoutReload() {
    ui.open("traces", "/ui/traces");
    ui.js("performance.clearResourceTimings();");
    ui.js("window.__noReload = 1;");
    String countBefore = countLine();
    long before = Long.parseLong(countBefore.replaceAll("[^0-9].*$", "").replace(",", ""));
    String id = "live-trace-" + System.nanoTime();
    ObjectNode trace = Ingest.object();
    trace.put("id", id);
    trace.put("name", "live-arrival");
    trace.put("userId", "user-live");
    trace.put("timestamp", Instant.now().toString());
    ui.api.send(List.of(Ingest.event("trace-create", trace)));
    long t0 = System.nanoTime();
    String selector = "tbody#trace-rows tr.trace-row[data-trace-id='" + id + "']";
    try {
      new WebDriverWait(ui.driver(), Duration.ofSeconds(1))
          .pollingEvery(Duration.ofMillis(20))
          .until(
              d ->
                  Boolean.TRUE.equals(
                      ui.js("return document.querySelector(arguments[0]) !== null;", selector)));
    } catch (TimeoutException e) {
      ui.screenshot("traces-live-missing");
      throw new AssertionError("trace " + id + " not in the open list 1 s after ingest", e);
    }
    UiFixture.timing("traces-live-append", (System.nanoTime() - t0) / 1_000_000);
    ui.screenshot("traces-live");
    assertThat(ui.js("return window.__noReload;")).isEqualTo(1L);
    assertThat(
            ui.js(
                "return document.querySelector('tbody#trace-rows tr.trace-row').dataset.traceId;"))
        .isEqualTo(id);
    assertThat(
            ui.js(
                "return document.querySelector(arguments[0] + ' td.name').textContent.trim();",
                selector))
        .isEqualTo("live-arrival");
    // the count line follows the rows, and the new row is marked
    ui.waitUntil(d -> !countLine().equals(countBefore));
    assertThat(countLine())
        .startsWith(String.format(java.util.Locale.ROOT, "%,d traces in", before + 1));
    assertThat(
            ui.js(
                "return document.querySelector(arguments[0]).classList.contains('new-row');",
                selector))
        .isEqualTo(true);
    // the rows were fetched because a check said so, not on every check: each fetch follows a
    // check (the first check after the ingest may be the one that fetched them)
    assertThat(requests("/ui/traces-rows")).isBetween(1L, 2L);
    assertThat(requests("/ui/traces-check")).isGreaterThanOrEqualTo(requests("/ui/traces-rows"));
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  private String countLine() {
    return String.valueOf(
        ui.js("const c = document.getElementById('trace-count'); return c ? c.textContent : '';"));
  }

  @Test
  @Order(3)
  void endedSession_takesTheOpenListToSignIn() {
    ui.open("traces", "/ui/traces");
    ui.driver().manage().deleteCookieNamed("loupe_session");

    new WebDriverWait(ui.driver(), Duration.ofSeconds(5))
        .until(d -> d.getCurrentUrl().endsWith("/ui/login"));

    assertThat(ui.driver().findElements(org.openqa.selenium.By.cssSelector("tbody#trace-rows")))
        .isEmpty();
    assertThat(ui.driver().findElements(org.openqa.selenium.By.cssSelector("form#login")))
        .hasSize(1);
  }
}
