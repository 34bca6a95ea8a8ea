package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.server.seed.Harness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Scores in the browser: the real Langfuse TypeScript client ({@code scores-check.mjs}) scores the
 * seed trace, one of its observations and a session with every data type; the trace page, the
 * observation's panel and the session page show them; a person adds a score against a config with
 * their name and a comment, edits it, and a value outside the config is refused naming the field.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoresTest extends BrowserTest {
  private String observationId;
  private String sessionId;

  @Test
  @Order(1)
  void scoresFromTheLangfuseClient_showOnTraceObservationAndSession() throws Exception {
    JsonNode trace = ui.api.getJson("/api/public/traces/" + ui.seedTraceId);
    observationId = trace.path("observations").get(0).path("id").asText();
    sessionId =
        ui.api.getJson("/api/public/sessions?limit=1").path("data").get(0).path("id").asText();
    Harness.Run run =
        Harness.langfuseClient()
            .run(
                Map.of(
                    "LANGFUSE_BASE_URL", ui.baseUrl,
                    "LANGFUSE_PUBLIC_KEY", UiFixture.PK,
                    "LANGFUSE_SECRET_KEY", UiFixture.SK,
                    "TRACE_ID", ui.seedTraceId,
                    "OBSERVATION_ID", observationId,
                    "SESSION_ID", sessionId),
                "node",
                "scores-check.mjs");
    assertThat(run.exitCode()).as(run.output()).isZero();

    ui.open("scores-trace", "/ui/traces/" + ui.seedTraceId);
    assertThat(rows()).contains("helpfulness|0.8|API", "quality|4|API", "note|cites the order|API");
    assertThat(
            ui.driver()
                .findElement(
                    By.cssSelector(".trace-panel .score-row[data-score-name=tone] .score-on"))
                .getText())
        .isEqualTo("on " + observationId);

    ui.open("scores-session", "/ui/sessions/" + sessionId);
    assertThat(
            ui.driver()
                .findElement(
                    By.cssSelector(".scores .score-row[data-score-name=resolved] .score-value"))
                .getText())
        .isEqualTo("True");

    ui.open("scores-observation", "/ui/traces/" + ui.seedTraceId + "#" + observationId);
    ui.waitUntil(
        d ->
            !d.findElements(By.cssSelector("#panel[data-observation-id] .scores .score-row"))
                .isEmpty());
    List<String> panel =
        ui
            .driver()
            .findElements(By.cssSelector("#panel[data-observation-id] .scores .score-row"))
            .stream()
            .map(r -> r.getAttribute("data-score-name"))
            .toList();
    assertThat(panel).containsExactlyInAnyOrder("tone", "note");
  }

  @Test
  @Order(2)
  void annotation_addThenEdit_withAuthorAndComment() {
    ui.open("annotate", "/ui/traces/" + ui.seedTraceId);
    WebElement form = ui.driver().findElement(By.cssSelector(".trace-panel form.annotate-new"));
    new Select(form.findElement(By.name("configId")))
        .selectByVisibleText("quality (NUMERIC: a number ≥ 0 ≤ 5)");
    form.findElement(By.name("value")).sendKeys("3");
    form.findElement(By.name("comment")).sendKeys("fair answer");
    form.findElement(By.name("author")).sendKeys("reviewer-ana");
    ui.navigateBy(
        "annotated", () -> form.findElement(By.cssSelector("button[type=submit]")).click());

    WebElement mine = annotation();
    assertThat(mine.findElement(By.cssSelector(".score-value")).getText()).isEqualTo("3");
    assertThat(mine.findElement(By.cssSelector(".score-author")).getText())
        .isEqualTo("reviewer-ana");
    assertThat(mine.findElement(By.cssSelector(".score-comment")).getText())
        .startsWith("fair answer");

    mine.findElement(By.cssSelector("details.score-edit summary")).click();
    WebElement edit = mine.findElement(By.cssSelector("form.annotate-form"));
    WebElement value = edit.findElement(By.name("value"));
    value.clear();
    value.sendKeys("5");
    ui.navigateBy(
        "annotation-edited", () -> edit.findElement(By.cssSelector("button[type=submit]")).click());

    assertThat(annotation().findElement(By.cssSelector(".score-value")).getText()).isEqualTo("5");
    JsonNode stored = ui.api.getJson("/api/public/v2/scores?source=ANNOTATION&name=quality");
    assertThat(stored.path("data").size())
        .as("an edit changes the score, never adds one")
        .isEqualTo(1);
    assertThat(stored.path("data").get(0).path("authorUserId").asText()).isEqualTo("reviewer-ana");
    assertThat(stored.path("data").get(0).path("comment").asText()).isEqualTo("fair answer");
  }

  @Test
  @Order(3)
  void annotation_outsideTheConfig_isRefusedNamingTheField() {
    ui.open("annotate-bad", "/ui/traces/" + ui.seedTraceId);
    WebElement form = ui.driver().findElement(By.cssSelector(".trace-panel form.annotate-new"));
    new Select(form.findElement(By.name("configId")))
        .selectByVisibleText("quality (NUMERIC: a number ≥ 0 ≤ 5)");
    form.findElement(By.name("value")).sendKeys("9");
    form.findElement(By.name("author")).sendKeys("reviewer-bo");
    ui.navigateBy(
        "annotate-refused", () -> form.findElement(By.cssSelector("button[type=submit]")).click());

    assertThat(ui.bodyText()).contains("value: 9 is above the config's maxValue 5");
    JsonNode stored = ui.api.getJson("/api/public/v2/scores?source=ANNOTATION&name=quality");
    assertThat(stored.path("data").size()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void tracesList_scoreColumnAndFilter() {
    ui.open(
        "traces-by-score",
        "/ui/traces?range=all&scoreName=quality&scoreOperator=%3E%3D&scoreValue=5");
    List<WebElement> rows = ui.driver().findElements(By.cssSelector("#trace-rows tr.trace-row"));
    assertThat(rows).hasSize(1);
    assertThat(rows.getFirst().getAttribute("data-trace-id")).isEqualTo(ui.seedTraceId);
    assertThat(rows.getFirst().findElement(By.cssSelector(".scores-cell")).getText())
        .contains("helpfulness 0.8", "quality 5", "tone calm");

    ui.open(
        "traces-by-score-none",
        "/ui/traces?range=all&scoreName=quality&scoreOperator=%3E&scoreValue=5");
    assertThat(ui.driver().findElements(By.cssSelector("#trace-rows tr.trace-row"))).isEmpty();
    ui.open(
        "traces-by-score-bad",
        "/ui/traces?range=all&scoreName=quality&scoreOperator=%3E&scoreValue=high");
    assertThat(ui.bodyText()).contains("scoreValue: not a number: 'high'");
  }

  private WebElement annotation() {
    List<WebElement> mine =
        ui.driver().findElements(By.cssSelector(".trace-panel .score-row")).stream()
            .filter(
                r -> r.findElement(By.cssSelector(".score-source")).getText().equals("ANNOTATION"))
            .toList();
    assertThat(mine).hasSize(1);
    return mine.getFirst();
  }

  private List<String> rows() {
    return ui.driver().findElements(By.cssSelector(".trace-panel .score-row")).stream()
        .map(
            r ->
                r.findElement(By.cssSelector(".score-name")).getText().split(" ")[0]
                    + "|"
                    + r.findElement(By.cssSelector(".score-value")).getText()
                    + "|"
                    + r.findElement(By.cssSelector(".score-source")).getText())
        .toList();
  }
}
