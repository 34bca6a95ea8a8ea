package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Sessions, a session's conversation, users and models render the generated data. */
class SessionsUsersModelsTest extends BrowserTest {

  @Test
  void sessions_listTraceCountsPerSession() {
    ui.open("sessions", "/ui/sessions");
    assertThat(ui.driver().findElements(By.cssSelector("table#sessions"))).hasSize(1);
    assertThat(rows("table#sessions tr[data-session-id='session-abc']")).hasSize(1);
    for (String session : List.of("sess-00", "sess-05")) {
      WebElement row = row("table#sessions tr[data-session-id='" + session + "']");
      assertThat(number(row, "td.traces")).as(session).isEqualTo(ui.data.session(session).size());
      assertThat(row.findElements(By.cssSelector("td.cost"))).hasSize(1);
      assertThat(row.findElements(By.cssSelector("td.tokens"))).hasSize(1);
      assertThat(row.findElements(By.cssSelector("td.errors"))).hasSize(1);
    }
    // gen-trace-013 (session sess-13) has the only failed generation of the generated data
    assertThat(number(row("table#sessions tr[data-session-id='sess-13']"), "td.errors"))
        .isEqualTo(1);
  }

  @Test
  void session_showsItsTracesInTimeOrderAsAConversation() {
    ui.open("session", "/ui/sessions/sess-05");
    List<String> turns =
        rows("#conversation .turn[data-trace-id]").stream()
            .map(e -> e.getDomAttribute("data-trace-id"))
            .toList();
    assertThat(turns)
        .containsExactlyElementsOf(
            ui.data.session("sess-05").stream().map(GeneratedData.Trace::id).toList());
  }

  @Test
  void users_listTraceCountsPerUser() {
    ui.open("users", "/ui/users");
    assertThat(ui.driver().findElements(By.cssSelector("table#users"))).hasSize(1);
    assertThat(number(row("table#users tr[data-user-id='user-123']"), "td.traces")).isEqualTo(1);
    for (String user : List.of("user-00", "user-07")) {
      WebElement row = row("table#users tr[data-user-id='" + user + "']");
      assertThat(number(row, "td.traces")).as(user).isEqualTo(ui.data.tracesOfUser(user));
    }
    // user-01 owns gen-trace-013, the only generated trace with a failed generation
    assertThat(number(row("table#users tr[data-user-id='user-01']"), "td.errors")).isEqualTo(1);
  }

  @Test
  void models_listPricesAndTheModelWithTrafficButNoPrice() {
    ui.open("models", "/ui/models");
    assertThat(rows("table#prices tr[data-model-name='gpt-4o']")).hasSize(1);
    assertThat(rows("#unpriced tr[data-model='" + GeneratedData.UNPRICED_MODEL + "']")).hasSize(1);
    for (String priced : GeneratedData.MODELS)
      assertThat(rows("#unpriced tr[data-model='" + priced + "']")).as(priced).isEmpty();
  }

  private List<WebElement> rows(String css) {
    return ui.driver().findElements(By.cssSelector(css));
  }

  private WebElement row(String css) {
    List<WebElement> found = rows(css);
    assertThat(found).as(css).hasSize(1);
    return found.getFirst();
  }

  /** The integer in a cell ("1,234" or "25 traces" read as 1234 and 25). */
  private static long number(WebElement row, String cell) {
    String text = row.findElement(By.cssSelector(cell)).getText().replaceAll("[^0-9]", "");
    assertThat(text).as(cell + " is a number").isNotEmpty();
    return Long.parseLong(text);
  }
}
