package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The lists as a user works them, in real Chromium at 1280×800 and 390×844: full-text search typed
 * into the Text box, rows per page and the column chooser set by clicking (and kept when the list
 * is opened again from the menu), the export links carrying the list as shown, times shown as local
 * and relative with the UTC time on hover; no page wider than the viewport, no CSP violation.
 */
class ListsTest extends BrowserTest {

  @AfterEach
  void defaults() {
    ui.driver().manage().deleteCookieNamed("loupe_cols_traces");
    ui.driver().manage().deleteCookieNamed("loupe_cols_observations");
    ui.defaultViewport();
  }

  @Test
  void textSearch_typedIntoTheTextBox_findsTheTraceByItsInput_atBothSizes() {
    for (UiFixture.Viewport size : List.of(UiFixture.LAPTOP, UiFixture.PHONE)) {
      ui.viewport(size);
      ui.open("lists-traces-" + size.name(), "/ui/traces?range=all");
      WebElement text =
          ui.driver().findElement(By.cssSelector("#trace-filters input[name=search]"));
      text.sendKeys("question NUMBER 42?");
      ui.navigateBy("lists-traces-search-" + size.name(), text::submit);

      assertThat(traceIds()).containsExactly("gen-trace-042");
      assertThat(ui.driver().findElement(By.id("text-scope")).getText())
          .startsWith("Text search reads the name, input and output of every trace in all time");
      assertThat(overflow()).as("wider than " + size.name()).isLessThanOrEqualTo(0);

      ui.open(
          "lists-observations-search-" + size.name(), "/ui/observations?search=answer+number+42.");
      assertThat(cells("#observation-rows td.preview")).isNotEmpty();
      assertThat(
              ui.driver().findElements(By.cssSelector("#observation-rows tr")).stream()
                  .map(r -> r.getAttribute("data-observation-id"))
                  .toList())
          .isNotEmpty()
          .allSatisfy(id -> assertThat(id).startsWith("gen-trace-042"));
      assertThat(overflow()).as("wider than " + size.name()).isLessThanOrEqualTo(0);
    }
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  @Test
  void rowsPerPageAndColumns_chosenByClicking_areKeptWhenTheListIsOpenedAgain() {
    ui.open("lists-columns-default", "/ui/traces?range=all");
    assertThat(headers()).contains("User", "Input").doesNotContain("Tags");

    new Select(ui.driver().findElement(By.cssSelector("#trace-filters select[name=limit]")))
        .selectByVisibleText("10");
    ui.driver().findElement(By.cssSelector("details.column-chooser summary")).click();
    ui.driver().findElement(By.cssSelector("input[name=cols][value=user]")).click();
    ui.driver().findElement(By.cssSelector("input[name=cols][value=tags]")).click();
    ui.navigateBy(
        "lists-columns-chosen",
        () ->
            ui.driver().findElement(By.cssSelector("#trace-filters button[type=submit]")).click());

    assertThat(traceIds()).hasSize(10);
    assertThat(headers()).contains("Tags", "Input").doesNotContain("User");
    assertThat(cells("#trace-rows td.tags"))
        .hasSize(10)
        .allSatisfy(t -> assertThat(t).matches("(generated|seed), .+"));
    ui.navigateBy(
        "lists-columns-next-page",
        () -> ui.driver().findElement(By.cssSelector("a[rel=next]")).click());
    assertThat(traceIds()).hasSize(10);
    assertThat(ui.driver().getCurrentUrl()).contains("limit=10").contains("page=2");

    ui.navigateBy(
        "lists-columns-from-menu",
        () -> ui.driver().findElement(By.cssSelector("header.top a[href='/ui/traces']")).click());
    assertThat(headers()).as("remembered").contains("Tags").doesNotContain("User");
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  @Test
  void everyColumnShown_andTheChooserOpen_stillFitTheViewportAtBothSizes() {
    String traceColumns =
        "input,user,session,tags,environment,release,latency,cost,tokens,errors,scores";
    String observationColumns =
        "type,input,model,level,environment,release,latency,ttft,tokens,cost,trace";
    for (UiFixture.Viewport size : List.of(UiFixture.LAPTOP, UiFixture.PHONE)) {
      ui.viewport(size);
      for (String[] list :
          List.of(
              new String[] {"traces", "/ui/traces?range=all&cols=" + traceColumns},
              new String[] {"observations", "/ui/observations?cols=" + observationColumns})) {
        ui.open("lists-all-columns-" + list[0] + "-" + size.name(), list[1]);
        ui.driver().findElement(By.cssSelector("details.column-chooser summary")).click();
        ui.screenshot("lists-chooser-open-" + list[0] + "-" + size.name());
        assertThat(ui.driver().findElements(By.cssSelector("input[name=cols][type=checkbox]")))
            .hasSize(11)
            .allSatisfy(box -> assertThat(box.isSelected()).isTrue());
        assertThat(overflow()).as(list[0] + " wider than " + size.name()).isLessThanOrEqualTo(0);
      }
    }
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  @Test
  void exportLinks_carryTheListAsShown_andTimesReadLocalAndRelative_withUtcOnHover() {
    ui.open("lists-export-links", "/ui/traces?search=number&range=all&sort=cost&dir=desc");

    String csv = ui.driver().findElement(By.cssSelector("a.export-csv")).getAttribute("href");
    String jsonl = ui.driver().findElement(By.cssSelector("a.export-jsonl")).getAttribute("href");
    assertThat(csv)
        .endsWith("/ui/traces-export?search=number&range=all&sort=cost&dir=desc&format=csv");
    assertThat(jsonl).endsWith("&format=jsonl");

    WebElement time = ui.driver().findElement(By.cssSelector("#trace-rows time.when"));
    assertThat(time.getText()).matches(".+ · (just now|\\d+ (s|min|h|d) ago)");
    assertThat(time.getAttribute("title")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
    ui.open("lists-observation-times", "/ui/observations");
    WebElement start = ui.driver().findElement(By.cssSelector("#observation-rows time.when"));
    assertThat(start.getText()).matches(".+ · (just now|\\d+ (s|min|h|d) ago)");
    assertThat(start.getAttribute("title")).endsWith(" UTC");
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  private long overflow() {
    Object over =
        ui.js(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    return ((Number) over).longValue();
  }

  @SuppressWarnings("unchecked")
  private List<String> traceIds() {
    return (List<String>)
        ui.js(
            "return [...document.querySelectorAll('#trace-rows tr')].map(r => r.dataset.traceId);");
  }

  @SuppressWarnings("unchecked")
  private List<String> headers() {
    return (List<String>)
        ui.js(
            "return [...document.querySelectorAll('table.traces thead th')]"
                + ".map(h => h.textContent.replace(/[▲▼]/g, '').trim());");
  }

  @SuppressWarnings("unchecked")
  private List<String> cells(String css) {
    return (List<String>)
        ui.js(
            "return [...document.querySelectorAll(arguments[0])].map(c => c.textContent.trim());",
            css);
  }
}
