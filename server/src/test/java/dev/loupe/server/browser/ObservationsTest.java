package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The observations list on the seed trace and the generated data: its rows, count and order are the
 * public API's for the same filters; the sortable headers sort both ways; a page past the end says
 * so; bad input names the field; it fits the viewport at 1280×800 and 390×844.
 */
class ObservationsTest extends BrowserTest {

  @AfterEach
  void laptopAgain() {
    ui.defaultViewport();
  }

  @Test
  void filteredAndSorted_theRowsAreTheApisForTheSameParameters() {
    ui.open(
        "observations-gpt4o-by-cost",
        "/ui/observations?type=GENERATION&model=gpt-4o&range=all&sort=cost&dir=desc");
    JsonNode api =
        ui.api.getJson(
            "/api/public/observations?type=GENERATION&model=gpt-4o&orderBy=cost.desc&limit=50");
    long total = api.path("meta").path("totalItems").asLong();
    assertThat(total).isGreaterThan(50); // the generated data has ~150 gpt-4o generations

    assertThat(countLine())
        .isEqualTo(String.format(Locale.ROOT, "%,d observations in all time", total));
    List<String> apiIds = new ArrayList<>();
    List<BigDecimal> apiCosts = new ArrayList<>();
    for (JsonNode o : api.path("data")) {
      apiIds.add(o.path("id").asText());
      apiCosts.add(new BigDecimal(o.path("calculatedTotalCost").asText("0")));
    }
    assertThat(rowIds()).containsExactlyElementsOf(apiIds);
    assertThat(apiCosts).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(column("type")).containsOnly("GENERATION");
    assertThat(column("model")).containsOnly("gpt-4o");
    assertThat(ui.bodyText()).contains("page 1 of " + (total + 49) / 50);
    assertThat(ui.takeCspViolations()).isEmpty();

    // the trace's filters: user and tags (all must be present), as the API reads them
    ui.open(
        "observations-user-tags", "/ui/observations?userId=user-03&tags=generated,odd&range=all");
    JsonNode mine =
        ui.api.getJson("/api/public/observations?userId=user-03&tags=generated&tags=odd&limit=50");
    assertThat(mine.path("meta").path("totalItems").asLong()).isGreaterThan(0);
    List<String> mineIds = new ArrayList<>();
    for (JsonNode o : mine.path("data")) mineIds.add(o.path("id").asText());
    assertThat(rowIds()).containsExactlyElementsOf(mineIds);
    ui.open("observations-user-even", "/ui/observations?userId=user-03&tags=even&range=all");
    assertThat(rowIds()).isEmpty(); // user-03's traces are the odd ones
    assertThat(countLine()).isEqualTo("0 observations in all time");
  }

  @Test
  void sortHeaders_sortByLatencyBothWays_andTheNameOpensTheObservationInItsTrace() {
    ui.open("observations-default", "/ui/observations");
    assertThat(header("startTime").getAttribute("aria-sort")).isEqualTo("descending");
    ui.navigateBy("observations-latency-desc", () -> sortLink("latency").click());
    assertThat(header("latency").getAttribute("aria-sort")).isEqualTo("descending");
    List<Long> desc = latenciesInMicros();
    assertThat(desc).hasSizeGreaterThan(10).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    ui.navigateBy("observations-latency-asc", () -> sortLink("latency").click());
    assertThat(header("latency").getAttribute("aria-sort")).isEqualTo("ascending");
    List<Long> asc = latenciesInMicros();
    assertThat(asc).isSorted();
    assertThat(asc.getFirst()).isLessThan(desc.getFirst());

    String id = rowIds().getFirst();
    ui.navigateBy(
        "observations-open-one",
        () ->
            ui.driver()
                .findElement(
                    By.cssSelector("tr[data-observation-id='" + id + "'] a.observation-link"))
                .click());
    assertThat(ui.driver().getCurrentUrl()).contains("/ui/traces/").endsWith("#" + id);
  }

  @Test
  void pastTheEnd_andBadInput_areSaidClearly() {
    ui.open("observations-past-end", "/ui/observations?range=all&page=999");
    assertThat(ui.bodyText()).contains("Page 999 is past the end of this list");
    ui.navigateBy(
        "observations-last-page",
        () -> ui.driver().findElement(By.linkText("Go to the last page")).click());
    assertThat(rowIds()).isNotEmpty();
    assertThat(ui.driver().findElements(By.cssSelector("a[rel=next]"))).isEmpty();

    ui.open("observations-bad-cost", "/ui/observations?minCost=abc");
    assertThat(ui.driver().findElement(By.cssSelector("p.error")).getText())
        .isEqualTo("minCost: not a number: 'abc'");
    ui.open("observations-bad-type", "/ui/observations?type=LLM");
    assertThat(ui.driver().findElement(By.cssSelector("p.error")).getText())
        .startsWith("type: unknown value 'LLM'");
  }

  @Test
  void fitsTheViewportAtBothSizes() {
    for (UiFixture.Viewport size : List.of(UiFixture.LAPTOP, UiFixture.PHONE)) {
      ui.viewport(size);
      ui.open("page-observations-" + size.name(), "/ui/observations?range=7d");
      Object over =
          ui.js(
              "return document.documentElement.scrollWidth"
                  + " - document.documentElement.clientWidth;");
      assertThat(((Number) over).longValue())
          .as("wider than " + size.name())
          .isLessThanOrEqualTo(0);
      assertThat(rowIds()).hasSize(50);
    }
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  @Test
  void filterBoxes_suggestValuesAsYouType_onBothLists() {
    ui.open("observations-suggest", "/ui/observations");
    WebElement model =
        ui.driver().findElement(By.cssSelector("#observation-filters input[name=model]"));
    model.click();
    model.sendKeys("gpt");
    ui.waitUntil(d -> options("suggest-model").size() == 2);
    assertThat(options("suggest-model")).containsExactlyInAnyOrder("gpt-4o", "gpt-4o-mini");

    ui.open("traces-suggest", "/ui/traces");
    WebElement user = ui.driver().findElement(By.cssSelector("#trace-filters input[name=userId]"));
    user.click();
    // on focus, before typing: the most frequent users
    ui.waitUntil(d -> !options("suggest-userId").isEmpty());
    assertThat(options("suggest-userId")).hasSizeLessThanOrEqualTo(20).contains("user-00");
    user.sendKeys("user-1");
    // user-10 and user-11 have 25 traces each, the seed's user-123 one
    ui.waitUntil(d -> options("suggest-userId").equals(List.of("user-10", "user-11", "user-123")));
    WebElement tags = ui.driver().findElement(By.cssSelector("#trace-filters input[name=tags]"));
    tags.click();
    tags.sendKeys("generated, ev");
    ui.waitUntil(d -> options("suggest-tags").equals(List.of("generated, even")));
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private List<String> options(String datalist) {
    return (List<String>)
        ui.js(
            "return [...document.querySelectorAll('#' + arguments[0] + ' option')]"
                + ".map(o => o.value);",
            datalist);
  }

  private String countLine() {
    return ui.driver().findElement(By.id("observation-count")).getText();
  }

  @SuppressWarnings("unchecked")
  private List<String> rowIds() {
    return (List<String>)
        ui.js(
            "return [...document.querySelectorAll('#observation-rows tr')]"
                + ".map(r => r.dataset.observationId);");
  }

  @SuppressWarnings("unchecked")
  private List<String> column(String css) {
    return (List<String>)
        ui.js(
            "return [...document.querySelectorAll('#observation-rows td.' + arguments[0])]"
                + ".map(c => c.textContent.trim());",
            css);
  }

  private WebElement header(String key) {
    return sortLink(key).findElement(By.xpath("./.."));
  }

  private WebElement sortLink(String key) {
    return ui.driver().findElement(By.cssSelector("#observations a.sort[data-sort='" + key + "']"));
  }

  /** The latency cells in microseconds ({@code 350 ms}, {@code 1.50 s}); empty cells last. */
  private List<Long> latenciesInMicros() {
    List<Long> out = new ArrayList<>();
    for (String text : column("latency")) {
      if (text.isEmpty()) continue;
      if (text.endsWith(" ms")) out.add(Long.parseLong(text.replace(" ms", "")) * 1000);
      else out.add(new BigDecimal(text.replace(" s", "")).movePointRight(6).longValue());
    }
    return out;
  }
}
