package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's cost-by-model figures equal what the metrics API returns for the same range. All
 * the fixture's data lies within the last few hours, so the page's 7-day range (relative to when it
 * rendered) and the query's 7 days before now select the same observations.
 */
class DashboardTest extends BrowserTest {

  @Test
  void costByModel_equalsTheMetricsApi() {
    ui.open("dashboard", "/ui/dashboard?range=7d");
    assertThat(
            ui.driver()
                .findElement(By.cssSelector("form#dashboard-range select[name=range]"))
                .getDomProperty("value"))
        .isEqualTo("7d");

    Instant now = Instant.now();
    JsonNode rows =
        ui.api.metrics(
            "{\"view\":\"observations\",\"dimensions\":[{\"field\":\"providedModelName\"}],"
                + "\"metrics\":[{\"measure\":\"totalCost\",\"aggregation\":\"sum\"}],"
                + "\"fromTimestamp\":\""
                + now.minus(Duration.ofDays(7))
                + "\",\"toTimestamp\":\""
                + now.plus(Duration.ofMinutes(1))
                + "\"}");
    Map<String, BigDecimal> api = new HashMap<>();
    for (JsonNode row : rows) {
      JsonNode cost = row.path("sum_totalCost");
      if (!cost.isNull() && !cost.isMissingNode())
        api.put(row.path("providedModelName").asText(), cost.decimalValue());
    }
    assertThat(api).containsKey("gpt-4o");

    WebElement gpt4o =
        ui.driver()
            .findElement(By.cssSelector("table#cost-by-model tr[data-model='gpt-4o'] td.cost"));
    assertThat(new BigDecimal(gpt4o.getDomAttribute("data-value")))
        .isEqualByComparingTo(api.get("gpt-4o"));

    // and every other priced model the table shows
    List<WebElement> cells =
        ui.driver().findElements(By.cssSelector("table#cost-by-model tr[data-model] td.cost"));
    assertThat(cells).hasSizeGreaterThanOrEqualTo(3);
    for (WebElement cell : cells) {
      String model =
          cell.findElement(By.xpath("./ancestor::tr[@data-model]")).getDomAttribute("data-model");
      String value = cell.getDomAttribute("data-value");
      if (api.containsKey(model))
        assertThat(new BigDecimal(value)).as(model).isEqualByComparingTo(api.get(model));
    }
    assertThat(ui.driver().findElements(By.cssSelector(".chart[data-chart]"))).isNotEmpty();
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  @Test
  void charts_followAWindowResize() {
    ui.viewport(UiFixture.LAPTOP);
    try {
      ui.open("dashboard-1280", "/ui/dashboard?range=7d");
      long wide = chartWidth();
      ui.viewport(UiFixture.PHONE);
      ui.waitUntil(d -> chartWidth() < 390);
      ui.screenshot("dashboard-resized-390");
      assertThat(wide).isGreaterThan(390);
      Object over =
          ui.js(
              "return document.documentElement.scrollWidth"
                  + " - document.documentElement.clientWidth;");
      assertThat(((Number) over).longValue()).isLessThanOrEqualTo(0);
    } finally {
      ui.defaultViewport();
    }
  }

  private long chartWidth() {
    Object w =
        ui.js(
            "const u = document.querySelector('.chart[data-chart] .uplot');"
                + " return u ? u.getBoundingClientRect().width : -1;");
    return Math.round(((Number) w).doubleValue());
  }
}
