package dev.loupe.server.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.InitProject;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.ui.UiClient;
import dev.loupe.server.ui.UiTestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The traces and observations lists' full-text search, export, page size and columns over real HTTP
 * against a server on a real DuckDB file: what a user finds, downloads and sees, within their
 * project only.
 */
class ListsHttpTest {
  private static final String PK_A = "pk-lf-lists-a", SK_A = "sk-lf-lists-a";
  private static final String PK_B = "pk-lf-lists-b", SK_B = "sk-lf-lists-b";
  private static final Pattern TRACE_ROW = Pattern.compile("data-trace-id=\"([^\"]*)\"");
  private static final Pattern OBSERVATION_ROW =
      Pattern.compile("data-observation-id=\"([^\"]*)\"");

  @TempDir Path dataDir;

  @RegisterExtension
  final UiClient ui =
      UiClient.starting(
          () ->
              UiTestServer.on(
                      ServerConfig.StorageKind.DUCKDB,
                      dataDir,
                      InitProject.of("lists-a", PK_A, SK_A, "lma_lists_a"))
                  .withProject("lists-b", PK_B, SK_B)
                  .start());

  final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  String session;

  @BeforeEach
  void signIn() throws Exception {
    session = ui.signIn(PK_A, SK_A);
  }

  /**
   * Project A: refund-1 (input asks for a refund), tool-2 (the word only in a generation's tool
   * call arguments, JSON inside JSON), chat-3 (nothing), old-4 (a refund, three days ago); project
   * B: a trace whose every field says refund.
   */
  void given() throws Exception {
    ui.ingest(
        PK_A,
        SK_A,
        batch(
            trace("refund-1", "triage", now.minusSeconds(300), "{\"q\":\"Where is my REFUND?\"}"),
            generation(
                "refund-1",
                "refund-1-g",
                now.minusSeconds(299),
                "{\"a\":\"Checking your refund\"}"),
            trace("tool-2", "tools", now.minusSeconds(200), "{\"q\":\"status please\"}"),
            generation(
                "tool-2",
                "tool-2-g",
                now.minusSeconds(199),
                "{\"tool_calls\":[{\"arguments\":\"{\\\"kind\\\":\\\"Refund\\\"}\"}]}"),
            trace("chat-3", "smalltalk", now.minusSeconds(100), "{\"q\":\"nice weather\"}"),
            generation("chat-3", "chat-3-g", now.minusSeconds(99), "{\"a\":\"indeed\"}"),
            trace("old-4", "triage", now.minus(Duration.ofDays(3)), "{\"q\":\"refund again\"}")));
    ui.ingest(
        PK_B,
        SK_B,
        batch(
            trace("b-refund", "refund", now.minusSeconds(50), "{\"q\":\"refund refund\"}"),
            generation("b-refund", "b-refund-g", now.minusSeconds(49), "\"refund\"")));
  }

  @Test
  void textSearch_findsTracesByInputWithinTheRange_andSaysItReadsThatRange() throws Exception {
    given();

    HttpResponse<String> r = get("/ui/traces?search=" + enc("where is my refund"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(ids(TRACE_ROW, r.body())).containsExactly("refund-1");
    assertThat(r.body())
        .contains("name=\"search\" value=\"where is my refund\"")
        .contains(
            "Text search reads the name, input and output of every trace in the last 24 hours");
    assertThat(ids(TRACE_ROW, get("/ui/traces?search=refund&range=all").body()))
        .containsExactly("refund-1", "old-4");
    assertThat(ids(TRACE_ROW, get("/ui/traces?search=refund&range=all&q=triage").body()))
        .as("with the name filter")
        .containsExactly("refund-1", "old-4");
    assertThat(ids(TRACE_ROW, get("/ui/traces?search=nothing+like+this").body())).isEmpty();
  }

  @Test
  void textSearch_findsObservationsByOutput_includingJsonInsideJson() throws Exception {
    given();

    String html = get("/ui/observations?search=refund").body();

    assertThat(ids(OBSERVATION_ROW, html)).containsExactly("tool-2-g", "refund-1-g");
    assertThat(html).contains("every observation in the last 24 hours");
    assertThat(ids(OBSERVATION_ROW, get("/ui/observations?search=%22kind%22:%22refund").body()))
        .containsExactly("tool-2-g");
  }

  @Test
  void textSearch_neverShowsAnotherProjectsRows() throws Exception {
    given();

    assertThat(ids(TRACE_ROW, get("/ui/traces?search=refund+refund&range=all").body())).isEmpty();
    assertThat(ids(OBSERVATION_ROW, get("/ui/observations?search=refund&range=all").body()))
        .doesNotContain("b-refund-g");
    String b = ui.signIn(PK_B, SK_B);
    assertThat(ids(TRACE_ROW, ui.get("/ui/traces?search=refund", b).body()))
        .containsExactly("b-refund");
  }

  @Test
  void textSearch_isTheApisSearchParameter_andATooLongTermIsA400NamingIt() throws Exception {
    given();

    HttpResponse<String> traces = api("/api/public/traces?search=REFUND");
    HttpResponse<String> observations = api("/api/public/observations?search=kind");
    HttpResponse<String> tooLong = api("/api/public/traces?search=" + "x".repeat(201));
    HttpResponse<String> tooLongUi = get("/ui/traces?search=" + "x".repeat(201));

    assertThat(traces.body())
        .contains("\"id\":\"refund-1\"")
        .contains("\"id\":\"old-4\"")
        .doesNotContain("chat-3")
        .doesNotContain("b-refund");
    assertThat(observations.body()).contains("\"id\":\"tool-2-g\"").doesNotContain("chat-3-g");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("search").contains("at most 200 characters");
    assertThat(tooLongUi.statusCode()).isEqualTo(400);
    assertThat(tooLongUi.body()).contains("search: at most 200 characters");
  }

  @Test
  void export_streamsTheListAsShown_csvQuotedAndDefused_onlyThisProject() throws Exception {
    given();
    ui.ingest(
        PK_A,
        SK_A,
        batch(
            trace(
                "evil-5",
                "=HYPERLINK(\\\"http://x\\\"), \\\"quoted\\\"",
                now.minusSeconds(10),
                "\"a,b\\nc\"")));

    String page = get("/ui/traces?search=refund&range=all").body();
    String href = attribute(page, "a class=\"export-csv\" href=\"");
    HttpResponse<String> csv = get(href.replace("&amp;", "&"));
    HttpResponse<String> all = get("/ui/traces-export?range=all");
    HttpResponse<String> json = get("/ui/observations-export?format=jsonl&search=refund");

    assertThat(href).isEqualTo("/ui/traces-export?search=refund&amp;range=all&amp;format=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
        .matches("attachment; filename=\"traces-lists-a-\\d{8}-\\d{6}\\.csv\"");
    assertThat(csv.headers().firstValue("X-Loupe-Export-Rows")).hasValue("2 of 2");
    List<String> lines = List.of(csv.body().split("\r\n"));
    assertThat(lines.getFirst()).startsWith("id,timestamp,name,");
    assertThat(lines.subList(1, lines.size()))
        .extracting(l -> l.substring(0, l.indexOf(',')))
        .containsExactly("refund-1", "old-4");
    assertThat(all.body())
        .contains("evil-5,")
        .contains(",\"'=HYPERLINK(\"\"http://x\"\"), \"\"quoted\"\"\",")
        .contains(",\"\"\"a,b\\nc\"\"\",")
        .doesNotContain("b-refund");
    assertThat(json.headers().firstValue("Content-Type"))
        .hasValue("application/x-ndjson; charset=utf-8");
    assertThat(json.body().lines().map(l -> l.substring(0, l.indexOf(",\"projectId\""))))
        .containsExactly("{\"id\":\"tool-2-g\"", "{\"id\":\"refund-1-g\"");
    assertThat(get("/ui/traces-export?format=xlsx").statusCode()).isEqualTo(400);
    assertThat(get("/ui/traces-export?format=xlsx").body())
        .isEqualTo("format: expected csv or jsonl, got 'xlsx'");
    assertThat(get("/ui/observations-export?minCost=abc").body()).startsWith("minCost:");
    String b = ui.signIn(PK_B, SK_B);
    assertThat(ui.get("/ui/traces-export?range=all", b).body())
        .contains("b-refund")
        .doesNotContain("refund-1")
        .doesNotContain("evil-5");
  }

  @Test
  void pageSize_isChosenCarriedInLinksAndChecked() throws Exception {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String id = "t%02d".formatted(i);
      events.add(trace(id, "bulk", now.minusSeconds(600 + i), "\"q\""));
      events.add(generation(id, id + "-g", now.minusSeconds(600 + i), "\"a\""));
    }
    ui.ingest(PK_A, SK_A, batch(events.toArray(String[]::new)));

    String first = get("/ui/traces?limit=10").body();
    String second = get("/ui/traces?limit=10&page=2").body();
    HttpResponse<String> bad = get("/ui/traces?limit=30");

    assertThat(ids(TRACE_ROW, first)).hasSize(10).startsWith("t00");
    assertThat(first)
        .contains("<option value=\"10\" selected>10</option>")
        .contains("rel=\"next\" href=\"/ui/traces?limit=10&amp;page=2\"")
        .contains("page 1 of 2");
    assertThat(ids(TRACE_ROW, second)).containsExactly("t10", "t11");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains(
            "<p class=\"error\" role=\"alert\">limit: expected one of 10, 25, 50, 100, got '30'");
    assertThat(ids(OBSERVATION_ROW, get("/ui/observations?limit=10").body())).hasSize(10);
    assertThat(get("/ui/observations?limit=1000").statusCode()).isEqualTo(400);
  }

  @Test
  void columnChooser_showsTheChosenColumns_remembersThem_andRefusesAnUnknownOne() throws Exception {
    given();

    HttpResponse<String> chosen = get("/ui/traces?cols=&cols=tags&cols=environment");
    String cookie = chosen.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String remembered = ui.get("/ui/traces", session + "; " + cookie).body();
    String defaults = get("/ui/traces").body();
    HttpResponse<String> unknown = get("/ui/traces?cols=user,password");

    assertThat(cookie).isEqualTo("loupe_cols_traces=tags.environment");
    for (String html : List.of(chosen.body(), remembered)) {
      assertThat(html)
          .contains("<th>Tags</th>")
          .contains("<th>Environment</th>")
          .contains("<td class=\"environment\">default</td>")
          .doesNotContain("<th>User</th>")
          .doesNotContain("class=\"preview\"")
          .doesNotContain("data-sort=\"cost\"")
          .contains("name=\"cols\" value=\"tags\" checked")
          .containsPattern("name=\"cols\" value=\"user\">");
    }
    assertThat(chosen.body())
        .as("links carry the choice")
        .contains("data-sort=\"name\" href=\"/ui/traces?cols=tags");
    assertThat(defaults)
        .contains("<th>User</th>")
        .contains("<th>Input</th>")
        .doesNotContain("<th>Tags</th>");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("cols: unknown column 'password'");
    String observations = get("/ui/observations?cols=&cols=model").body();
    assertThat(observations).contains("<th>Model</th>").doesNotContain("<th>Type</th>");
  }

  @Test
  void inputPreview_showsTheUsersLastMessage_escaped_andCutAt100Characters() throws Exception {
    String longText = "word ".repeat(40);
    ui.ingest(
        PK_A,
        SK_A,
        batch(
            trace(
                "chat",
                "chat",
                now.minusSeconds(5),
                "[{\"role\":\"system\",\"content\":\"be brief\"},"
                    + "{\"role\":\"user\",\"content\":\"<b>hi</b>\\nthere\"}]"),
            trace("long", "long", now.minusSeconds(6), "\"" + longText + "\""),
            trace(
                "object",
                "object",
                now.minusSeconds(7),
                "{\"ticketId\":\"T-1\",\"question\":\"Where?\",\"n\":3}"),
            generation("chat", "chat-g", now.minusSeconds(5), "\"ok\"")));

    String traces = get("/ui/traces").body();
    String observations = get("/ui/observations").body();

    assertThat(traces)
        .contains("<td class=\"preview\">&lt;b&gt;hi&lt;/b&gt; there</td>")
        .contains("<td class=\"preview\">" + longText.substring(0, 100) + "…</td>")
        .as("an object reads as its string values")
        .contains("<td class=\"preview\">T-1 · Where?</td>")
        .doesNotContain("<b>hi");
    assertThat(observations).contains("<td class=\"preview\">hi</td>");
  }

  static String attribute(String html, String prefix) {
    int at = html.indexOf(prefix);
    assertThat(at).as(prefix).isNotNegative();
    int start = at + prefix.length();
    return html.substring(start, html.indexOf('"', start));
  }

  static List<String> ids(Pattern row, String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = row.matcher(html);
    while (m.find()) ids.add(m.group(1));
    return ids;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String trace(String id, String name, Instant at, String input) {
    return """
        {"id": "%1$s-e", "timestamp": "%3$s", "type": "trace-create",
         "body": {"id": "%1$s", "name": "%2$s", "userId": "user-%1$s", "timestamp": "%3$s",
                  "input": %4$s}}"""
        .formatted(id, name, at, input);
  }

  static String generation(String traceId, String id, Instant start, String output) {
    return """
        {"id": "%2$s-e", "timestamp": "%3$s", "type": "generation-create",
         "body": {"id": "%2$s", "traceId": "%1$s", "name": "call", "model": "acme-small",
                  "startTime": "%3$s", "endTime": "%4$s", "input": "hi", "output": %5$s,
                  "usageDetails": {"input": 10, "output": 5}, "costDetails": {"total": 0.001}}}"""
        .formatted(traceId, id, start, start.plusMillis(800), output);
  }

  static String batch(String... events) {
    return "{\"batch\": [" + String.join(",", events) + "]}";
  }

  HttpResponse<String> api(String path) throws Exception {
    return ui.api(PK_A, SK_A, path);
  }

  HttpResponse<String> get(String path) throws Exception {
    return ui.get(path, session);
  }
}
