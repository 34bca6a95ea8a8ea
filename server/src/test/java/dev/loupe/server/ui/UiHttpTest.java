package dev.loupe.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.InitProject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web UI over real HTTP against a real in-memory server with projects A and B. */
class UiHttpTest {
  private static final String PK_A = "pk-lf-ui-a";
  private static final String SK_A = "sk-lf-ui-a";
  private static final String PK_B = "pk-lf-ui-b";
  private static final String SK_B = "sk-lf-ui-b";
  private static final String CSP =
      "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'";

  @RegisterExtension
  final UiClient ui =
      UiTestServer.memory(InitProject.of("ui-a", PK_A, SK_A, "lma_ui_a"))
          .withProject("ui-b", PK_B, SK_B)
          .client();

  @Test
  void login_wrongKeyIs401WithTheFormAndAnError() throws Exception {
    HttpResponse<String> r = ui.login(PK_A, "sk-lf-wrong");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(r.body())
        .contains("Invalid public key or secret key")
        .contains("name=\"secretKey\"");
    assertThat(r.headers().firstValue("Content-Security-Policy")).contains(CSP);
  }

  @Test
  void login_rightKeySetsAStrictHttpOnlySessionCookieAndRedirectsToTraces() throws Exception {
    HttpResponse<String> r = ui.login(PK_A, SK_A);

    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/ui/traces");
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie)
        .startsWith("loupe_session=")
        .contains("HttpOnly")
        .contains("SameSite=Strict")
        .contains("Path=/ui");
    assertThat(UiClient.cookieValue(cookie)).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void signedOut_pagesRedirectToLogin_andAnUnknownSessionIsSignedOut() throws Exception {
    HttpResponse<String> none = ui.get("/ui/traces", null);
    HttpResponse<String> forged = ui.get("/ui/traces/t1", "loupe_session=forged");

    assertThat(none.statusCode()).isEqualTo(303);
    assertThat(none.headers().firstValue("Location")).contains("/ui/login");
    assertThat(forged.statusCode()).isEqualTo(303);
    assertThat(forged.headers().firstValue("Location")).contains("/ui/login");
    assertThat(none.headers().firstValue("Content-Security-Policy")).contains(CSP);
  }

  @Test
  void logout_endsTheSession() throws Exception {
    String session = ui.signIn(PK_A, SK_A);
    HttpResponse<String> out =
        ui.send(
            HttpRequest.newBuilder(ui.uri("/ui/logout"))
                .header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    assertThat(ui.get("/ui/traces", session).statusCode()).isEqualTo(303);
  }

  @Test
  void traces_listsTheProjectsIngestedTrace_withFiltersAndSecurityHeaders() throws Exception {
    ui.ingest(PK_A, SK_A, batch("ui-t1", "handle-request", "\"hello\""));
    String session = ui.signIn(PK_A, SK_A);

    HttpResponse<String> all = ui.get("/ui/traces?range=all", session);
    HttpResponse<String> byUser = ui.get("/ui/traces?range=all&userId=someone-else", session);

    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(all.headers().firstValue("Content-Security-Policy")).contains(CSP);
    assertThat(all.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(all.body())
        .contains("handle-request")
        .contains("href=\"/ui/traces/ui-t1\"")
        .contains("user-7")
        .contains("sess-3")
        .contains("1.50 s")
        .contains("1 trace in" /* was "1 traces": the grammar defect of issue 13 */);
    assertThat(byUser.body()).doesNotContain("handle-request").contains("0 traces");
  }

  @Test
  void trace_ofAnotherProjectIs404AndNotListed() throws Exception {
    ui.ingest(PK_A, SK_A, batch("ui-t2", "secret-run", "\"x\""));
    String sessionB = ui.signIn(PK_B, SK_B);

    HttpResponse<String> page = ui.get("/ui/traces/ui-t2", sessionB);
    HttpResponse<String> list = ui.get("/ui/traces", sessionB);

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).doesNotContain("secret-run");
    assertThat(list.body()).doesNotContain("secret-run").contains("0 traces");
  }

  @Test
  void trace_showsTheNestedTreeAndEscapesUserContent() throws Exception {
    String hostile = "\"<script>alert(1)</script> <img src=x onerror=alert(1)>\"";
    ui.ingest(PK_A, SK_A, batch("ui-t3", "handle-request", hostile));
    String session = ui.signIn(PK_A, SK_A);

    HttpResponse<String> r = ui.get("/ui/traces/ui-t3", session);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Security-Policy")).contains(CSP);
    String html = r.body();
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img");
    // the only script elements are the UI's own files
    assertThat(java.util.Arrays.stream(html.split("<script", -1)).skip(1).toList())
        .isNotEmpty()
        .allSatisfy(tag -> assertThat(tag).startsWith(" src=\"/ui/static/"));
    // draft-reply and the failing polish-reply are children of the root span (row 0): the tree
    // rows [id, parent row, depth, subtree end, ...] the page script draws, JSON in an attribute
    assertThat(html)
        .contains("data-tree=\"{&#34;rows&#34;:[[&#34;ui-t3-root&#34;,-1,0,3,")
        .contains("[&#34;ui-t3-gen&#34;,0,1,2,")
        .contains("&#34;draft-reply&#34;")
        .contains("&#34;gpt-4o&#34;")
        .contains(",42,17,")
        .contains("[&#34;ui-t3-err&#34;,0,1,3,")
        // flags 5: ERROR and unpriced
        .contains("&#34;no price&#34;,5]]");
    assertThat(ui.get("/ui/traces/ui-t3/observations/ui-t3-err", session).body())
        .contains("rate limited")
        .contains("no price");
  }

  private static String batch(String traceId, String name, String inputJson) {
    return """
        {"batch": [
          {"id": "%1$s-e1", "timestamp": "2026-01-05T10:00:00.000Z", "type": "trace-create",
           "body": {"id": "%1$s", "name": "%2$s", "userId": "user-7", "sessionId": "sess-3",
                    "timestamp": "2026-01-05T10:00:00.000Z", "input": %3$s}},
          {"id": "%1$s-e2", "timestamp": "2026-01-05T10:00:00.000Z", "type": "span-create",
           "body": {"id": "%1$s-root", "traceId": "%1$s", "name": "root-span",
                    "startTime": "2026-01-05T10:00:00.000Z", "endTime": "2026-01-05T10:00:01.500Z",
                    "input": %3$s}},
          {"id": "%1$s-e3", "timestamp": "2026-01-05T10:00:00.100Z", "type": "generation-create",
           "body": {"id": "%1$s-gen", "traceId": "%1$s", "parentObservationId": "%1$s-root",
                    "name": "draft-reply", "model": "gpt-4o",
                    "startTime": "2026-01-05T10:00:00.100Z", "endTime": "2026-01-05T10:00:00.900Z",
                    "usageDetails": {"input": 42, "output": 17}}},
          {"id": "%1$s-e4", "timestamp": "2026-01-05T10:00:01.000Z", "type": "generation-create",
           "body": {"id": "%1$s-err", "traceId": "%1$s", "parentObservationId": "%1$s-root",
                    "name": "polish-reply", "model": "acme-llm-7", "level": "ERROR",
                    "statusMessage": "rate limited",
                    "startTime": "2026-01-05T10:00:01.000Z", "endTime": "2026-01-05T10:00:01.200Z",
                    "usageDetails": {"input": 5, "output": 1}}}
        ]}"""
        .formatted(traceId, name, inputJson);
  }

  @Test
  void htmlPathOfTheApi_leadsToTheTracePage() throws Exception {
    ui.ingest(PK_A, SK_A, batch("ui t/4", "handle-request", "\"hi\""));
    String session = ui.signIn(PK_A, SK_A);
    String htmlPath =
        com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(ui.api(PK_A, SK_A, "/api/public/traces?limit=1").body())
            .get("data")
            .get(0)
            .get("htmlPath")
            .asText();

    HttpResponse<String> hop = ui.get(htmlPath, null);

    assertThat(hop.statusCode()).isEqualTo(303);
    String location = hop.headers().firstValue("Location").orElseThrow();
    assertThat(location).isEqualTo("/ui/traces/ui%20t%2F4");
    assertThat(ui.get(location, session).body()).contains("ui t/4");
  }
}
