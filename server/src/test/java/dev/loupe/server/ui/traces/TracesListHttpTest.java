package dev.loupe.server.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.InitProject;
import dev.loupe.server.ui.UiClient;
import dev.loupe.server.ui.UiTestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

/**
 * The traces list over real HTTP against an in-memory server: the filter form's fields, time range,
 * sorting, paging, the live rows fragment and error display.
 */
class TracesListHttpTest {
  private static final String PK_A = "pk-lf-list-a";
  private static final String SK_A = "sk-lf-list-a";
  private static final String PK_B = "pk-lf-list-b";
  private static final String SK_B = "sk-lf-list-b";
  private static final Pattern ROW_ID =
      Pattern.compile("class=\"trace-row[^\"]*\" data-trace-id=\"([^\"]*)\"");

  @RegisterExtension
  final UiClient ui =
      UiTestServer.memory(InitProject.of("list-a", PK_A, SK_A, "lma_list_a"))
          .withProject("list-b", PK_B, SK_B)
          .client();

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private String session;

  @BeforeEach
  void signIn() throws Exception {
    session = ui.signIn(PK_A, SK_A);
  }

  /**
   * cheap-ok: 1 s, 0.001 USD, 30 tokens, no error, production; pricey-fail: 12 s, 2.5 USD, 3000
   * tokens, an ERROR generation of acme-large, staging, release r2, tag beta; mid-warn: 4 s, 0.2
   * USD, 300 tokens, a WARNING span; ancient: two days old.
   */
  private void givenTraces() throws Exception {
    ui.ingest(
        PK_A,
        SK_A,
        batch(
            trace("t-cheap", "cheap-ok", now.minusSeconds(300), "production", "r1", "alpha"),
            generation(
                "t-cheap",
                "g1",
                "acme-small",
                "DEFAULT",
                now.minusSeconds(300),
                1_000,
                20,
                10,
                "0.001"),
            trace("t-pricey", "Pricey-Fail", now.minusSeconds(200), "staging", "r2", "beta"),
            generation(
                "t-pricey",
                "g2",
                "acme-large",
                "ERROR",
                now.minusSeconds(200),
                12_000,
                2000,
                1000,
                "2.5"),
            trace("t-mid", "mid-warn", now.minusSeconds(100), "production", "r1", "alpha"),
            span("t-mid", "s3", "WARNING", now.minusSeconds(100), 4_000),
            generation(
                "t-mid", "g3", "acme-small", "DEFAULT", now.minusSeconds(99), 500, 200, 100, "0.2"),
            trace(
                "t-ancient",
                "ancient-run",
                now.minus(Duration.ofDays(2)),
                "production",
                "r1",
                "alpha"),
            generation(
                "t-ancient",
                "g4",
                "acme-small",
                "ERROR",
                now.minus(Duration.ofDays(2)),
                100,
                1,
                1,
                "9")));
  }

  @Test
  void list_hasTheDomContract_andDefaultsToTheLast24Hours() throws Exception {
    givenTraces();

    HttpResponse<String> r = get("/ui/traces");

    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    assertThat(ids(html)).containsExactly("t-mid", "t-pricey", "t-cheap");
    for (String name :
        List.of(
            "q",
            "userId",
            "sessionId",
            "tags",
            "environment",
            "release",
            "level",
            "model",
            "minCost",
            "maxCost",
            "minLatency",
            "maxLatency",
            "range",
            "sort",
            "dir")) {
      assertThat(html).as(name).containsPattern("<(input|select)[^>]* name=\"" + name + "\"");
    }
    assertThat(html)
        .contains("<form id=\"trace-filters\"")
        .contains("<table id=\"traces\"")
        .contains("<tbody id=\"trace-rows\" data-rows=\"")
        .contains("data-check=\"/ui/traces-check")
        .contains("hx-trigger=\"loupe:refresh\"")
        .contains("<option value=\"24h\" selected>")
        .contains("<a class=\"trace-link\" href=\"/ui/traces/t-pricey\">Pricey-Fail</a>")
        .contains("3 traces in the last 24 hours");
    for (String sort : List.of("timestamp", "name", "latency", "cost", "tokens")) {
      assertThat(html).contains("<a class=\"sort\" data-sort=\"" + sort + "\"");
    }
    String pricey = row(html, "t-pricey");
    assertThat(pricey)
        .contains("trace-row has-error")
        .contains("<td class=\"latency num\">12.00 s</td>")
        // cents from $1 up, the exact value on hover (issue 13: one cost format)
        .contains("<td class=\"cost num\" title=\"$2.5\">$2.50</td>")
        .contains("<td class=\"tokens num\">3,000</td>")
        .contains("<td class=\"errors num error\">1</td>")
        .contains("<td class=\"user\">user-t-pricey</td>")
        .contains("<td class=\"session\">sess-t-pricey</td>")
        .contains("<td class=\"time\">");
    assertThat(row(html, "t-cheap"))
        .doesNotContain("has-error")
        .contains("<td class=\"errors num\">0</td>")
        .contains("<td class=\"tokens num\">30</td>");
  }

  @Test
  void list_filtersByEveryField() throws Exception {
    givenTraces();

    assertThat(list("q=pricey")).containsExactly("t-pricey");
    assertThat(list("q=t-an&range=all")).as("id prefix").containsExactly("t-ancient");
    assertThat(list("userId=user-t-mid")).containsExactly("t-mid");
    assertThat(list("sessionId=sess-t-cheap")).containsExactly("t-cheap");
    assertThat(list("tags=beta")).containsExactly("t-pricey");
    assertThat(list("tags=alpha,%20beta")).isEmpty();
    assertThat(list("environment=staging")).containsExactly("t-pricey");
    assertThat(list("environment=staging,production")).hasSize(3);
    assertThat(list("release=r1")).containsExactly("t-mid", "t-cheap");
    assertThat(list("level=ERROR")).containsExactly("t-pricey");
    assertThat(list("level=ERROR&range=all")).containsExactly("t-pricey", "t-ancient");
    assertThat(list("level=WARNING")).containsExactly("t-mid");
    assertThat(list("model=acme-small")).containsExactly("t-mid", "t-cheap");
    assertThat(list("minCost=0.2")).containsExactly("t-mid", "t-pricey");
    assertThat(list("maxCost=0.2")).containsExactly("t-mid", "t-cheap");
    assertThat(list("minCost=0.01&maxCost=1")).containsExactly("t-mid");
    assertThat(list("minLatency=4")).containsExactly("t-mid", "t-pricey");
    assertThat(list("maxLatency=1.5")).containsExactly("t-cheap");
    assertThat(list("range=15m")).containsExactly("t-mid", "t-pricey", "t-cheap");
    assertThat(list("range=all")).containsExactly("t-mid", "t-pricey", "t-cheap", "t-ancient");
    assertThat(list("range=1h&model=acme-small&maxCost=0.01")).containsExactly("t-cheap");
  }

  @Test
  void list_sortsByEachColumn_andHeadersToggleTheDirection() throws Exception {
    givenTraces();

    assertThat(list("sort=cost&dir=desc")).containsExactly("t-pricey", "t-mid", "t-cheap");
    assertThat(list("sort=cost&dir=asc")).containsExactly("t-cheap", "t-mid", "t-pricey");
    assertThat(list("sort=latency"))
        .as("desc first")
        .containsExactly("t-pricey", "t-mid", "t-cheap");
    assertThat(list("sort=tokens&dir=asc")).containsExactly("t-cheap", "t-mid", "t-pricey");
    assertThat(list("sort=name&dir=asc")).containsExactly("t-pricey", "t-cheap", "t-mid");
    assertThat(list("sort=timestamp&dir=asc")).containsExactly("t-cheap", "t-pricey", "t-mid");

    String html = get("/ui/traces?sort=cost&dir=desc&level=ERROR").body();
    assertThat(html)
        .contains(
            "aria-sort=\"descending\"><a class=\"sort\" data-sort=\"cost\" href=\"/ui/traces?level=ERROR&amp;sort=cost&amp;dir=asc\"")
        .contains(
            "data-sort=\"latency\" href=\"/ui/traces?level=ERROR&amp;sort=latency&amp;dir=desc\"")
        .doesNotContain("data-check")
        .as("only the newest-first first page polls");
  }

  @Test
  void list_pagesKeepTheFilters() throws Exception {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 53; i++) {
      events.add(trace("p-" + i, "paged", now.minusSeconds(1000 - i), "production", "r9", "alpha"));
    }
    ui.ingest(PK_A, SK_A, batch(events.toArray(String[]::new)));

    String first = get("/ui/traces?q=paged&release=r9").body();
    assertThat(ids(first)).hasSize(50);
    assertThat(first)
        .contains("href=\"/ui/traces?q=paged&amp;release=r9&amp;page=2\"")
        .contains("53 traces");
    String second = get("/ui/traces?q=paged&release=r9&page=2").body();
    assertThat(ids(second)).containsExactly("p-2", "p-1", "p-0");
    assertThat(second)
        .contains("rel=\"prev\" href=\"/ui/traces?q=paged&amp;release=r9\"")
        .doesNotContain("data-check")
        .doesNotContain("hx-get=\"/ui/traces-rows");
  }

  @Test
  void rowsFragment_showsANewlyIngestedTraceWithoutTheLayout() throws Exception {
    givenTraces();
    HttpResponse<String> first = get("/ui/traces-rows?range=24h");
    String before = first.body();
    String page = get("/ui/traces?range=24h").body();
    HttpResponse<String> idle = get("/ui/traces-check?range=24h");

    ui.ingest(
        PK_A,
        SK_A,
        batch(trace("t-new", "brand-new", now.minusSeconds(1), "production", "r1", "alpha")));
    HttpResponse<String> after = get("/ui/traces-rows?range=24h");

    assertThat(ids(before)).containsExactly("t-mid", "t-pricey", "t-cheap");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(ids(after.body())).containsExactly("t-new", "t-mid", "t-pricey", "t-cheap");
    assertThat(after.body()).startsWith("\n<tr").doesNotContain("<html").doesNotContain("<form");
    assertThat(after.headers().firstValue("Content-Security-Policy")).isPresent();
    // the live refresh swaps only when the fingerprint of the rows changed
    String shown = first.headers().firstValue("X-Loupe-Rows").orElseThrow();
    assertThat(page).contains("data-rows=\"" + shown + "\"");
    assertThat(get("/ui/traces-rows?range=24h").headers().firstValue("X-Loupe-Rows"))
        .isPresent()
        .isNotEqualTo(java.util.Optional.of(shown));
    assertThat(ui.get("/ui/traces-rows?range=24h", "loupe_session=forged").statusCode())
        .isEqualTo(303);
    // the cheap check: the fingerprint alone (and the count line), which changed with the rows
    assertThat(idle.body()).isEqualTo(shown);
    HttpResponse<String> changed = get("/ui/traces-check?range=24h");
    assertThat(changed.body())
        .hasSizeLessThan(16)
        .isEqualTo(after.headers().firstValue("X-Loupe-Rows").orElseThrow())
        .isNotEqualTo(shown);
    assertThat(changed.headers().firstValue("X-Loupe-Count"))
        .contains("4 traces in the last 24 hours");
    assertThat(changed.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(ui.get("/ui/traces-check?range=24h", "loupe_session=forged").statusCode())
        .isEqualTo(303);
  }

  @Test
  void badFilterInputShowsTheMessageWith400() throws Exception {
    givenTraces();

    for (String[] c :
        List.of(
            new String[] {"minCost=abc", "minCost: not a number: 'abc'"},
            new String[] {"maxLatency=-1", "maxLatency: must be between 0"},
            new String[] {"level=LOUD", "level: unknown value"},
            new String[] {"range=2w", "range: expected one of 15m, 1h, 24h, 7d, 30d, 90d, all"},
            new String[] {"sort=errors", "sort: expected one of"},
            new String[] {"sort=cost&dir=up", "dir: expected asc or desc"})) {
      HttpResponse<String> r = get("/ui/traces?" + c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.body()).as(c[0]).contains("<p class=\"error\" role=\"alert\">" + c[1]);
      assertThat(r.body()).as(c[0]).contains("<form id=\"trace-filters\"");
    }
    assertThat(get("/ui/traces?minCost=abc").body()).contains("value=\"abc\"");
    assertThat(get("/ui/traces-rows?minCost=abc").statusCode()).isEqualTo(400);
  }

  @Test
  void hostileNamesAndFilterValuesAreEscaped() throws Exception {
    String hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>";
    ui.ingest(
        PK_A,
        SK_A,
        batch(trace("t-x\"><b>", hostile, now.minusSeconds(5), "production", "r1", "alpha")));

    String html = get("/ui/traces").body();
    String filtered =
        get("/ui/traces?q=" + URLEncoder.encode("\"><script>x()</script>", StandardCharsets.UTF_8))
            .body();

    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
        .contains("data-trace-id=\"t-x&#34;>&lt;b>\"")
        .doesNotContain("<img")
        .doesNotContain("<b>");
    assertThat(filtered)
        .doesNotContain("<script>x()")
        .contains("value=\"&#34;>&lt;script>x()&lt;/script>\"");
    assertThat(java.util.Arrays.stream(html.split("<script", -1)).skip(1).toList())
        .isNotEmpty()
        .allSatisfy(tag -> assertThat(tag).startsWith(" src=\"/ui/static/"));
  }

  @Test
  void anotherProjectSeesNoneOfIt() throws Exception {
    givenTraces();
    String sessionB = ui.signIn(PK_B, SK_B);

    assertThat(ids(ui.get("/ui/traces?range=all", sessionB).body())).isEmpty();
    assertThat(ids(ui.get("/ui/traces-rows?range=all&level=ERROR", sessionB).body())).isEmpty();
  }

  @Test
  void publicApiTakesTheNewParameters() throws Exception {
    givenTraces();

    HttpResponse<String> r = api("/api/public/traces?level=ERROR&orderBy=cost.desc");
    HttpResponse<String> slow = api("/api/public/traces?minLatency=1&maxCost=3&model=acme-large");
    HttpResponse<String> bad = api("/api/public/traces?minCost=abc");
    HttpResponse<String> old = api("/api/public/traces?userId=user-t-mid&orderBy=timestamp.asc");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"id\":\"t-pricey\"").doesNotContain("t-cheap");
    assertThat(r.body().indexOf("t-ancient"))
        .as("cost 9 first")
        .isBetween(0, r.body().indexOf("t-pricey"));
    assertThat(slow.body()).contains("\"id\":\"t-pricey\"").doesNotContain("t-mid");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("minCost");
    assertThat(old.body()).contains("\"id\":\"t-mid\"").doesNotContain("t-pricey");
  }

  // --- helpers ---

  @Test
  void aPagePastTheEnd_saysSoAndLinksTheLastPage() throws Exception {
    givenTraces();

    String html = get("/ui/traces?page=999").body();

    assertThat(html)
        .contains("Page 999 is past the end of this list (1 page).")
        .contains("<a href=\"/ui/traces\">Go to the last page</a>")
        .doesNotContain("page 999 of");
  }

  @Test
  void linksFromOtherPages_carryTheirRange_90dAndACustomWindow() throws Exception {
    givenTraces();

    HttpResponse<String> ninety = get("/ui/traces?range=90d");
    HttpResponse<String> window =
        get(
            "/ui/traces?from="
                + now.minus(java.time.Duration.ofDays(3))
                + "&to="
                + now.minus(java.time.Duration.ofDays(1)));

    assertThat(ninety.statusCode()).isEqualTo(200);
    assertThat(ids(ninety.body())).hasSize(4);
    assertThat(ninety.body()).contains("4 traces in the last 90 days");
    assertThat(window.statusCode()).as(window.body()).isEqualTo(200);
    assertThat(ids(window.body())).containsExactly("t-ancient");
    assertThat(window.body()).contains("1 trace in the window");
  }

  @Test
  void anEmptyProject_showsHowToSendTheFirstTrace() throws Exception {
    String b = ui.signIn(PK_B, SK_B);

    String html = ui.get("/ui/traces", b).body();

    assertThat(html)
        .contains("Send your first trace")
        .contains("/api/public/otel/v1/traces")
        .contains("LANGFUSE_BASE_URL=http://")
        .contains("Loupe.fromEnv()");
    givenTraces();
    assertThat(get("/ui/traces?q=nothing-matches").body()).doesNotContain("Send your first trace");
  }

  private List<String> list(String query) throws Exception {
    HttpResponse<String> r = get("/ui/traces?" + query);
    assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
    return ids(r.body());
  }

  private static List<String> ids(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = ROW_ID.matcher(html);
    while (m.find()) ids.add(m.group(1));
    return ids;
  }

  private static String row(String html, String id) {
    int start = html.indexOf("data-trace-id=\"" + id + "\"");
    assertThat(start).as(id).isPositive();
    return html.substring(html.lastIndexOf("<tr", start), html.indexOf("</tr>", start));
  }

  private static String trace(
      String id, String name, Instant at, String environment, String release, String tag) {
    return """
        {"id": "%1$s-e", "timestamp": "%3$s", "type": "trace-create",
         "body": {"id": "%1$s", "name": "%2$s", "userId": "user-%1$s", "sessionId": "sess-%1$s",
                  "timestamp": "%3$s", "environment": "%4$s", "release": "%5$s", "tags": ["%6$s"]}}"""
        .formatted(json(id), json(name), at, environment, release, tag);
  }

  private static String generation(
      String traceId,
      String id,
      String model,
      String level,
      Instant start,
      long millis,
      long input,
      long output,
      String cost) {
    return """
        {"id": "%2$s-e", "timestamp": "%5$s", "type": "generation-create",
         "body": {"id": "%2$s", "traceId": "%1$s", "name": "call-%3$s", "model": "%3$s",
                  "level": "%4$s", "startTime": "%5$s", "endTime": "%6$s",
                  "usageDetails": {"input": %7$d, "output": %8$d},
                  "costDetails": {"total": %9$s}}}"""
        .formatted(traceId, id, model, level, start, start.plusMillis(millis), input, output, cost);
  }

  private static String span(String traceId, String id, String level, Instant start, long millis) {
    return """
        {"id": "%2$s-e", "timestamp": "%4$s", "type": "span-create",
         "body": {"id": "%2$s", "traceId": "%1$s", "name": "step", "level": "%3$s",
                  "startTime": "%4$s", "endTime": "%5$s"}}"""
        .formatted(traceId, id, level, start, start.plusMillis(millis));
  }

  private static String batch(String... events) {
    return "{\"batch\": [" + String.join(",", events) + "]}";
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private HttpResponse<String> api(String path) throws Exception {
    return ui.api(PK_A, SK_A, path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return ui.get(path, session);
  }
}
