package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * User content that looks like markup (a trace name, its input, a generation's prompt) is shown as
 * text: it is visible literally, no element comes from it, no script runs, and the browser reports
 * no Content-Security-Policy violation on our pages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XssTest extends BrowserTest {
  static final String PAYLOAD =
      "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=1\">";
  static final String TRACE_ID = "xss-trace-0001";
  static final String GENERATION_ID = "xss-trace-0001-gen";

  @BeforeAll
  void sendHostileTrace() {
    Instant now = Instant.now();
    ObjectNode trace = Ingest.object();
    trace.put("id", TRACE_ID);
    trace.put("name", PAYLOAD);
    trace.put("userId", "xss-user");
    trace.put("timestamp", now.toString());
    trace.putObject("input").put("question", PAYLOAD);
    trace.put("output", PAYLOAD);
    ObjectNode gen = Ingest.object();
    gen.put("id", GENERATION_ID);
    gen.put("traceId", TRACE_ID);
    gen.put("name", "xss-generation");
    gen.put("model", "gpt-4o");
    gen.put("startTime", now.toString());
    gen.put("endTime", now.plusMillis(300).toString());
    gen.putArray("input")
        .add(Ingest.object().put("role", "system").put("content", "Be helpful."))
        .add(Ingest.object().put("role", "user").put("content", PAYLOAD));
    gen.put("output", PAYLOAD);
    gen.putObject("metadata").put("note", PAYLOAD);
    gen.putObject("usageDetails").put("input", 30).put("output", 12);
    ui.api.send(
        List.of(Ingest.event("trace-create", trace), Ingest.event("generation-create", gen)));
    ui.takeCspViolations();
    ui.takeBrowserLog();
  }

  @Test
  @Order(1)
  void list_showsTheNameAsText() {
    ui.open("xss-list", "/ui/traces");
    assertThat(ui.bodyText()).contains(PAYLOAD);
    assertNoScriptRan();
  }

  @Test
  @Order(2)
  void trace_showsNameAndInputAsText() {
    ui.open("xss-trace", "/ui/traces/" + TRACE_ID);
    assertThat(ui.driver().findElement(By.tagName("h1")).getText()).isEqualTo(PAYLOAD);
    assertThat(ui.bodyText()).contains(PAYLOAD);
    assertNoScriptRan();
  }

  @Test
  @Order(3)
  void generationPanel_showsThePromptAsText() {
    ui.open("xss-trace", "/ui/traces/" + TRACE_ID);
    var names =
        ui.driver()
            .findElements(
                By.cssSelector(
                    "#tree .node[data-observation-id='" + GENERATION_ID + "'] .node-name"));
    assertThat(names).as("the generation's .node-name in #tree").isNotEmpty();
    names.getFirst().click();
    ui.waitUntil(
        d ->
            String.valueOf(
                    ui.js(
                        "const e = document.querySelector('#panel .io-input');"
                            + " return e ? e.textContent : '';"))
                .contains(PAYLOAD));
    ui.screenshot("xss-panel");
    assertThat(ui.driver().findElement(By.cssSelector("#panel .io-output")).getText())
        .contains(PAYLOAD);
    assertNoScriptRan();
  }

  private void assertNoScriptRan() {
    assertThat(ui.js("return typeof window.__xss;")).isEqualTo("undefined");
    assertThat(ui.js("return document.querySelectorAll('img[src=\"x\"], img[onerror]').length;"))
        .isEqualTo(0L);
    // the only scripts are the UI's own files
    @SuppressWarnings("unchecked")
    List<String> scripts =
        (List<String>)
            ui.js(
                "return [...document.scripts].map(s => s.getAttribute('src') || 'inline:'"
                    + " + s.textContent);");
    assertThat(scripts).allMatch(s -> s.startsWith("/ui/static/"));
    assertThat(ui.takeCspViolations()).isEmpty();
    assertThat(ui.takeBrowserLog()).noneMatch(l -> l.contains("Content Security Policy"));
  }
}
