package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.Json;
import dev.loupe.server.StubJudge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The evaluations page in Chromium: a judge connection added through its form (the key field is a
 * password field, and the key never comes back in the page), an LLM-judge rule created through the
 * rule form over three stored traces, the rule's live counts (two succeeded, one failed as
 * UNPARSABLE because the stub judge answers it with prose), and the failure's link to its trace.
 */
class EvaluationsTest extends BrowserTest {
  static final String KEY = "sk-browser-judge-5ecret-key-0042";

  private StubJudge judge;

  @AfterAll
  void stopJudge() {
    if (judge != null) judge.close();
  }

  @Test
  void rulesPage_showsLiveCountsAndAFailuresTraceLink() throws Exception {
    judge = new StubJudge(KEY);
    Instant at = Instant.now().minus(Duration.ofMinutes(5));
    List<ObjectNode> events = new ArrayList<>();
    String[][] traces = {
      {"eval-ok-1", "what is 2+2?", "4 score=0.9"},
      {"eval-ok-2", "capital of France?", "Paris score=0.8"},
      {"eval-bad-3", "anything [garbage]", "who knows"}
    };
    for (String[] t : traces) {
      ObjectNode e =
          Json.MAPPER.createObjectNode().put("id", "ev-" + t[0]).put("type", "trace-create");
      e.put("timestamp", Instant.now().toString());
      e.putObject("body")
          .put("id", t[0])
          .put("name", "eval-browser")
          .put("timestamp", at.toString())
          .put("input", t[1])
          .put("output", t[2]);
      events.add(e);
    }
    ui.api.send(events);

    ui.open("evaluations-empty", "/ui/evaluations");
    assertThat(ui.driver().findElement(By.id("no-rules")).getText())
        .contains("No evaluation rules");
    WebElement key = ui.driver().findElement(By.cssSelector("#connection-form input[name=apiKey]"));
    assertThat(key.getAttribute("type")).isEqualTo("password");
    type("#connection-form", "name", "stub");
    type("#connection-form", "baseUrl", judge.baseUrl());
    type("#connection-form", "model", "judge-1");
    type("#connection-form", "apiKey", KEY);
    ui.navigateBy(
        "evaluations-connection",
        () ->
            ui.driver()
                .findElement(By.cssSelector("#connection-form button[type=submit]"))
                .click());
    assertThat(ui.driver().findElement(By.id("connections")).getText())
        .contains("stub")
        .contains("…0042");
    assertThat(ui.driver().getPageSource()).doesNotContain(KEY).doesNotContain("5ecret");
    assertThat(
            ui.driver()
                .findElement(By.cssSelector("#connection-form input[name=apiKey]"))
                .getAttribute("value"))
        .isEmpty();

    type("#rule-form", "name", "helpful answers");
    type("#rule-form", "traceName", "eval-browser");
    type("#rule-form", "backfillFrom", Instant.now().minus(Duration.ofHours(1)).toString());
    ui.navigateBy(
        "evaluations-rule",
        () -> ui.driver().findElement(By.cssSelector("#rule-form button[type=submit]")).click());

    // the runner scans every 2 s and retries the prose answer twice before failing it; the page
    // is not reloaded: its counts refresh by themselves
    ui.js("window.__sameDocument = 1;");
    Instant end = Instant.now().plusSeconds(90);
    Map<String, String> counts = counts();
    while (!counts.get("queued").equals("0") || !counts.get("matched").equals("3")) {
      if (Instant.now().isAfter(end)) throw new AssertionError("rule not done: " + ui.bodyText());
      Thread.sleep(500);
      counts = counts();
    }
    assertThat(ui.js("return window.__sameDocument;")).isEqualTo(1L);
    String page = ui.bodyText(); // the counts' reasons, should one be off
    assertThat(counts.get("succeeded")).as(page).isEqualTo("2");
    assertThat(counts.get("failed")).as(page).isEqualTo("1");
    assertThat(counts.get("skipped")).as(page).isEqualTo("0");
    assertThat(ui.driver().findElement(By.cssSelector("tr.rule .failed-by")).getText())
        .isEqualTo("failed: UNPARSABLE 1");
    WebElement link = ui.driver().findElement(By.cssSelector("tr.rule-errors .trace-link"));
    assertThat(link.getText()).isEqualTo("eval-bad-3");
    assertThat(link.getAttribute("href")).endsWith("/ui/traces/eval-bad-3");
    assertThat(ui.driver().findElement(By.cssSelector("tr.rule-errors .error-row")).getText())
        .contains("UNPARSABLE")
        .contains("no JSON object in the answer");
    ui.screenshot("evaluations-rules");

    // editing keeps what the form does not change: the filter, the evaluator, the counts
    ui.navigateBy(
        "evaluations-edit",
        () -> ui.driver().findElement(By.cssSelector("tr.rule a[href*='edit=']")).click());
    assertThat(value("#rule-form", "name")).isEqualTo("helpful answers");
    assertThat(value("#rule-form", "traceName")).isEqualTo("eval-browser");
    assertThat(value("#rule-form", "ruleId")).isNotEmpty();
    type("#rule-form", "maxCallsPerDay", "100");
    ui.navigateBy(
        "evaluations-edited",
        () -> ui.driver().findElement(By.cssSelector("#rule-form button[type=submit]")).click());
    assertThat(ui.driver().findElements(By.cssSelector("tr.rule"))).hasSize(1);
    assertThat(ui.driver().findElement(By.cssSelector("tr.rule td.id")).getText())
        .contains("budget 100/day")
        .contains("traceName = eval-browser");
    assertThat(cell("succeeded")).isEqualTo("2");

    link = ui.driver().findElement(By.cssSelector("tr.rule-errors .trace-link"));
    ui.navigateBy("evaluations-error-trace", link::click);
    assertThat(ui.driver().getCurrentUrl()).endsWith("/ui/traces/eval-bad-3");
    assertThat(ui.bodyText()).contains("eval-browser");
    assertThat(judge.unauthorized.get()).isZero();
  }

  /**
   * The rule row's counts, read in one script: the row is re-rendered every 2 s, and cells read one
   * by one can come from two renders (a queued 0 from before the scan with a matched 3 from after).
   */
  @SuppressWarnings("unchecked")
  private Map<String, String> counts() {
    return ui.waitUntil(
        d ->
            (Map<String, String>)
                ui.js(
                    "const row = document.querySelector('tr.rule'); if (!row) return null;"
                        + " const out = {};"
                        + " for (const n of ['matched', 'queued', 'succeeded', 'failed', 'skipped']) {"
                        + "   const c = row.querySelector('td.' + n); if (!c) return null;"
                        + "   out[n] = c.textContent.trim(); }"
                        + " return out;"));
  }

  private String cell(String name) {
    return ui.waitUntil(d -> d.findElement(By.cssSelector("tr.rule td." + name)).getText());
  }

  private String value(String form, String field) {
    return ui.driver()
        .findElement(By.cssSelector(form + " [name=" + field + "]"))
        .getAttribute("value");
  }

  private void type(String form, String field, String text) {
    WebElement input = ui.driver().findElement(By.cssSelector(form + " [name=" + field + "]"));
    input.clear();
    input.sendKeys(text);
  }
}
