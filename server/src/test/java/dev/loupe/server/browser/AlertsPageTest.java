package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Alerts page in the browser: a person adds a signed webhook channel and a rule through the
 * forms ("traces in the last 31 days ≥ 1", which the fixture's data breaches), the scheduler fires
 * it, and the page lists the rule as FIRING with the value the metrics API gives; the rule's page
 * shows the firing in its history and the delivery to the channel; the secret is never on a page.
 */
class AlertsPageTest extends BrowserTest {
  private static final String SECRET = "ui-secret-7c1e";
  private HttpServer receiver;
  private final AtomicInteger received = new AtomicInteger();

  @BeforeAll
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          ex.getRequestBody().readAllBytes();
          received.incrementAndGet();
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
  }

  @AfterAll
  void stopReceiver() {
    if (receiver != null) receiver.stop(0);
  }

  @Test
  void ruleMadeInTheForm_firesOnTheData_andTheAlertsPageShowsItFiring() {
    ui.open("alerts-empty", "/ui/alerts");
    WebElement channel = ui.driver().findElement(By.id("new-channel"));
    channel.findElement(By.name("name")).sendKeys("ops hook");
    channel
        .findElement(By.name("url"))
        .sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    channel.findElement(By.name("secret")).sendKeys(SECRET);
    ui.navigateBy(
        "alerts-channel-added",
        () -> channel.findElement(By.cssSelector("button[type=submit]")).click());
    assertThat(ui.driver().findElement(By.cssSelector("#alert-channels tbody")).getText())
        .contains("ops hook", "HMAC-SHA256")
        .doesNotContain(SECRET);

    ui.navigateBy("alerts-new", () -> ui.driver().findElement(By.id("new-rule")).click());
    WebElement form = ui.driver().findElement(By.id("alert-form"));
    form.findElement(By.name("name")).sendKeys("any traffic");
    new Select(form.findElement(By.name("view"))).selectByValue("traces");
    new Select(form.findElement(By.name("aggregation"))).selectByValue("count");
    new Select(form.findElement(By.name("measure"))).selectByValue("count");
    new Select(form.findElement(By.name("comparison"))).selectByValue(">=");
    set(form, "threshold", "1");
    set(form, "window", "31d");
    set(form, "interval", "1s");
    form.findElement(By.cssSelector(".channel-choice input")).click();
    ui.navigateBy(
        "alert-created", () -> form.findElement(By.cssSelector("button[type=submit]")).click());
    String ruleId =
        ui.driver().findElement(By.cssSelector(".alert-detail")).getAttribute("data-rule-id");

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    WebElement row = null;
    while (System.nanoTime() < deadline) {
      ui.open("alerts-list", "/ui/alerts");
      row =
          ui.driver().findElement(By.cssSelector("#alert-rules tr[data-rule-id='" + ruleId + "']"));
      if ("FIRING".equals(row.getAttribute("data-state"))) break;
      sleep(300);
    }
    assertThat(row.getAttribute("data-state")).isEqualTo("FIRING");
    JsonNode status = ui.api.getJson("/api/public/alert-rules/" + ruleId).path("status");
    long traces = status.path("value").asLong();
    assertThat(traces).as("the fixture's traces").isGreaterThan(1);
    assertThat(row.findElement(By.cssSelector(".value")).getText())
        .isEqualTo(Long.toString(traces));
    assertThat(row.findElement(By.cssSelector(".condition")).getText())
        .isEqualTo("count(count) >= 1");
    ui.screenshot("alerts-firing");

    ui.navigateBy(
        "alert-detail", () -> ui.driver().findElement(By.linkText("any traffic")).click());
    assertThat(ui.driver().findElement(By.id("rule-state")).getText()).isEqualTo("FIRING");
    assertThat(
            ui.driver()
                .findElements(By.cssSelector("#alert-history tr.alert-event[data-to=FIRING]")))
        .hasSize(1);
    deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ui.driver()
            .findElements(By.cssSelector("#alert-deliveries tr.alert-delivery.ok"))
            .isEmpty()
        && System.nanoTime() < deadline) {
      sleep(300);
      ui.open("alert-detail", "/ui/alerts/" + ruleId);
    }
    WebElement delivery =
        ui.driver().findElement(By.cssSelector("#alert-deliveries tr.alert-delivery.ok"));
    assertThat(delivery.getText()).contains("FIRING", "ops hook", "204");
    assertThat(received.get()).isGreaterThanOrEqualTo(1);
    assertThat(ui.driver().getPageSource()).doesNotContain(SECRET);
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  private static void set(WebElement form, String name, String value) {
    WebElement input = form.findElement(By.name(name));
    input.clear();
    input.sendKeys(value);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
