package dev.loupe.server.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.Json;
import dev.loupe.server.InitProject;
import dev.loupe.server.ui.UiClient;
import dev.loupe.server.ui.UiTestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trace page over real HTTP: the tree rows the page script draws (nesting, subtree cost, error
 * marks), the observation panel fragment, escaping of hostile content, project isolation, and the
 * size and render time of a 10,000-observation trace.
 */
class TraceDetailHttpTest {
  private static final String PK_A = "pk-lf-tr-a";
  private static final String SK_A = "sk-lf-tr-a";
  private static final String PK_B = "pk-lf-tr-b";
  private static final String SK_B = "sk-lf-tr-b";
  private static final String HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)>";
  private static final Pattern TREE = Pattern.compile("data-tree=\"([^\"]*)\"");

  @RegisterExtension
  final UiClient ui =
      UiTestServer.memory(InitProject.of("tr-a", PK_A, SK_A, "lma_tr_a"))
          .withProject("tr-b", PK_B, SK_B)
          .client();

  @Test
  void page_showsTheTraceFactsWithUserAndSessionLinks() throws Exception {
    ui.ingest(PK_A, SK_A, agentRun("t1"));
    String html = page("/ui/traces/t1", ui.signIn(PK_A, SK_A));

    assertThat(html)
        .contains("<h1 class=\"trace-name\">support-agent</h1>")
        .contains("href=\"/ui/traces?userId=user+7%26x\"")
        .contains("href=\"/ui/sessions/sess%203\"")
        .contains("<span class=\"tag\">beta</span>")
        .contains("<dd class=\"trace-environment\">staging</dd>")
        .contains("<dd class=\"trace-release\">r-12</dd>")
        .contains("<dd class=\"trace-latency\">2.00 s</dd>")
        .contains("<dd class=\"trace-cost\">$0.0015</dd>")
        .contains("class=\"trace-input\"")
        .contains("data-deferred-ready")
        .contains("src=\"/ui/static/trace.js\"");
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "trace-small.html"), html);
  }

  @Test
  void tree_nestsDepthFirstWithParentIdsTypesTokensAndTimes() throws Exception {
    ui.ingest(PK_A, SK_A, agentRun("t2"));
    JsonNode rows = rows(page("/ui/traces/t2", ui.signIn(PK_A, SK_A)));

    assertThat(ids(rows))
        .containsExactly("t2-root", "t2-gen", "t2-tool", "t2-gen2", "t2-err", "t2-event");
    Map<String, JsonNode> byId = byId(rows);
    assertThat(parentId(rows, byId.get("t2-root"))).isEmpty();
    assertThat(parentId(rows, byId.get("t2-gen"))).isEqualTo("t2-root");
    assertThat(parentId(rows, byId.get("t2-tool"))).isEqualTo("t2-gen");
    assertThat(parentId(rows, byId.get("t2-err"))).isEqualTo("t2-root");
    assertThat(byId.get("t2-tool").get(2).asInt()).as("depth").isEqualTo(2);
    assertThat(byId.get("t2-root").get(3).asInt()).as("subtree end").isEqualTo(6);
    assertThat(byId.get("t2-gen").get(3).asInt()).as("subtree end").isEqualTo(3);
    JsonNode gen = byId.get("t2-gen");
    assertThat(gen.get(4).asText()).isEqualTo("GENERATION");
    assertThat(gen.get(5).asText()).isEqualTo("draft-reply");
    assertThat(gen.get(10).asText()).isEqualTo("gpt-4o");
    assertThat(gen.get(11).asText()).isEqualTo("42 / 17");
    assertThat(gen.get(7).asLong()).as("start offset µs").isEqualTo(100_000);
    assertThat(gen.get(8).asLong()).as("duration µs").isEqualTo(800_000);
    assertThat(gen.get(9).asLong()).as("ttft µs").isEqualTo(250_000);
    assertThat(byId.get("t2-tool").get(4).asText()).isEqualTo("TOOL");
    assertThat(byId.get("t2-tool").get(9).asLong()).as("no ttft").isEqualTo(-1);
  }

  @Test
  void tree_parentsShowSubtreeCostAndErrorsAreFlagged() throws Exception {
    ui.ingest(PK_A, SK_A, agentRun("t3"));
    Map<String, JsonNode> byId = byId(rows(page("/ui/traces/t3", ui.signIn(PK_A, SK_A))));

    assertThat(byId.get("t3-gen").get(12).asText()).as("own + tool's").isEqualTo("$0.0003");
    assertThat(byId.get("t3-gen2").get(12).asText()).isEqualTo("$0.0012");
    assertThat(byId.get("t3-root").get(12).asText()).as("whole subtree").isEqualTo("$0.0015");
    assertThat(byId.get("t3-err").get(12).asText()).isEqualTo("no price");
    assertThat(byId.get("t3-err").get(6).asText()).isEqualTo("ERROR");
    assertThat(byId.get("t3-err").get(13).asInt() & TraceTree.ERROR).isNotZero();
    assertThat(byId.get("t3-root").get(13).asInt())
        .as("an error and an unpriced call below")
        .isEqualTo(TraceTree.ERROR_BELOW | TraceTree.UNPRICED);
    assertThat(byId.get("t3-gen").get(13).asInt()).isZero();
  }

  @Test
  void tree_hostileNamesStayEscapedDataForTextContent() throws Exception {
    ui.ingest(PK_A, SK_A, agentRun("t4"));
    ui.ingest(
        PK_A,
        SK_A,
        Json.write(
            event(
                "t4-bad",
                "span-create",
                body("t4-bad", "t4", "t4-root", HOSTILE, "2026-01-05T10:00:01.300Z")
                    .put("endTime", "2026-01-05T10:00:01.400Z"))));
    String html = page("/ui/traces/t4", ui.signIn(PK_A, SK_A));

    assertThat(html).doesNotContain("<img").doesNotContain("<script>alert");
    assertThat(byId(rows(html)).get("t4-bad").get(5).asText()).isEqualTo(HOSTILE);
    assertThat(java.util.Arrays.stream(html.split("<script", -1)).skip(1).toList())
        .allSatisfy(tag -> assertThat(tag).startsWith(" src=\"/ui/static/"));
  }

  @Test
  void tree_orphansOfAMissingRoot_areMarkedAndExplained() throws Exception {
    ui.ingest(
        PK_A,
        SK_A,
        Json.write(
            event(
                "orphan-1",
                "span-create",
                body("orphan-1", "t-orphans", "root-never-sent", "step", "2026-01-05T10:00:01Z"))));
    ui.ingest(
        PK_A,
        SK_A,
        Json.write(
            event(
                "orphan-2",
                "span-create",
                body("orphan-2", "t-orphans", "orphan-1", "child", "2026-01-05T10:00:02Z"))));

    String html = page("/ui/traces/t-orphans", ui.signIn(PK_A, SK_A));

    assertThat(html).contains("1 observation names a parent that has not arrived");
    Map<String, JsonNode> byId = byId(rows(html));
    assertThat(byId.get("orphan-1").get(13).asInt() & TraceTree.MISSING_PARENT).isNotZero();
    assertThat(byId.get("orphan-2").get(13).asInt() & TraceTree.MISSING_PARENT).isZero();
  }

  @Test
  void panel_rendersChatMessagesModelUsageCostTimingsAndNotes() throws Exception {
    ui.ingest(PK_A, SK_A, agentRun("t5"));
    String session = ui.signIn(PK_A, SK_A);

    HttpResponse<String> r = ui.get("/ui/traces/t5/observations/t5-gen", session);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
    String html = r.body();
    assertThat(html).doesNotContain("<html").doesNotContain("<script");
    assertThat(html)
        .contains("<span class=\"panel-type\">GENERATION</span>")
        .contains("<dd class=\"panel-model\"><a href=\"/ui/models?model=gpt-4o\">gpt-4o</a>")
        .contains("<dl class=\"facts model-parameters\">")
        .contains("<dt>temperature</dt><dd>0.2</dd>")
        .contains("<dl class=\"facts usage\">")
        .contains("<dt>input</dt><dd>42</dd>")
        .contains("<dl class=\"facts cost-details\">")
        .contains("<dt>output</dt><dd>$0.0002</dd>")
        .contains("<dt>Start</dt><dd>2026-01-05 10:00:00.100 UTC</dd>")
        .contains("<dd class=\"panel-latency\">800 ms</dd>")
        .contains("<dd class=\"panel-ttft\">250 ms</dd>")
        .contains("<dd class=\"panel-tps\">21.3 tokens/s</dd>")
        .contains("class=\"io io-input\"")
        .contains("class=\"io io-output\"")
        .contains("<pre class=\"json metadata\">")
        .contains("<dl class=\"facts mapping-notes\">")
        .contains("ingestion event generation-create");
    // input: system + user (content parts) + assistant tool call + tool answer; output: one message
    assertThat(count(html, "class=\"chat-message\"")).isEqualTo(5);
    assertThat(html)
        .contains("<div class=\"chat-message\" data-role=\"system\">")
        .contains("<span class=\"role\">user</span>")
        .contains("<div class=\"part text\">What is the weather in Paris?</div>")
        // an image URL is a link now (issue 13: images as images, http URLs as links)
        .contains(
            "<span class=\"part-kind\">image</span> <a class=\"media-link\""
                + " href=\"https://example.test/map.png\" target=\"_blank\""
                + " rel=\"noopener noreferrer\">https://example.test/map.png</a>")
        .contains("<span class=\"tool-call-name\">get_weather</span>")
        .contains("\"city\" : \"Paris\"")
        .contains("answers call_1")
        .contains("<pre class=\"json part\" data-kind=\"json\">{\n  \"celsius\" : 21\n}</pre>")
        .contains("<div class=\"part text\">It is 21 °C in Paris.</div>");
  }

  @Test
  void panel_messagesWrapperAndPlainJson() throws Exception {
    ui.ingest(PK_A, SK_A, agentRun("t6"));
    String session = ui.signIn(PK_A, SK_A);

    String gen2 = ui.get("/ui/traces/t6/observations/t6-gen2", session).body();
    String root = ui.get("/ui/traces/t6/observations/t6-root", session).body();

    assertThat(count(gen2, "class=\"chat-message\"")).isEqualTo(1);
    assertThat(gen2)
        .contains("<pre class=\"json io-rest\">")
        .contains("\"tools\" : [ \"get_weather\" ]");
    assertThat(root)
        .doesNotContain("chat-message")
        .contains("<pre class=\"json\">{\n  \"ticket\" : 4711\n}</pre>")
        .doesNotContain("cost-details");
  }

  @Test
  void panel_toolShowsArgumentsAndResult_unpricedSaysNoPrice_errorShowsStatus() throws Exception {
    ui.ingest(PK_A, SK_A, agentRun("t7"));
    String session = ui.signIn(PK_A, SK_A);

    String tool = ui.get("/ui/traces/t7/observations/t7-tool", session).body();
    String err = ui.get("/ui/traces/t7/observations/t7-err", session).body();

    assertThat(tool)
        .contains("<span class=\"panel-type\">TOOL</span>")
        .contains("<h3>Arguments</h3>")
        .contains("<h3>Result</h3>")
        .contains("\"city\" : \"Paris\"")
        .contains("\"celsius\" : 21");
    assertThat(tool.indexOf("io-input")).isLessThan(tool.indexOf("Arguments"));
    assertThat(err)
        .contains("<p class=\"cost-details no-price\">no price</p>")
        .contains("<p class=\"status-message\">rate limited</p>")
        .contains("panel-error")
        .contains("<span class=\"panel-level\" data-level=\"ERROR\">ERROR</span>");
  }

  @Test
  void panel_escapesHostileContent() throws Exception {
    ui.ingest(PK_A, SK_A, agentRun("t8"));
    ObjectNode b = body("t8-bad", "t8", "t8-root", HOSTILE, "2026-01-05T10:00:01.300Z");
    b.put("model", HOSTILE).put("statusMessage", HOSTILE).put("level", "ERROR");
    b.putArray("input").addObject().put("role", HOSTILE).put("content", HOSTILE);
    b.putObject("metadata").put(HOSTILE, HOSTILE);
    b.putObject("modelParameters").put("x", HOSTILE);
    ui.ingest(PK_A, SK_A, Json.write(event("t8-bad", "generation-create", b)));

    String html = ui.get("/ui/traces/t8/observations/t8-bad", ui.signIn(PK_A, SK_A)).body();

    assertThat(html).doesNotContain("<img").doesNotContain("<script");
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;")
        .contains("href=\"/ui/models?model=%3Cscript%3Ealert%281%29");
  }

  @Test
  void panel_is404ForAnObservationOfAnotherTraceOrProject() throws Exception {
    ui.ingest(PK_A, SK_A, agentRun("t9"));
    ui.ingest(PK_A, SK_A, agentRun("t10"));
    ui.ingest(PK_B, SK_B, agentRun("tb"));
    String session = ui.signIn(PK_A, SK_A);

    assertThat(ui.get("/ui/traces/t9/observations/t9-gen", session).statusCode()).isEqualTo(200);
    assertThat(ui.get("/ui/traces/t9/observations/t10-gen", session).statusCode()).isEqualTo(404);
    assertThat(ui.get("/ui/traces/t9/observations/tb-gen", session).statusCode()).isEqualTo(404);
    assertThat(ui.get("/ui/traces/tb/observations/tb-gen", session).statusCode()).isEqualTo(404);
    assertThat(ui.get("/ui/traces/t9/observations/nope", session).statusCode()).isEqualTo(404);
    HttpResponse<String> foreign =
        ui.get("/ui/traces/tb/observations/tb-gen", ui.signIn(PK_B, SK_B));
    assertThat(foreign.statusCode()).isEqualTo(200);
  }

  /**
   * A 10,000-observation trace (a root, 99 agent spans each with 100 generations, chained three
   * deep) ingested over HTTP: the page stays small and renders fast.
   */
  @Test
  void tenThousandObservations_pageSizeAndRenderTime() throws Exception {
    String traceId = "big";
    Instant t0 = Instant.parse("2026-01-05T10:00:00Z");
    java.util.List<ObjectNode> events = new java.util.ArrayList<>();
    events.add(
        event("big-root", "span-create", body("big-root", traceId, null, "root", t0.toString())));
    for (int a = 0; a < 99; a++) {
      String agent = "big-a" + a;
      Instant as = t0.plusMillis(a * 100L);
      ObjectNode ab = body(agent, traceId, "big-root", "agent-step-" + a, as.toString());
      ab.put("endTime", as.plusMillis(95).toString());
      events.add(event(agent, "agent-create", ab));
      for (int g = 0; g < 100; g++) {
        String id = agent + "-g" + g;
        Instant gs = as.plusMillis(g % 90);
        String parent = g % 3 == 0 ? agent : agent + "-g" + (g - 1);
        ObjectNode gb = body(id, traceId, parent, "llm-call-" + g, gs.toString());
        gb.put("endTime", gs.plusMillis(2).toString())
            .put("completionStartTime", gs.plusMillis(1).toString())
            .put("model", "gpt-4o-mini");
        gb.putObject("usageDetails").put("input", 100 + g).put("output", 20);
        if (g == 50) gb.put("level", "ERROR").put("statusMessage", "boom");
        events.add(event(id, "generation-create", gb));
      }
    }
    assertThat(events).hasSize(10_000);
    for (int from = 0; from < events.size(); from += 2000) {
      ArrayNode chunk = Json.MAPPER.createArrayNode().add(traceEvent(traceId));
      for (ObjectNode e : events.subList(from, Math.min(events.size(), from + 2000)))
        chunk.add(e.get("batch").get(0));
      ObjectNode batch = Json.MAPPER.createObjectNode();
      batch.set("batch", chunk);
      ui.ingest(PK_A, SK_A, Json.write(batch));
    }
    String session = ui.signIn(PK_A, SK_A);

    ui.get("/ui/traces/big", session); // warm up templates and JIT
    long best = Long.MAX_VALUE;
    String html = "";
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      HttpResponse<String> r = ui.get("/ui/traces/big", session);
      best = Math.min(best, System.nanoTime() - start);
      html = r.body();
      assertThat(r.statusCode()).isEqualTo(200);
    }
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;
    JsonNode rows = rows(html);
    assertThat(rows.size()).isEqualTo(10_000);
    assertThat(tree(html).get("strings").toString())
        .isEqualTo(
            "[\"\",\"SPAN\",\"DEFAULT\",\"AGENT\",\"GENERATION\",\"gpt-4o-mini\",\"ERROR\"]");
    System.out.printf(
        "trace page, %d observations: %d bytes HTML, best of 5 server round trips %d ms%n",
        rows.size(), bytes, best / 1_000_000);
    Path out = Path.of("target", "trace-10k.html");
    Files.createDirectories(out.getParent());
    Files.writeString(out, html);
    assertThat(bytes).isLessThan(4_000_000);
    assertThat(best / 1_000_000).isLessThan(1_000);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A support agent run: root span (I/O) → draft-reply generation (chat input with content parts
   * and tool calls, TTFT, parameters, provided cost) → get_weather tool; a second generation with a
   * {@code messages} wrapper; an unpriced failing generation; an event.
   */
  private static String agentRun(String t) {
    return """
        {"batch": [
          {"id": "%1$s-e1", "timestamp": "2026-01-05T10:00:00.000Z", "type": "trace-create",
           "body": {"id": "%1$s", "name": "support-agent", "userId": "user 7&x", "sessionId": "sess 3",
                    "tags": ["beta"], "environment": "staging", "release": "r-12",
                    "timestamp": "2026-01-05T10:00:00.000Z", "input": {"ticket": 4711},
                    "output": "Answered"}},
          {"id": "%1$s-e2", "timestamp": "2026-01-05T10:00:00.000Z", "type": "span-create",
           "body": {"id": "%1$s-root", "traceId": "%1$s", "name": "handle-request",
                    "startTime": "2026-01-05T10:00:00.000Z", "endTime": "2026-01-05T10:00:02.000Z",
                    "input": {"ticket": 4711}}},
          {"id": "%1$s-e3", "timestamp": "2026-01-05T10:00:00.100Z", "type": "generation-create",
           "body": {"id": "%1$s-gen", "traceId": "%1$s", "parentObservationId": "%1$s-root",
                    "name": "draft-reply", "model": "gpt-4o",
                    "modelParameters": {"temperature": 0.2, "max_tokens": 256},
                    "startTime": "2026-01-05T10:00:00.100Z", "endTime": "2026-01-05T10:00:00.900Z",
                    "completionStartTime": "2026-01-05T10:00:00.350Z",
                    "usageDetails": {"input": 42, "output": 17},
                    "costDetails": {"input": 0.0001, "output": 0.0002},
                    "metadata": {"attempt": 1},
                    "input": [
                      {"role": "system", "content": "You are helpful."},
                      {"role": "user", "content": [
                        {"type": "text", "text": "What is the weather in Paris?"},
                        {"type": "image_url", "image_url": {"url": "https://example.test/map.png"}}]},
                      {"role": "assistant", "content": null, "tool_calls": [
                        {"id": "call_1", "type": "function",
                         "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]},
                      {"role": "tool", "tool_call_id": "call_1", "content": "{\\"celsius\\": 21}"}],
                    "output": {"role": "assistant", "content": "It is 21 °C in Paris."}}},
          {"id": "%1$s-e4", "timestamp": "2026-01-05T10:00:00.200Z", "type": "tool-create",
           "body": {"id": "%1$s-tool", "traceId": "%1$s", "parentObservationId": "%1$s-gen",
                    "name": "get_weather",
                    "startTime": "2026-01-05T10:00:00.400Z", "endTime": "2026-01-05T10:00:00.500Z",
                    "input": {"city": "Paris"}, "output": {"celsius": 21}}},
          {"id": "%1$s-e5", "timestamp": "2026-01-05T10:00:01.000Z", "type": "generation-create",
           "body": {"id": "%1$s-gen2", "traceId": "%1$s", "parentObservationId": "%1$s-root",
                    "name": "polish-reply", "model": "gpt-4o",
                    "startTime": "2026-01-05T10:00:01.000Z", "endTime": "2026-01-05T10:00:01.300Z",
                    "usageDetails": {"input": 10, "output": 5},
                    "costDetails": {"total": 0.0012},
                    "input": {"messages": [{"role": "user", "content": "Polish it"}],
                              "tools": ["get_weather"]}}},
          {"id": "%1$s-e6", "timestamp": "2026-01-05T10:00:01.500Z", "type": "generation-create",
           "body": {"id": "%1$s-err", "traceId": "%1$s", "parentObservationId": "%1$s-root",
                    "name": "fallback", "model": "acme-llm-7", "level": "ERROR",
                    "statusMessage": "rate limited",
                    "startTime": "2026-01-05T10:00:01.500Z", "endTime": "2026-01-05T10:00:01.700Z",
                    "usageDetails": {"input": 5, "output": 1}}},
          {"id": "%1$s-e7", "timestamp": "2026-01-05T10:00:01.800Z", "type": "event-create",
           "body": {"id": "%1$s-event", "traceId": "%1$s", "parentObservationId": "%1$s-root",
                    "name": "replied", "startTime": "2026-01-05T10:00:01.800Z"}}
        ]}"""
        .formatted(t);
  }

  private static ObjectNode body(
      String id, String traceId, String parent, String name, String start) {
    ObjectNode b = Json.MAPPER.createObjectNode();
    b.put("id", id).put("traceId", traceId).put("name", name).put("startTime", start);
    if (parent != null) b.put("parentObservationId", parent);
    return b;
  }

  private static ObjectNode traceEvent(String traceId) {
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("id", traceId + "-trace")
        .put("timestamp", "2026-01-05T10:00:00Z")
        .put("type", "trace-create");
    e.putObject("body")
        .put("id", traceId)
        .put("name", "big-run")
        .put("timestamp", "2026-01-05T10:00:00Z");
    return e;
  }

  private static ObjectNode event(String id, String type, ObjectNode body) {
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("id", id + "-ev").put("timestamp", body.path("startTime").asText()).put("type", type);
    e.set("body", body);
    ObjectNode batch = Json.MAPPER.createObjectNode();
    batch.putArray("batch").add(e);
    return batch;
  }

  /**
   * The {@code #tree} rows the page script draws, decoded from the attribute, with the type, level
   * and model indexes replaced by their strings and the token counts as {@code "42 / 17"} text, so
   * that columns 11 and 12 become tokens and cost, 13 flags.
   */
  private static JsonNode rows(String html) {
    JsonNode tree = tree(html);
    JsonNode strings = tree.get("strings");
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode r : tree.get("rows")) {
      ArrayNode row = (ArrayNode) r.deepCopy();
      for (int col : new int[] {4, 6, 10}) row.set(col, strings.get(r.get(col).asInt()));
      long in = r.get(11).asLong();
      row.remove(12);
      row.set(11, in < 0 ? "" : in + " / " + r.get(12).asLong());
      out.add(row);
    }
    return out;
  }

  private static JsonNode tree(String html) {
    Matcher m = TREE.matcher(html);
    assertThat(m.find()).as("data-tree attribute").isTrue();
    String json =
        m.group(1)
            .replace("&#34;", "\"")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
    return Json.parse(json);
  }

  private static java.util.List<String> ids(JsonNode rows) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode r : rows) out.add(r.get(0).asText());
    return out;
  }

  private static Map<String, JsonNode> byId(JsonNode rows) {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode r : rows) out.put(r.get(0).asText(), r);
    return out;
  }

  private static String parentId(JsonNode rows, JsonNode row) {
    int p = row.get(1).asInt();
    return p < 0 ? "" : rows.get(p).get(0).asText();
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
    return n;
  }

  private String page(String path, String session) throws Exception {
    HttpResponse<String> r = ui.get(path, session);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }
}
