package dev.loupe.server.ui.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.model.Json;
import dev.loupe.server.InitProject;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.UiClient;
import dev.loupe.server.ui.UiTestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard and the models page over real HTTP against a real in-memory server: every figure
 * checked is compared with what {@code GET /api/public/metrics} answers for the same query.
 */
class DashboardHttpTest {
  private static final String PK_A = "pk-lf-dash-a";
  private static final String SK_A = "sk-lf-dash-a";
  private static final String PK_B = "pk-lf-dash-b";
  private static final String SK_B = "sk-lf-dash-b";
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";

  @RegisterExtension
  final UiClient ui =
      UiTestServer.memory(InitProject.of("dash-a", PK_A, SK_A, "lma_dash_a"))
          .withProject("dash-b", PK_B, SK_B)
          .client();

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void ingestTraces() throws Exception {
    // 1 hour ago: gpt-4o (priced), a failing unpriced model, a hostile model name
    ui.ingest(
        PK_A,
        SK_A,
        trace("d1", "chat", "user-1", now.minus(Duration.ofHours(1)), "gpt-4o", 42, 17));
    // 3 days ago: gpt-4o-mini with a first token time, and gpt-4o again
    ui.ingest(
        PK_A,
        SK_A,
        trace("d2", "chat", "user-2", now.minus(Duration.ofDays(3)), "gpt-4o-mini", 1000, 250));
    // 20 days ago: only in the 30 and 90 day ranges
    ui.ingest(
        PK_A,
        SK_A,
        trace("d3", "summarize", "user-1", now.minus(Duration.ofDays(20)), "gpt-4o", 5000, 900));
    // project B: one trace with its own model
    ui.ingest(
        PK_B,
        SK_B,
        trace(
            "b1",
            "other-app",
            "user-b",
            now.minus(Duration.ofHours(2)),
            "claude-sonnet-4-5",
            10,
            10));
  }

  @Test
  void dashboard_scoreTrendsAndTablesEqualTheMetricsApi() throws Exception {
    Instant hourAgo = now.minus(Duration.ofHours(1));
    Instant threeDaysAgo = now.minus(Duration.ofDays(3));
    ui.ingest(
        PK_A,
        SK_A,
        scores(
            score("s1", "d1", "helpfulness", "0.5", "NUMERIC", hourAgo),
            score("s2", "d1", "helpfulness", "1", "NUMERIC", hourAgo),
            score("s3", "d2", "helpfulness", "0.25", "NUMERIC", threeDaysAgo),
            score("s4", "d1", "thumbs", "1", "BOOLEAN", hourAgo),
            score("s5", "d2", "thumbs", "0", "BOOLEAN", threeDaysAgo),
            score("s6", "d1", "tone", "\"calm\"", "CATEGORICAL", hourAgo),
            score("s7", "d2", "tone", "\"calm\"", "CATEGORICAL", threeDaysAgo),
            score("s8", "d2", "tone", "\"curt\"", "CATEGORICAL", threeDaysAgo)));
    ui.ingest(PK_B, SK_B, scores(score("sb", "b1", "secret-score", "9", "NUMERIC", hourAgo)));
    String session = ui.signIn(PK_A, SK_A);
    String html = ui.get("/ui/dashboard", session).body();
    String from = attr(html, "data-from");
    String to = attr(html, "data-to");

    Map<String, Map<String, String>> byName = table(html, "scores-by-name", "data-name");
    Map<String, Map<String, String>> api =
        api(
            PK_A,
            SK_A,
            """
            {"view": "scores-numeric", "dimensions": [{"field": "name"}],
             "metrics": [{"measure": "count", "aggregation": "count"},
                         {"measure": "value", "aggregation": "avg"},
                         {"measure": "value", "aggregation": "p95"}],
             "fromTimestamp": "%s", "toTimestamp": "%s"}"""
                .formatted(from, to),
            "name");
    assertThat(byName).containsOnlyKeys("helpfulness", "thumbs");
    for (String name : byName.keySet()) {
      assertThat(byName.get(name))
          .containsEntry("count", api.get(name).get("count_count"))
          .containsEntry("avg", api.get(name).get("avg_value"))
          .containsEntry("p95", api.get(name).get("p95_value"));
    }
    assertThat(Double.parseDouble(byName.get("helpfulness").get("avg")))
        .isCloseTo((0.5 + 1 + 0.25) / 3, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(byName.get("thumbs"))
        .containsEntry("avg", "0.5")
        .containsEntry("data-type", "BOOLEAN");
    assertThat(html)
        .contains(">tone: calm<")
        .contains(">tone: curt<")
        .doesNotContain("secret-score");
    assertThat(html).contains("data-chart=\"scores\"");
    int at = html.indexOf("data-chart=\"scores\"");
    String chart = html.substring(at, html.indexOf('>', at));
    assertThat(chart).contains("helpfulness").contains("thumbs").contains("data-unit=\"score\"");
  }

  private static String scores(String... events) {
    return "{\"batch\": [" + String.join(",", events) + "]}";
  }

  private static String score(
      String id, String traceId, String name, String value, String type, Instant at) {
    return """
        {"id": "ev-%s", "type": "score-create", "timestamp": "%s",
         "body": {"id": "%s", "traceId": "%s", "name": "%s", "value": %s, "dataType": "%s",
                  "timestamp": "%s"}}"""
        .formatted(id, at, id, traceId, name, value, type, at);
  }

  @Test
  void dashboard_costAndLatencyByModelEqualTheMetricsApi() throws Exception {
    String session = ui.signIn(PK_A, SK_A);
    HttpResponse<String> r = ui.get("/ui/dashboard", session);
    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    String from = attr(html, "data-from");
    String to = attr(html, "data-to");
    assertThat(Duration.between(Instant.parse(from), Instant.parse(to)))
        .isEqualTo(Duration.ofDays(7));

    Map<String, Map<String, String>> cost = table(html, "cost-by-model", "data-model");
    Map<String, Map<String, String>> latency = table(html, "latency-by-model", "data-model");
    Map<String, Map<String, String>> errors = table(html, "errors-by-model", "data-model");
    Map<String, Map<String, String>> apiCost =
        api(
            PK_A,
            SK_A,
            """
            {"view": "observations", "dimensions": [{"field": "providedModelName"}],
             "metrics": [{"measure": "totalCost", "aggregation": "sum"},
                         {"measure": "inputTokens", "aggregation": "sum"},
                         {"measure": "outputTokens", "aggregation": "sum"}],
             "fromTimestamp": "%s", "toTimestamp": "%s"}"""
                .formatted(from, to),
            "providedModelName");
    Map<String, Map<String, String>> apiLatency =
        api(
            PK_A,
            SK_A,
            """
            {"view": "observations", "dimensions": [{"field": "model"}],
             "metrics": [{"measure": "latency", "aggregation": "p50"},
                         {"measure": "latency", "aggregation": "p95"},
                         {"measure": "latency", "aggregation": "p99"},
                         {"measure": "timeToFirstToken", "aggregation": "p95"},
                         {"measure": "errors", "aggregation": "avg"}],
             "fromTimestamp": "%s", "toTimestamp": "%s"}"""
                .formatted(from, to),
            "providedModelName");

    assertThat(cost).containsOnlyKeys("gpt-4o", "gpt-4o-mini", "acme-llm-7", HOSTILE);
    for (String model : cost.keySet()) {
      Map<String, String> api = apiCost.get(model);
      assertThat(cost.get(model))
          .containsEntry("cost", api.get("sum_totalCost"))
          .containsEntry("input-tokens", api.get("sum_inputTokens"))
          .containsEntry("output-tokens", api.get("sum_outputTokens"));
      Map<String, String> lat = apiLatency.get(model);
      assertThat(latency.get(model))
          .containsEntry("p50", lat.get("p50_latency"))
          .containsEntry("p95", lat.get("p95_latency"))
          .containsEntry("p99", lat.get("p99_latency"))
          .containsEntry("ttft-p95", lat.get("p95_timeToFirstToken"));
      assertThat(errors.get(model)).containsEntry("error-rate", lat.get("avg_errors"));
    }
    // gpt-4o at 42/17 tokens: $2.50 and $10 per 1M tokens
    assertThat(cost.get("gpt-4o")).containsEntry("cost", "0.000275");
    assertThat(html).contains(">$0.000275<");
    assertThat(cost.get("acme-llm-7")).containsEntry("cost", "null");
    assertThat(latency.get("gpt-4o")).containsEntry("p50", "800.0");
    assertThat(errors.get("acme-llm-7")).containsEntry("error-rate", "1.0");
    assertThat(html).contains(">800 ms<").contains(">100%<");
  }

  /**
   * An OTel GenAI agent run: an invoke_agent span naming gpt-4o with the run's 42/17 tokens over
   * one chat call of gpt-4o with the same 42/17. The model table counts one more call of gpt-4o,
   * its cost and tokens once; the agent span, reporting its call's total, is no call of its own.
   */
  @Test
  void dashboard_agentSpanReportingItsCallsTotalIsNotACall() throws Exception {
    String session = ui.signIn(PK_A, SK_A);
    Map<String, String> before =
        table(ui.get("/ui/dashboard", session).body(), "cost-by-model", "data-model").get("gpt-4o");
    long start = now.minus(Duration.ofMinutes(30)).toEpochMilli() * 1_000_000;
    ui.otlp(
        PK_A,
        SK_A,
        """
        {"resourceSpans": [{"resource": {"attributes": []}, "scopeSpans": [{"scope": {"name": "gen_ai"},
         "spans": [
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b174",
           "name": "invoke_agent gpt-4o", "kind": 1,
           "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
           "attributes": [
             {"key": "gen_ai.operation.name", "value": {"stringValue": "invoke_agent"}},
             {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}},
             {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "42"}},
             {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "17"}}]},
          {"traceId": "5b8efff798038103d269b633813fc60c", "spanId": "eee19b7ec3c1b175",
           "parentSpanId": "eee19b7ec3c1b174", "name": "chat gpt-4o", "kind": 3,
           "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
           "attributes": [
             {"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}},
             {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o"}},
             {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "42"}},
             {"key": "gen_ai.usage.output_tokens", "value": {"intValue": "17"}}]}]}]}]}"""
            .formatted(start, start + 2_000_000_000L, start + 1_000_000, start + 801_000_000));

    Map<String, String> after =
        table(ui.get("/ui/dashboard", session).body(), "cost-by-model", "data-model").get("gpt-4o");
    assertThat(Long.parseLong(after.get("count")))
        .isEqualTo(Long.parseLong(before.get("count")) + 1);
    assertThat(new java.math.BigDecimal(after.get("cost")))
        .isEqualByComparingTo(
            new java.math.BigDecimal(before.get("cost")).add(new java.math.BigDecimal("0.000275")));
    assertThat(Long.parseLong(after.get("input-tokens")))
        .isEqualTo(Long.parseLong(before.get("input-tokens")) + 42);
  }

  @Test
  void dashboard_totalsAndTopTablesEqualTheMetricsApi() throws Exception {
    String session = ui.signIn(PK_A, SK_A);
    String html = ui.get("/ui/dashboard?range=30d", session).body();
    String from = attr(html, "data-from");
    String to = attr(html, "data-to");

    Map<String, String> totals = totals(html);
    Map<String, String> apiObs =
        api(
                PK_A,
                SK_A,
                """
                {"view": "observations",
                 "metrics": [{"measure": "totalCost", "aggregation": "sum"},
                             {"measure": "count", "aggregation": "count"},
                             {"measure": "totalTokens", "aggregation": "sum"}],
                 "fromTimestamp": "%s", "toTimestamp": "%s"}"""
                    .formatted(from, to),
                null)
            .get("");
    Map<String, String> apiTraces =
        api(
                PK_A,
                SK_A,
                """
                {"view": "traces", "metrics": [{"measure": "count", "aggregation": "count"}],
                 "fromTimestamp": "%s", "toTimestamp": "%s"}"""
                    .formatted(from, to),
                null)
            .get("");
    assertThat(totals)
        .containsEntry("cost", apiObs.get("sum_totalCost"))
        .containsEntry("observations", apiObs.get("count_count"))
        .containsEntry("tokens", apiObs.get("sum_totalTokens"))
        .containsEntry("traces", apiTraces.get("count_count"))
        .containsEntry("traces", "3")
        .containsEntry("generations", "9");

    Map<String, Map<String, String>> users = table(html, "top-users", "data-user-id");
    Map<String, Map<String, String>> apiUsers =
        api(
            PK_A,
            SK_A,
            """
            {"view": "traces", "dimensions": [{"field": "userId"}],
             "metrics": [{"measure": "totalCost", "aggregation": "sum"},
                         {"measure": "count", "aggregation": "count"}],
             "fromTimestamp": "%s", "toTimestamp": "%s"}"""
                .formatted(from, to),
            "userId");
    assertThat(users).containsOnlyKeys("user-1", "user-2");
    users.forEach(
        (u, cells) ->
            assertThat(cells.get("cost")).isEqualTo(apiUsers.get(u).get("sum_totalCost")));
    assertThat(new ArrayList<>(users.keySet())).containsExactly("user-1", "user-2");

    Map<String, Map<String, String>> traces = table(html, "top-traces", "data-trace-id");
    assertThat(new ArrayList<>(traces.keySet())).containsExactly("d3", "d2", "d1");
    assertThat(html).contains("href=\"/ui/traces/d3\"");

    Map<String, Map<String, String>> names = table(html, "latency-by-name", "data-name");
    assertThat(names).containsKeys("draft-reply", "polish-reply", "extra");
    Map<String, Map<String, String>> errorNames = table(html, "errors-by-name", "data-name");
    assertThat(errorNames.get("polish-reply")).containsEntry("errors", "3");
    assertThat(errorNames.get("root-span")).containsEntry("errors", "0");
  }

  @Test
  void dashboard_filledFromAndTo_winOverTheRangePicker() throws Exception {
    String session = ui.signIn(PK_A, SK_A);

    String html =
        ui.get(
                "/ui/dashboard?range=7d&from="
                    + now.minus(Duration.ofDays(21))
                    + "&to="
                    + now.minus(Duration.ofDays(19)),
                session)
            .body();

    assertThat(totals(html)).containsEntry("traces", "1");
    assertThat(html).contains("<option value=\"custom\" selected>");
  }

  @Test
  void dashboard_customWithoutDates_isRefusedWithAReason() throws Exception {
    HttpResponse<String> r = ui.get("/ui/dashboard?range=custom", ui.signIn(PK_A, SK_A));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("from: required for a custom range");
  }

  @Test
  void dashboard_topUsersLinkToTheirTracesOverTheSameRange() throws Exception {
    String session = ui.signIn(PK_A, SK_A);

    String month = ui.get("/ui/dashboard?range=30d", session).body();
    String custom =
        ui.get(
                "/ui/dashboard?from="
                    + now.minus(Duration.ofDays(21))
                    + "&to="
                    + now.minus(Duration.ofDays(19)),
                session)
            .body();

    assertThat(month).contains("href=\"/ui/traces?userId=user-1&amp;range=30d\"");
    assertThat(custom)
        .contains(
            "href=\"/ui/traces?userId=user-1&amp;from="
                + Formats.queryValue(now.minus(Duration.ofDays(21)).toString())
                + "&amp;to=");
  }

  @Test
  void dashboard_rangeChangesTheFigures() throws Exception {
    String session = ui.signIn(PK_A, SK_A);

    Map<String, String> day = totals(ui.get("/ui/dashboard?range=24h", session).body());
    Map<String, String> week = totals(ui.get("/ui/dashboard?range=7d", session).body());
    Map<String, String> month = totals(ui.get("/ui/dashboard?range=30d", session).body());
    String custom =
        ui.get(
                "/ui/dashboard?range=custom&from="
                    + now.minus(Duration.ofDays(21))
                    + "&to="
                    + now.minus(Duration.ofDays(19)),
                session)
            .body();

    assertThat(day).containsEntry("traces", "1");
    assertThat(week).containsEntry("traces", "2");
    assertThat(month).containsEntry("traces", "3");
    assertThat(totals(custom)).containsEntry("traces", "1");
    assertThat(table(custom, "cost-by-model", "data-model"))
        .containsOnlyKeys("gpt-4o", "acme-llm-7", HOSTILE);
    assertThat(new java.math.BigDecimal(day.get("cost")))
        .isLessThan(new java.math.BigDecimal(week.get("cost")));
    assertThat(ui.get("/ui/dashboard?range=24h", session).body())
        .contains("<option value=\"24h\" selected>");
    HttpResponse<String> bad = ui.get("/ui/dashboard?range=5y", session);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("range: unknown range");
  }

  @Test
  void dashboard_showsOnlyTheProjectsOwnData_andChartsAreData() throws Exception {
    String html = ui.get("/ui/dashboard?range=24h", ui.signIn(PK_B, SK_B)).body();

    assertThat(table(html, "cost-by-model", "data-model"))
        .containsOnlyKeys("claude-sonnet-4-5", "acme-llm-7", HOSTILE);
    assertThat(totals(html)).containsEntry("traces", "1");
    assertThat(html)
        .doesNotContain("gpt-4o")
        .doesNotContain("user-1")
        .doesNotContain("href=\"/ui/traces/d1\"");
    assertThat(html)
        .contains("data-deferred-ready")
        .contains("<script src=\"/ui/static/dashboard.js\" defer></script>")
        .contains("/ui/static/uPlot.iife.min.js")
        .contains("data-chart=\"cost\"")
        .contains("data-chart=\"tokens\"");
    String series = Json.parse(unescape(attr(html, "data-series"))).toString();
    assertThat(series).contains("\"label\":\"claude-sonnet-4-5\"");
  }

  @Test
  void hostileModelNamesAreEscaped() throws Exception {
    String session = ui.signIn(PK_A, SK_A);
    for (String page : List.of("/ui/dashboard", "/ui/models")) {
      String html = ui.get(page, session).body();
      assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
      assertThat(java.util.Arrays.stream(html.split("<script", -1)).skip(1).toList())
          .allSatisfy(tag -> assertThat(tag).startsWith(" src=\"/ui/static/"));
    }
  }

  @Test
  void models_listPricesAndTheUnpricedModelsOfTheRange() throws Exception {
    String session = ui.signIn(PK_A, SK_A);
    String html = ui.get("/ui/models", session).body();

    assertThat(html)
        .contains("data-model-name=\"gpt-4o\"")
        .contains("data-model-name=\"gpt-4o-mini\"");
    Map<String, Map<String, String>> unpriced = table(html, "unpriced", "data-model");
    assertThat(unpriced).containsOnlyKeys("acme-llm-7", HOSTILE);
    assertThat(unpriced.get("acme-llm-7")).containsEntry("count", "2");
    assertThat(
            table(ui.get("/ui/models?range=90d", session).body(), "unpriced", "data-model")
                .get("acme-llm-7"))
        .containsEntry("count", "3");
    assertThat(table(ui.get("/ui/models", ui.signIn(PK_B, SK_B)).body(), "unpriced", "data-model"))
        .containsOnlyKeys("acme-llm-7", HOSTILE)
        .allSatisfy((model, cells) -> assertThat(cells).containsEntry("count", "1"));
  }

  @Test
  void models_aModelNameShowsAndHighlightsThePriceThatMatchesIt() throws Exception {
    String session = ui.signIn(PK_A, SK_A);
    String html = ui.get("/ui/models?model=openai/gpt-4o", session).body();

    assertThat(html).contains("is priced by gpt-4o (bundled price)");
    Matcher row =
        Pattern.compile("<tr data-model-name=\"([^\"]*)\"[^>]*data-matched[^>]*>").matcher(html);
    assertThat(row.find()).isTrue();
    assertThat(row.group(1)).isEqualTo("gpt-4o");
    assertThat(row.group(0)).contains("class=\"matched bundled\"");
    assertThat(html).doesNotContain("data-model-name=\"claude-sonnet-4-5\"");
    assertThat(html).contains("per 1M tokens").contains("$2.5");

    String none =
        ui.get("/ui/models?model=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8), session)
            .body();
    assertThat(none)
        .contains("No price matches")
        .doesNotContain("<img")
        .doesNotContain("data-matched");
  }

  // ---- data

  /**
   * A trace at {@code t}: a root span, a generation of {@code model}, a failing generation of the
   * unpriced acme-llm-7 and one of a hostile model name. The first has a first token after 200 ms.
   */
  private static String trace(
      String id, String name, String user, Instant t, String model, int in, int out) {
    return """
        {"batch": [
          {"id": "%1$s-e1", "timestamp": "%3$s", "type": "trace-create",
           "body": {"id": "%1$s", "name": "%2$s", "userId": "%4$s", "timestamp": "%3$s"}},
          {"id": "%1$s-e2", "timestamp": "%3$s", "type": "span-create",
           "body": {"id": "%1$s-root", "traceId": "%1$s", "name": "root-span",
                    "startTime": "%3$s", "endTime": "%8$s"}},
          {"id": "%1$s-e3", "timestamp": "%3$s", "type": "generation-create",
           "body": {"id": "%1$s-gen", "traceId": "%1$s", "parentObservationId": "%1$s-root",
                    "name": "draft-reply", "model": "%5$s", "startTime": "%3$s",
                    "completionStartTime": "%9$s", "endTime": "%10$s",
                    "usageDetails": {"input": %6$d, "output": %7$d}}},
          {"id": "%1$s-e4", "timestamp": "%3$s", "type": "generation-create",
           "body": {"id": "%1$s-err", "traceId": "%1$s", "parentObservationId": "%1$s-root",
                    "name": "polish-reply", "model": "acme-llm-7", "level": "ERROR",
                    "statusMessage": "rate limited", "startTime": "%3$s", "endTime": "%11$s",
                    "usageDetails": {"input": 5, "output": 1}}},
          {"id": "%1$s-e5", "timestamp": "%3$s", "type": "generation-create",
           "body": {"id": "%1$s-x", "traceId": "%1$s", "parentObservationId": "%1$s-root",
                    "name": "extra", "model": "%12$s", "startTime": "%3$s", "endTime": "%11$s",
                    "usageDetails": {"input": 1, "output": 1}}}
        ]}"""
        .formatted(
            id,
            name,
            t,
            user,
            model,
            in,
            out,
            t.plusMillis(1500),
            t.plusMillis(200),
            t.plusMillis(800),
            t.plusMillis(100),
            "<img src=x onerror=alert(1)>");
  }

  // ---- page and API reading

  /** The value of the first {@code name="..."} attribute, as the page has it (escaped). */
  private static String attr(String html, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).as(name).isTrue();
    return m.group(1);
  }

  /** Table {@code id}: row key (the row attribute, unescaped) to cell class to data-value. */
  private static Map<String, Map<String, String>> table(String html, String id, String keyAttr) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertThat(start).as(id).isPositive();
    String body = html.substring(start, html.indexOf("</table>", start));
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    Matcher row =
        Pattern.compile("<tr " + keyAttr + "=\"([^\"]*)\"[^>]*>(.*?)</tr>", Pattern.DOTALL)
            .matcher(body);
    while (row.find()) {
      Map<String, String> cells = new LinkedHashMap<>();
      Matcher cell =
          Pattern.compile("<td class=\"(?:num )?([\\w-]+)\" data-value=\"([^\"]*)\"")
              .matcher(row.group(2));
      while (cell.find()) cells.put(cell.group(1), cell.group(2));
      rows.put(unescape(row.group(1)), cells);
    }
    return rows;
  }

  /** The totals: figure name to data-value. */
  private static Map<String, String> totals(String html) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = Pattern.compile("<dd class=\"([\\w-]+)\" data-value=\"([^\"]*)\"").matcher(html);
    while (m.find()) out.put(m.group(1), m.group(2));
    return out;
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  /**
   * {@code GET /api/public/metrics}: per row, the key dimension's value ("" without one) to each
   * field's JSON text exactly as sent (numbers unparsed, null as {@code null}).
   */
  private Map<String, Map<String, String>> api(String pk, String sk, String query, String key)
      throws Exception {
    HttpResponse<String> r =
        ui.api(
            pk,
            sk,
            "/api/public/metrics?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    try (JsonParser p = Json.MAPPER.getFactory().createParser(r.body())) {
      Map<String, String> row = null;
      String field = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT && p.getParsingContext().getParent().inArray()) {
          row = new LinkedHashMap<>();
        } else if (t == JsonToken.FIELD_NAME) {
          field = p.currentName();
        } else if (row != null && t.isScalarValue()) {
          row.put(field, p.getText());
        } else if (t == JsonToken.END_OBJECT && row != null) {
          rows.put(key == null ? "" : row.get(key), row);
          row = null;
        }
      }
    }
    return rows;
  }
}
