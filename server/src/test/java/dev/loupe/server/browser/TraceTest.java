package dev.loupe.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The seed's own "verify" step in a browser: find the seed trace (sent by the real Langfuse
 * TypeScript SDK) with the list's filters, open it, and see the tree: {@code draft-reply} under
 * {@code handle-request} with gpt-4o, {@code 42 / 17} tokens and its cost, the failed {@code
 * polish-reply} marked, the tool's arguments and result in its panel.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraceTest extends BrowserTest {
  /** One {@code .node} as drawn: its own children only, not its descendants'. */
  record Node(
      String id,
      String parentId,
      String name,
      String type,
      String model,
      String tokens,
      String cost,
      boolean error) {}

  private static final String READ_TREE =
      """
      return [...document.querySelectorAll('#tree .node[data-observation-id]')].map(n => {
        const own = sel => {
          const e = [...n.querySelectorAll(sel)].find(x => x.closest('.node') === n);
          return e ? e.textContent.trim() : '';
        };
        return [n.dataset.observationId, n.dataset.parentId || '', own('.node-name'),
          own('.node-type'), own('.node-model'), own('.node-tokens'), own('.node-cost'),
          n.classList.contains('node-error') ? 'error' : ''];
      });
      """;

  @Test
  @Order(1)
  void list_showsTheTracesTableWithNewestFirst() {
    ui.open("traces", "/ui/traces");
    assertThat(ui.driver().findElements(By.cssSelector("form#trace-filters"))).hasSize(1);
    List<String> ids = rowIds();
    assertThat(ids).isNotEmpty();
    // the seed trace was sent before the generated ones but is the newest
    assertThat(ids.getFirst()).isEqualTo(ui.seedTraceId);
    assertThat(ui.driver().findElements(By.cssSelector("th a.sort[data-sort]"))).hasSize(5);
    // a trace with a generation of a model without a price never reads as a complete figure
    ui.open("traces-unpriced", "/ui/traces?q=" + ui.data.unpricedTraceId);
    assertThat(
            ui.driver()
                .findElement(
                    By.cssSelector(
                        "tr.trace-row[data-trace-id='" + ui.data.unpricedTraceId + "'] td.cost"))
                .getText())
        .contains("no price");
  }

  @Test
  @Order(2)
  void filterByNameAndUser_findsOnlyTheSeedTrace() {
    ui.open("traces", "/ui/traces");
    fill("q", "handle-request");
    fill("userId", "user-123");
    long t0 = System.nanoTime();
    ui.js("document.querySelector('form#trace-filters').requestSubmit();");
    ui.waitUntil(
        d ->
            Boolean.TRUE.equals(
                    ui.js("return document.documentElement.hasAttribute('data-loupe-ready');"))
                && rowIds().equals(List.of(ui.seedTraceId)));
    UiFixture.timing("traces-filtered", (System.nanoTime() - t0) / 1_000_000);
    ui.screenshot("traces-filtered");
    String name =
        ui.driver()
            .findElement(
                By.cssSelector("tr.trace-row[data-trace-id='" + ui.seedTraceId + "'] td.name"))
            .getText();
    assertThat(name).isEqualTo("handle-request");
  }

  @Test
  @Order(3)
  void theFoundTrace_opensFromItsRow() {
    ui.open("traces-filtered-url", "/ui/traces?q=handle-request&userId=user-123");
    ui.navigateBy(
        "trace-seed",
        () ->
            ui.driver()
                .findElement(
                    By.cssSelector(
                        "tr.trace-row[data-trace-id='" + ui.seedTraceId + "'] a.trace-link"))
                .click());
    assertThat(ui.driver().getCurrentUrl()).endsWith("/ui/traces/" + ui.seedTraceId);
    assertThat(tree()).containsKeys("handle-request", "draft-reply");
  }

  @Test
  @Order(4)
  void theTree_showsDraftReplyUnderHandleRequestWithModelTokensAndCost() {
    openSeedTrace();
    Map<String, Node> byName = tree();
    assertThat(byName)
        .containsOnlyKeys(
            "handle-request",
            "retrieve-context",
            "cache-miss",
            "lookup-order",
            "draft-reply",
            "polish-reply");
    Map<String, Node> byId = new HashMap<>();
    byName.values().forEach(n -> byId.put(n.id(), n));
    Node root = byName.get("handle-request");
    assertThat(root.parentId()).isEmpty();
    assertThat(root.type()).isEqualTo("SPAN");

    Node draft = byName.get("draft-reply");
    assertThat(ancestors(draft, byId)).contains("handle-request");
    assertThat(draft.type()).isEqualTo("GENERATION");
    assertThat(draft.model()).isEqualTo("gpt-4o");
    assertThat(draft.tokens()).isEqualTo("42 / 17");
    // 42 x $2.5/M input + 17 x $10/M output
    assertThat(draft.cost()).contains("0.000275");
    assertThat(draft.error()).isFalse();
    // subtree cost on the parent: draft-reply is the only priced observation
    assertThat(root.cost()).contains("0.000275");

    assertThat(ancestors(byName.get("cache-miss"), byId))
        .containsExactly("retrieve-context", "handle-request");
    assertThat(byName.get("lookup-order").type()).isEqualTo("TOOL");
    assertThat(byName.get("cache-miss").type()).isEqualTo("EVENT");

    // one timeline bar per observation
    for (Node n : byName.values())
      assertThat(
              ui.driver()
                  .findElements(By.cssSelector(".bar[data-observation-id='" + n.id() + "']")))
          .as("timeline bar of " + n.name())
          .hasSize(1);
  }

  @Test
  @Order(5)
  void theFailedGeneration_isMarkedAsAnError() {
    openSeedTrace();
    Map<String, Node> byName = tree();
    assertThat(byName).containsKey("polish-reply");
    assertThat(byName.get("polish-reply").error()).isTrue();
    assertThat(byName.get("polish-reply").model()).isEqualTo("gpt-4o-mini");
    assertThat(byName.values().stream().filter(Node::error).map(Node::name))
        .containsExactly("polish-reply");

    select("polish-reply", "GENERATION");
    ui.screenshot("trace-seed-error-panel");
    assertThat(panel(".status-message"))
        .contains("Rate limit exceeded: fake upstream returned 429");
  }

  @Test
  @Order(6)
  void clickingTheTool_showsItsArgumentsAndResult() {
    openSeedTrace();
    select("lookup-order", "TOOL");
    ui.waitUntil(d -> panel(".io-output").contains("shipped"));
    ui.screenshot("trace-seed-tool-panel");
    assertThat(panel(".io-input")).contains("orderId").contains("A-1001");
    assertThat(panel(".io-output"))
        .contains("orderId")
        .contains("A-1001")
        .contains("shipped")
        .contains("carrier")
        .contains("UPS");
  }

  @Test
  @Order(7)
  void clickingTheGeneration_showsModelUsageCostAndMessages() {
    openSeedTrace();
    select("draft-reply", "GENERATION");
    ui.screenshot("trace-seed-generation-panel");
    assertThat(
            ui.driver()
                .findElement(By.cssSelector("#panel .panel-model a"))
                .getDomAttribute("href"))
        .isEqualTo("/ui/models?model=gpt-4o");
    assertThat(panel(".usage")).contains("42").contains("17");
    // input 42 x 2.5e-6, output 17 x 1e-5
    assertThat(panel(".cost-details")).contains("0.000105").contains("0.00017");
    List<String> roles =
        ui.driver().findElements(By.cssSelector("#panel .io-input .chat-message .role")).stream()
            .map(e -> e.getText().trim().toLowerCase(java.util.Locale.ROOT))
            .toList();
    assertThat(roles).containsExactly("system", "user");
    assertThat(panel(".io-input")).contains("Where is my order A-1001? It has been a week.");
    assertThat(panel(".io-output")).contains("Hi Ada, your order A-1001 shipped yesterday");
  }

  @Test
  @Order(8)
  void aNodeClickedAfterTheSessionEnded_takesThePageToSignIn() {
    openSeedTrace();
    ui.driver().manage().deleteCookieNamed("loupe_session");
    ui.driver()
        .findElement(
            By.cssSelector(
                ".node[data-observation-id='" + tree().get("draft-reply").id() + "'] .node-name"))
        .click();

    ui.waitUntil(d -> d.getCurrentUrl().endsWith("/ui/login"));
    ui.signIn(UiFixture.PK, UiFixture.SK, "login-again");
  }

  private void openSeedTrace() {
    ui.open("trace-seed", "/ui/traces/" + ui.seedTraceId);
  }

  /** Clicks a node's own name and waits for its panel (the page is fresh: no panel before). */
  private void select(String name, String type) {
    Node node = tree().get(name);
    assertThat(node).as("node " + name + " in #tree").isNotNull();
    ui.driver()
        .findElements(
            By.cssSelector("#tree .node[data-observation-id='" + node.id() + "'] .node-name"))
        .getFirst()
        .click();
    ui.waitUntil(d -> panel(".panel-type").contains(type));
  }

  /** Text of {@code #panel <selector>}, or "" while it is not there. */
  private String panel(String selector) {
    Object text =
        ui.js(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
            ("#panel " + selector).trim());
    return String.valueOf(text);
  }

  private Map<String, Node> tree() {
    @SuppressWarnings("unchecked")
    List<List<Object>> rows = (List<List<Object>>) ui.js(READ_TREE);
    Map<String, Node> byName = new HashMap<>();
    for (List<Object> r : rows) {
      Node n =
          new Node(
              (String) r.get(0),
              (String) r.get(1),
              (String) r.get(2),
              (String) r.get(3),
              (String) r.get(4),
              (String) r.get(5),
              (String) r.get(6),
              "error".equals(r.get(7)));
      assertThat(byName.put(n.name(), n)).as("one node named " + n.name()).isNull();
    }
    return byName;
  }

  /** Names of a node's ancestors, nearest first, following data-parent-id. */
  private static List<String> ancestors(Node node, Map<String, Node> byId) {
    List<String> names = new java.util.ArrayList<>();
    for (Node n = byId.get(node.parentId()); n != null; n = byId.get(n.parentId())) {
      names.add(n.name());
      if (names.size() > byId.size()) throw new AssertionError("data-parent-id cycle");
    }
    return names;
  }

  private List<String> rowIds() {
    @SuppressWarnings("unchecked")
    List<String> ids =
        (List<String>)
            ui.js(
                "return [...document.querySelectorAll('tbody#trace-rows tr.trace-row')]"
                    + ".map(r => r.dataset.traceId);");
    return ids;
  }

  private void fill(String name, String value) {
    var input = ui.driver().findElement(By.cssSelector("form#trace-filters [name='" + name + "']"));
    input.clear();
    input.sendKeys(value);
  }
}
