package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The trace page at a laptop's 1280×800 and a phone's 390×844: every node of the seed trace opens
 * from its row, the deepest node of a 100-level chain is readable and clickable, the keyboard walks
 * the tree without losing focus, "next error" visits each of five errors, and three dialects read
 * as chat. Screenshots: {@code trace-<case>-<width>.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracePageTest extends BrowserTest {
  static final String CHAIN = "deep-chain-100";
  static final String ERRORS = "five-errors";
  static final String DIALECTS = "dialects";
  static final String LOOP = "agent-loop";
  static final List<UiFixture.Viewport> SIZES = List.of(UiFixture.LAPTOP, UiFixture.PHONE);

  @BeforeAll
  void sendTraces() {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(120);
    List<ObjectNode> events = new ArrayList<>();
    events.add(trace(CHAIN, "deep-chain", t0));
    for (int level = 1; level <= 100; level++) {
      ObjectNode span = span(CHAIN, "level-" + level, t0.plusMillis(level));
      if (level > 1) span.put("parentObservationId", CHAIN + "-level-" + (level - 1));
      span.put("endTime", t0.plusMillis(400 - level).toString());
      events.add(Ingest.event("span-create", span));
    }
    events.add(trace(ERRORS, "five-errors", t0));
    ObjectNode root = span(ERRORS, "agent", t0);
    root.put("endTime", t0.plusSeconds(3).toString());
    events.add(Ingest.event("agent-create", root));
    for (int step = 1; step <= 10; step++) {
      ObjectNode s = span(ERRORS, "step-" + step, t0.plusMillis(step * 200L));
      s.put("parentObservationId", ERRORS + "-agent");
      s.put("endTime", t0.plusMillis(step * 200L + 150).toString());
      events.add(Ingest.event("span-create", s));
      ObjectNode call = span(ERRORS, "call-" + step, t0.plusMillis(step * 200L + 10));
      call.put("parentObservationId", ERRORS + "-step-" + step);
      call.put("endTime", t0.plusMillis(step * 200L + 100).toString());
      call.put("model", "gpt-4o-mini");
      if (step % 2 == 0) call.put("level", "ERROR").put("statusMessage", "failure " + step / 2);
      events.add(Ingest.event("generation-create", call));
    }
    events.add(trace(LOOP, "agent-loop", t0));
    ObjectNode planner = span(LOOP, "planner", t0);
    planner.put("endTime", t0.plusSeconds(2).toString());
    events.add(Ingest.event("agent-create", planner));
    for (int turn = 1; turn <= 5; turn++) {
      ObjectNode think = span(LOOP, "think-" + turn, t0.plusMillis(turn * 300L));
      think.put("name", "think").put("parentObservationId", LOOP + "-planner");
      think.put("endTime", t0.plusMillis(turn * 300L + 100).toString());
      events.add(Ingest.event("generation-create", think));
      ObjectNode search = span(LOOP, "search-" + turn, t0.plusMillis(turn * 300L + 120));
      search.put("name", "search_web").put("parentObservationId", LOOP + "-planner");
      search.put("endTime", t0.plusMillis(turn * 300L + 200).toString());
      events.add(Ingest.event("tool-create", search));
    }
    events.add(trace(DIALECTS, "dialects", t0));
    events.add(generation("genai-parts", GENAI_INPUT, GENAI_OUTPUT, t0));
    events.add(generation("responses-items", RESPONSES_INPUT, RESPONSES_OUTPUT, t0));
    events.add(generation("anthropic-blocks", ANTHROPIC_INPUT, ANTHROPIC_OUTPUT, t0));
    StringBuilder log =
        new StringBuilder("## Build log\n\nThe **second** step failed; see `make test`:\n\n");
    for (int line = 1; line <= 200; line++)
      log.append("line ").append(line).append(" of the log\n");
    events.add(
        generation(
            "markdown-and-long",
            "[{\"role\": \"user\", \"content\": \"Summarise the build\"}]",
            Ingest.JSON.getNodeFactory().textNode(log.toString()).toString(),
            t0));
    ui.api.send(events);
  }

  @AfterEach
  void laptopAgain() {
    ui.defaultViewport();
  }

  @Test
  @Order(1)
  void everyNodeOfTheSeedTrace_opensByClickingItsRow() {
    for (UiFixture.Viewport size : SIZES) {
      ui.viewport(size);
      ui.open("trace-seed-" + size.name(), "/ui/traces/" + ui.seedTraceId);
      // the trace itself is selected at first, with its own panel
      assertThat(panelText(".trace-facts")).contains(ui.seedTraceId);
      assertThat(attr("#tree .node.trace-node", "aria-selected")).isEqualTo("true");
      List<String> names = nodeNames();
      assertThat(names)
          .containsExactlyInAnyOrder(
              "handle-request",
              "retrieve-context",
              "cache-miss",
              "lookup-order",
              "draft-reply",
              "polish-reply");
      for (String name : names) {
        WebElement row = node(name);
        assertThat(width(row, ".node-name"))
            .as(name + "'s name width at " + size)
            .isGreaterThan(40);
        row.click();
        ui.waitUntil(d -> panelText(".panel-name").equals(name));
        if (name.equals("polish-reply")) {
          assertThat(panelText(".status-message")).contains("Rate limit exceeded");
          ui.screenshot("trace-seed-error-" + size.name());
        }
        if (name.equals("cache-miss")) assertThat(panelText(".panel-level")).isEqualTo("WARNING");
      }
      assertNotWiderThanTheViewport("trace-seed", size);
    }
  }

  @Test
  @Order(2)
  void aHundredLevelChain_showsTheDeepestNameAndOpensIt() {
    for (UiFixture.Viewport size : SIZES) {
      ui.viewport(size);
      ui.open("trace-chain-" + size.name(), "/ui/traces/" + CHAIN);
      ui.js("document.getElementById('tree').scrollTop = 1e6;");
      ui.waitUntil(d -> !ui.driver().findElements(nodeBy("level-100")).isEmpty());
      // the tree renders the rows the scroll reaches as scroll events arrive: wait until the
      // deepest row is rendered for good (a row found mid-render can be replaced under us)
      ui.waitUntil(
          d -> {
            try {
              return width(node("level-100"), ".node-name") > 0;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
              return false;
            }
          });
      WebElement deepest = node("level-100");
      assertThat(width(deepest, ".node-name")).as("level-100's name at " + size).isGreaterThan(40);
      assertThat(clipped(deepest, ".node-name"))
          .as("level-100's name cut short (an ellipsis) at " + size)
          .isFalse();
      ui.screenshot("trace-chain-bottom-" + size.name());
      deepest = node("level-100");
      assertThat(deepest.findElement(By.cssSelector(".node-name")).getText())
          .isEqualTo("level-100");
      deepest.findElement(By.cssSelector(".node-name")).click();
      ui.waitUntil(d -> panelText(".panel-name").equals("level-100"));
      assertNotWiderThanTheViewport("trace-chain", size);
    }
  }

  @Test
  @Order(3)
  void theKeyboard_walksTheTreeAndFocusStaysOnIt() {
    for (UiFixture.Viewport size : SIZES) {
      ui.viewport(size);
      ui.open("trace-keyboard-" + size.name(), "/ui/traces/" + ui.seedTraceId);
      node("handle-request").click();
      ui.waitUntil(d -> panelText(".panel-name").equals("handle-request"));
      assertThat(focused()).isEqualTo("handle-request");
      List<String> walked = new ArrayList<>(List.of(focused()));
      for (int i = 0; i < 5; i++) {
        press(Keys.ARROW_DOWN);
        walked.add(focused());
      }
      assertThat(walked).doesNotHaveDuplicates().hasSize(6).doesNotContain("");
      // selection follows the keys: the panel shows the focused node, and focus stayed in the tree
      String last = walked.getLast();
      ui.waitUntil(d -> panelText(".panel-name").equals(last));
      assertThat(focused()).isEqualTo(last);
      press("k");
      assertThat(focused()).isEqualTo(walked.get(4));
      press(Keys.HOME);
      assertThat(focused())
          .isEqualTo(ui.js("return document.getElementById('tree').dataset.traceName;"));
      press(Keys.ARROW_DOWN);
      press(Keys.ARROW_LEFT); // handle-request is open: closes it
      assertThat(
              attr(
                  "#tree .node[data-observation-id][aria-label='handle-request']", "aria-expanded"))
          .isEqualTo("false");
      assertThat(nodeNames()).containsExactly("handle-request");
      press(Keys.ARROW_RIGHT); // opens it again
      assertThat(nodeNames()).hasSize(6);
      press(Keys.ARROW_RIGHT); // to its first child
      String child = focused();
      assertThat(child).isNotEqualTo("handle-request");
      press(Keys.ENTER);
      ui.waitUntil(d -> panelText(".panel-name").equals(child));
      assertThat(focused()).as("focus after the panel loaded").isEqualTo(child);
      // "/" searches; Esc clears and returns to the tree
      press("/");
      assertThat(ui.js("return document.activeElement.id;")).isEqualTo("tree-search");
      ui.driver().switchTo().activeElement().sendKeys("draft");
      ui.waitUntil(d -> nodeNames().contains("draft-reply") && !nodeNames().contains("cache-miss"));
      ui.screenshot("trace-search-" + size.name());
      ui.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
      ui.waitUntil(d -> nodeNames().size() == 6);
    }
  }

  @Test
  @Order(4)
  void nextError_visitsEachOfFiveErrorsInTreeOrder() {
    for (UiFixture.Viewport size : SIZES) {
      ui.viewport(size);
      ui.open("trace-errors-" + size.name(), "/ui/traces/" + ERRORS);
      // collapsed steps hide the errors: the jump opens what it must
      new org.openqa.selenium.support.ui.Select(ui.driver().findElement(By.id("tree-depth")))
          .selectByValue("1");
      assertThat(nodeNames()).doesNotContain("call-2");
      assertThat(text("#error-pos")).isEqualTo("5 errors");
      for (int k = 1; k <= 6; k++) {
        ui.driver().findElement(By.id("next-error")).click();
        int n = (k - 1) % 5 + 1;
        String expected = "call-" + 2 * n;
        ui.waitUntil(d -> panelText(".panel-name").equals(expected));
        assertThat(panelText(".status-message")).isEqualTo("failure " + n);
        assertThat(text("#error-pos")).isEqualTo(n + " of 5 errors");
        assertThat(focused()).isEqualTo(expected);
        assertThat(
                attr(
                    "#tree .node[data-observation-id][aria-label='" + expected + "']",
                    "aria-selected"))
            .isEqualTo("true");
      }
      ui.screenshot("trace-errors-jumped-" + size.name());
      press("E"); // shift+e: back to the previous one (call-4 before call-2? wraps to call-10)
      ui.waitUntil(d -> panelText(".panel-name").equals("call-10"));
      assertNotWiderThanTheViewport("trace-errors", size);
    }
  }

  @Test
  @Order(5)
  void threeDialects_readAsChat() {
    for (UiFixture.Viewport size : SIZES) {
      ui.viewport(size);
      ui.open("trace-dialects-" + size.name(), "/ui/traces/" + DIALECTS);
      openNode("genai-parts");
      assertThat(messages(".io-input"))
          .containsExactly("system|You are a helpful bot", "user|Weather in Paris?");
      assertThat(panelText(".io-output .chat-message[data-role='assistant'] .tool-call-name"))
          .isEqualTo("get_weather");
      assertThat(panelText(".io-output .tool-call pre")).contains("\"location\"").contains("Paris");
      ui.screenshot("trace-dialect-genai-" + size.name());

      openNode("responses-items");
      assertThat(messages(".io-input"))
          .containsExactly(
              "user|What's the weather like in Paris today?",
              "assistant|",
              "tool|14°C and cloudy",
              "assistant|It is 14 °C and cloudy in Paris.");
      assertThat(panelText(".io-input .tool-call .tool-call-name")).isEqualTo("get_weather");
      assertThat(panelText(".io-input .tool-result .tool-call-id"))
          .isEqualTo("answers call_12345xyz");
      assertThat(messages(".io-output")).containsExactly("assistant|Paris is cloudy, 14 °C.");
      ui.screenshot("trace-dialect-responses-" + size.name());

      openNode("anthropic-blocks");
      assertThat(panelText(".io-output .chat-message[data-role='assistant'] .tool-call-name"))
          .isEqualTo("get_weather");
      assertThat(panelText(".io-output .tool-call .tool-call-id"))
          .isEqualTo("toolu_01A09q90qw90lq917835lq9");
      assertThat(panelText(".io-output .part.reasoning")).contains("I will use the tool");
      assertThat(panelText(".io-input .tool-result .text")).isEqualTo("15 degrees");
      // the inline image is served by the page's own origin and really loads
      ui.waitUntil(
          d ->
              Boolean.TRUE.equals(
                  ui.js(
                      "const i = document.querySelector('#panel .io-input figure.image img');"
                          + " return !!i && i.complete && i.naturalWidth === 1;")));
      // JSON view: the stored JSON as text; markdown back on after
      ui.driver()
          .findElement(By.cssSelector("#panel .io-output .io-tools [data-mode='json']"))
          .click();
      ui.waitUntil(d -> panelText(".io-output pre.io-json").contains("\"tool_use\""));
      ui.screenshot("trace-dialect-anthropic-" + size.name());
      ui.driver()
          .findElement(By.cssSelector("#panel .io-output .io-tools [data-mode='markdown']"))
          .click();
      assertThat(ui.takeCspViolations()).isEmpty();
    }
  }

  @Test
  @Order(5)
  void markdownRendersSafely_longTextIsFolded_rawDownloads() {
    ui.open("trace-markdown-1280", "/ui/traces/" + DIALECTS);
    openNode("markdown-and-long");
    ui.waitUntil(d -> !panelText(".io-output strong").isEmpty());
    assertThat(panelText(".io-output .md h4")).isEqualTo("Build log");
    assertThat(panelText(".io-output strong")).isEqualTo("second");
    assertThat(panelText(".io-output code")).isEqualTo("make test");
    // 200 lines are folded behind "show all"
    Object tall =
        ui.js(
            "return document.querySelector('#panel .io-output .folded').getBoundingClientRect().height;");
    assertThat(((Number) tall).doubleValue()).isLessThan(400);
    ui.driver().findElement(By.cssSelector("#panel .io-output button.show-all")).click();
    Object open =
        ui.js(
            "return document.querySelector('#panel .io-output pre.text').getBoundingClientRect().height;");
    assertThat(((Number) open).doubleValue()).isGreaterThan(1500);
    ui.screenshot("trace-markdown-open-1280");
    // Pretty shows the text as written
    ui.driver()
        .findElement(By.cssSelector("#panel .io-output .io-tools [data-mode='pretty']"))
        .click();
    assertThat(panelText(".io-output pre.text")).startsWith("## Build log").contains("**second**");
    ui.driver()
        .findElement(By.cssSelector("#panel .io-output .io-tools [data-mode='markdown']"))
        .click();
    // download raw: the API's JSON of the observation
    String href =
        ui.driver().findElement(By.cssSelector("#panel a.raw-link")).getDomAttribute("href");
    Object raw =
        ((org.openqa.selenium.JavascriptExecutor) ui.driver())
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " fetch(arguments[0]).then(r => r.json()).then(j => done(j.name + '|' + j.type));",
                href);
    assertThat(String.valueOf(raw)).isEqualTo("markdown-and-long|GENERATION");
    assertThat(ui.takeCspViolations()).isEmpty();
  }

  @Test
  @Order(6)
  void theGraph_drawsAgentsToolsAndGenerationsWithRepeatedCallsCounted() {
    ui.open("trace-graph", "/ui/traces/" + ERRORS);
    ui.driver().findElement(By.cssSelector(".view-tabs [data-view='graph']")).click();
    ui.waitUntil(d -> !d.findElements(By.cssSelector("#graph .graph-node")).isEmpty());
    ui.screenshot("trace-graph-1280");
    @SuppressWarnings("unchecked")
    List<String> nodes =
        (List<String>)
            ui.js(
                "return [...document.querySelectorAll('#graph .graph-node')].map(n => n.dataset.key);");
    assertThat(nodes).contains("trace", "AGENT:agent", "GENERATION:call-1", "GENERATION:call-10");
    ui.driver()
        .findElement(By.cssSelector("#graph .graph-node[data-key='GENERATION:call-4']"))
        .click();
    ui.waitUntil(d -> panelText(".panel-name").equals("call-4"));
  }

  // ---------------------------------------------------------------------------------------------

  private void openNode(String name) {
    node(name).click();
    ui.waitUntil(d -> panelText(".panel-name").equals(name));
  }

  /** {@code role|text} of each message of a panel section (markdown rendered as text). */
  private List<String> messages(String section) {
    @SuppressWarnings("unchecked")
    List<String> out =
        (List<String>)
            ui.js(
                "return [...document.querySelectorAll('#panel ' + arguments[0] + ' .chat-message')]"
                    + ".map(m => m.dataset.role + '|' + [...m.querySelectorAll('.part.text, .tool-result > .text')]"
                    + ".map(p => p.textContent.trim()).join(' '));",
                section);
    return out;
  }

  private void assertNotWiderThanTheViewport(String page, UiFixture.Viewport size) {
    Object wide =
        ui.js(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) wide).longValue())
        .as(page + " overflows at " + size)
        .isLessThanOrEqualTo(0);
  }

  private By nodeBy(String name) {
    return By.cssSelector("#tree .node[data-observation-id][aria-label='" + name + "']");
  }

  private WebElement node(String name) {
    List<WebElement> found = ui.driver().findElements(nodeBy(name));
    assertThat(found).as("node " + name).hasSize(1);
    return found.getFirst();
  }

  private List<String> nodeNames() {
    @SuppressWarnings("unchecked")
    List<String> names =
        (List<String>)
            ui.js(
                "return [...document.querySelectorAll('#tree .node[data-observation-id]')]"
                    + ".map(n => n.getAttribute('aria-label'));");
    return names;
  }

  /** True when the text of {@code css} in the row is wider than its box (drawn with "…"). */
  private boolean clipped(WebElement row, String css) {
    Object c =
        ui.js(
            "const e = arguments[0].querySelector(arguments[1]);"
                + " return e.scrollWidth > e.clientWidth;",
            row,
            css);
    return Boolean.TRUE.equals(c);
  }

  private long width(WebElement row, String css) {
    Object w =
        ui.js(
            "return arguments[0].querySelector(arguments[1]).getBoundingClientRect().width;",
            row,
            css);
    return Math.round(((Number) w).doubleValue());
  }

  /** The aria-label of the focused element when it is a tree row, else "". */
  private String focused() {
    return String.valueOf(
        ui.js(
            "const a = document.activeElement;"
                + " return a && a.matches('#tree .node') ? a.getAttribute('aria-label') : '';"));
  }

  private void press(CharSequence key) {
    new Actions(ui.driver()).sendKeys(key).perform();
  }

  private String attr(String css, String name) {
    return ui.driver().findElement(By.cssSelector(css)).getDomAttribute(name);
  }

  private String text(String css) {
    return ui.driver().findElement(By.cssSelector(css)).getText().trim();
  }

  private String panelText(String selector) {
    Object text =
        ui.js(
            "const e = document.querySelector('#panel ' + arguments[0]);"
                + " return e ? e.textContent.trim() : '';",
            selector);
    return String.valueOf(text);
  }

  private static ObjectNode trace(String id, String name, Instant t) {
    ObjectNode trace = Ingest.object();
    trace.put("id", id);
    trace.put("name", name);
    trace.put("timestamp", t.toString());
    return Ingest.event("trace-create", trace);
  }

  private static ObjectNode span(String traceId, String name, Instant start) {
    ObjectNode span = Ingest.object();
    span.put("id", traceId + "-" + name);
    span.put("traceId", traceId);
    span.put("name", name);
    span.put("startTime", start.toString());
    return span;
  }

  private static ObjectNode generation(String name, String input, String output, Instant t) {
    ObjectNode gen = span(DIALECTS, name, t);
    gen.put("endTime", t.plusMillis(500).toString());
    gen.put("model", "gpt-4o");
    gen.set("input", Ingest.read(input));
    gen.set("output", Ingest.read(output));
    return Ingest.event("generation-create", gen);
  }

  // The examples of ChatReaderTest's dialects, as clients store them.
  static final String GENAI_INPUT =
      """
      [{"role": "system", "parts": [{"type": "text", "content": "You are a helpful bot"}]},
       {"role": "user", "parts": [{"type": "text", "content": "Weather in Paris?"}]}]
      """;
  static final String GENAI_OUTPUT =
      """
      [{"role": "assistant", "parts": [{"type": "tool_call", "id": "call_VSPygqKTWdrhaFErNvMV18Yl",
        "name": "get_weather", "arguments": {"location": "Paris"}}], "finish_reason": "tool_call"}]
      """;
  static final String RESPONSES_INPUT =
      """
      [{"role": "user", "content": "What's the weather like in Paris today?"},
       {"type": "function_call", "id": "fc_12345xyz", "call_id": "call_12345xyz",
        "name": "get_weather", "arguments": "{\\"location\\":\\"Paris, France\\"}"},
       {"type": "function_call_output", "call_id": "call_12345xyz", "output": "14°C and cloudy"},
       {"type": "message", "role": "assistant", "content": [{"type": "output_text",
        "text": "It is 14 °C and cloudy in Paris."}]}]
      """;
  static final String RESPONSES_OUTPUT =
      """
      {"id": "resp_1", "object": "response", "model": "gpt-4o", "status": "completed",
       "output": [{"type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
         "content": [{"type": "output_text", "text": "Paris is cloudy, 14 °C.", "annotations": []}]}],
       "usage": {"input_tokens": 36, "output_tokens": 9}}
      """;
  static final String ANTHROPIC_INPUT =
      """
      {"system": "You are a weather bot.", "messages": [
        {"role": "user", "content": [
          {"type": "image", "source": {"type": "base64", "media_type": "image/png",
           "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}},
          {"type": "text", "text": "What's the weather like in San Francisco?"}]},
        {"role": "user", "content": [
          {"type": "tool_result", "tool_use_id": "toolu_00", "content": "15 degrees"}]}]}
      """;
  static final String ANTHROPIC_OUTPUT =
      """
      {"id": "msg_01Aq9w938a90dw8q", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
       "content": [
         {"type": "thinking", "thinking": "The user wants the weather; I will use the tool.", "signature": "EqQB"},
         {"type": "text", "text": "I'll check the current weather in San Francisco for you."},
         {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
          "input": {"location": "San Francisco, CA", "unit": "celsius"}}],
       "stop_reason": "tool_use", "usage": {"input_tokens": 472, "output_tokens": 91}}
      """;
}
