package dev.loupe.server.ui.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.InitProject;
import dev.loupe.server.ServerConfig;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.UiClient;
import dev.loupe.server.ui.UiTestServer;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sessions, session and users pages over real HTTP against a real in-memory server: figures
 * checked against sums computed here from the data sent, project isolation, the conversation's
 * order, escaping and the unknown session.
 */
class PeoplePagesHttpTest {
  private static final String PK_A = "pk-lf-people-a";
  private static final String SK_A = "sk-lf-people-a";
  private static final String PK_B = "pk-lf-people-b";
  private static final String SK_B = "sk-lf-people-b";
  private static final String HOSTILE_USER = "<img src=x onerror=alert(1)>";
  private static final String HOSTILE_SESSION = "h<svg onload=alert(2)>";

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  /** A trace as sent; null session or user for none. */
  record Tr(
      String id,
      @Nullable String sessionId,
      @Nullable String userId,
      Instant timestamp,
      @Nullable String input,
      @Nullable String output) {}

  /** An observation as sent: its total tokens and provided total cost (null for none). */
  record Ob(String traceId, String id, String level, long tokens, @Nullable BigDecimal cost) {}

  private final List<Tr> tracesA =
      List.of(
          // sent newest first: the conversation must still read in time order
          new Tr(
              "a3",
              "chat-1",
              "alice",
              now.minus(Duration.ofHours(1)),
              "\"<script>alert(3)</script> third question\"",
              "{\"foo\": [1, 2]}"),
          new Tr(
              "a1",
              "chat-1",
              "alice",
              now.minus(Duration.ofHours(3)),
              "[{\"role\":\"system\",\"content\":\"be brief\"},"
                  + "{\"role\":\"user\",\"content\":\"first question\"}]",
              "{\"role\":\"assistant\",\"content\":\"first answer\"}"),
          new Tr(
              "a2",
              "chat-1",
              "alice",
              now.minus(Duration.ofHours(2)),
              "{\"messages\":[{\"role\":\"user\",\"content\":\"old question\"},"
                  + "{\"role\":\"assistant\",\"content\":\"old answer\"},"
                  + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"second question\"}]}]}",
              "\"second answer\""),
          new Tr("q1", "quiet", "bob", now.minus(Duration.ofMinutes(30)), null, null),
          new Tr("c1", null, "carol", now.minus(Duration.ofMinutes(20)), "\"hi\"", null),
          new Tr(
              "h1", HOSTILE_SESSION, HOSTILE_USER, now.minus(Duration.ofMinutes(10)), null, null),
          new Tr("old1", "old-sess", "olga", now.minus(Duration.ofDays(40)), null, null));

  private final List<Ob> observationsA =
      List.of(
          new Ob("a1", "a1-g", "DEFAULT", 59, new BigDecimal("0.00125")),
          new Ob("a1", "a1-s", "DEFAULT", 0, null),
          new Ob("a2", "a2-g", "ERROR", 6, new BigDecimal("0.0002")),
          new Ob("a2", "a2-g2", "DEFAULT", 100, new BigDecimal("0.003")),
          new Ob("a2", "a2-e", "ERROR", 0, null),
          new Ob("c1", "c1-g", "DEFAULT", 10, new BigDecimal("0.5")),
          new Ob("old1", "old1-g", "ERROR", 5, new BigDecimal("0.1")));

  @TempDir Path dataDir;

  /** The backend the server runs on; subclasses run the same tests on another. */
  ServerConfig.StorageKind storage() {
    return ServerConfig.StorageKind.MEMORY;
  }

  @RegisterExtension
  final UiClient ui =
      UiClient.starting(
          () ->
              UiTestServer.on(
                      storage(), dataDir, InitProject.of("people-a", PK_A, SK_A, "lma_people_a"))
                  .withProject("people-b", PK_B, SK_B)
                  .start());

  @Test
  void sessions_listEachSessionWithTheFiguresOfItsTraces_newestFirst() throws Exception {
    ingestA();
    String session = ui.signIn(PK_A, SK_A);

    HttpResponse<String> r = ui.get("/ui/sessions", session);

    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    assertThat(html).contains("<table id=\"sessions\"");
    for (String id : List.of("chat-1", "quiet")) {
      assertThat(cell(html, "data-session-id", id, "traces"))
          .isEqualTo(Long.toString(traceCount(t -> id.equals(t.sessionId()))));
      assertCost(costValue(html, "data-session-id", id), cost(t -> id.equals(t.sessionId())));
      assertThat(cell(html, "data-session-id", id, "tokens"))
          .isEqualTo(Long.toString(tokens(t -> id.equals(t.sessionId()))));
      assertThat(cell(html, "data-session-id", id, "errors"))
          .isEqualTo(Long.toString(errors(t -> id.equals(t.sessionId()))));
    }
    // chat-1: 3 traces, 1.5 cost units, 165 tokens, 2 error observations; quiet: no observations
    assertThat(cell(html, "data-session-id", "chat-1", "errors")).isEqualTo("2");
    assertThat(cell(html, "data-session-id", "quiet", "traces")).isEqualTo("1");
    assertThat(costValue(html, "data-session-id", "quiet")).isEmpty();
    // first and last trace times of chat-1, exactly (to the second as the pages show times)
    assertThat(timeCell(html, "data-session-id", "chat-1", "first"))
        .isEqualTo(Formats.time(now.minus(Duration.ofHours(3))));
    assertThat(timeCell(html, "data-session-id", "chat-1", "last"))
        .isEqualTo(Formats.time(now.minus(Duration.ofHours(1))));
    assertThat(timeCell(html, "data-session-id", "quiet", "last"))
        .isEqualTo(Formats.time(now.minus(Duration.ofMinutes(30))));
    // newest first; the 40-day-old session is outside the default week
    assertThat(rowIds(html, "data-session-id")).containsExactly(HOSTILE_SESSION, "quiet", "chat-1");
    assertThat(html).contains("href=\"/ui/sessions/chat-1\"");

    HttpResponse<String> all = ui.get("/ui/sessions?range=all", session);
    assertThat(rowIds(all.body(), "data-session-id")).endsWith("old-sess");
    assertThat(cell(all.body(), "data-session-id", "old-sess", "errors")).isEqualTo("1");
    HttpResponse<String> recent = ui.get("/ui/sessions?range=15m", session);
    assertThat(rowIds(recent.body(), "data-session-id")).containsExactly(HOSTILE_SESSION);
    assertThat(recent.body())
        .contains("<option value=\"15m\" selected>")
        .contains("<option value=\"7d\">");
  }

  @Test
  void users_listEachUserWithFigures_sortableByTracesOrCost() throws Exception {
    ingestA();
    String session = ui.signIn(PK_A, SK_A);

    HttpResponse<String> r = ui.get("/ui/users", session);

    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    for (String id : List.of("alice", "bob", "carol")) {
      assertThat(cell(html, "data-user-id", id, "traces"))
          .isEqualTo(Long.toString(traceCount(t -> id.equals(t.userId()))));
      assertCost(costValue(html, "data-user-id", id), cost(t -> id.equals(t.userId())));
      assertThat(cell(html, "data-user-id", id, "tokens"))
          .isEqualTo(Long.toString(tokens(t -> id.equals(t.userId()))));
      assertThat(cell(html, "data-user-id", id, "errors"))
          .isEqualTo(Long.toString(errors(t -> id.equals(t.userId()))));
    }
    // the link carries the list's range, so the counts agree (issue 13); 7d is the default
    assertThat(html).contains("href=\"/ui/traces?userId=alice&amp;range=7d\"");
    // last seen: the newest trace's exact time
    assertThat(timeCell(html, "data-user-id", "alice", "last-seen"))
        .isEqualTo(Formats.time(now.minus(Duration.ofHours(1))));
    assertThat(timeCell(html, "data-user-id", "carol", "last-seen"))
        .isEqualTo(Formats.time(now.minus(Duration.ofMinutes(20))));
    assertThat(timeCell(html, "data-user-id", "bob", "last-seen"))
        .isEqualTo(Formats.time(now.minus(Duration.ofMinutes(30))));
    // by traces (default): alice has 3; the others 1 each, then by cost, then by id
    assertThat(rowIds(html, "data-user-id")).containsExactly("alice", "carol", HOSTILE_USER, "bob");
    assertThat(rowIds(ui.get("/ui/users?sort=cost", session).body(), "data-user-id"))
        .containsExactly("carol", "alice", HOSTILE_USER, "bob");
    // olga's only trace is 40 days old
    assertThat(rowIds(ui.get("/ui/users?range=all", session).body(), "data-user-id"))
        .contains("olga");
  }

  @Test
  void anotherProjectsSessionsAndUsersNeverAppear() throws Exception {
    ingestA();
    ui.ingest(
        PK_B,
        SK_B,
        batch(
            List.of(new Tr("b1", "secret-sess-b", "mallory-b", now, "\"b-secret-input\"", null)),
            List.of(new Ob("b1", "b1-g", "ERROR", 1000, new BigDecimal("9")))));
    String sessionA = ui.signIn(PK_A, SK_A);
    String sessionB = ui.signIn(PK_B, SK_B);

    assertThat(ui.get("/ui/sessions?range=all", sessionA).body()).doesNotContain("secret-sess-b");
    assertThat(ui.get("/ui/users?range=all", sessionA).body()).doesNotContain("mallory-b");
    assertThat(ui.get("/ui/sessions/secret-sess-b", sessionA).statusCode()).isEqualTo(404);
    assertThat(ui.get("/ui/sessions/secret-sess-b", sessionA).body())
        .doesNotContain("b-secret-input");

    String sessionsB = ui.get("/ui/sessions?range=all", sessionB).body();
    String usersB = ui.get("/ui/users?range=all", sessionB).body();
    assertThat(rowIds(sessionsB, "data-session-id")).containsExactly("secret-sess-b");
    assertThat(rowIds(usersB, "data-user-id")).containsExactly("mallory-b");
    assertThat(cell(usersB, "data-user-id", "mallory-b", "tokens")).isEqualTo("1,000");
    assertThat(cell(sessionsB, "data-session-id", "secret-sess-b", "errors")).isEqualTo("1");
    assertThat(ui.get("/ui/sessions/chat-1", sessionB).statusCode()).isEqualTo(404);
  }

  @Test
  void session_showsItsTracesInTimeOrderAsAConversation() throws Exception {
    ingestA();
    String session = ui.signIn(PK_A, SK_A);

    HttpResponse<String> r = ui.get("/ui/sessions/chat-1", session);

    assertThat(r.statusCode()).isEqualTo(200);
    String html = r.body();
    assertThat(html).contains("id=\"conversation\"");
    assertThat(rowIds(html, "data-trace-id")).containsExactly("a1", "a2", "a3");
    assertThat(html.indexOf("first question"))
        .isPositive()
        .isLessThan(html.indexOf("first answer"))
        .isLessThan(html.indexOf("second question"));
    assertThat(html.indexOf("second question")).isLessThan(html.indexOf("second answer"));
    assertThat(html)
        .doesNotContain("be brief") // the last user message only, not the system prompt
        .doesNotContain("old question")
        .contains("href=\"/ui/traces/a1\"")
        .contains("&lt;script&gt;alert(3)&lt;/script&gt; third question")
        .contains("<pre class=\"json\">")
        .contains("foo");
    assertScriptsAreOnlyTheUis(html);
    // a1's cost is its generation's provided cost; totals are the session's
    assertThat(turn(html, "a1")).contains("$0.00125");
    assertThat(html).contains("<dd class=\"errors\">2</dd>");
  }

  @Test
  void hostileIdsAreEscapedAndLinkedEncoded() throws Exception {
    ingestA();
    String session = ui.signIn(PK_A, SK_A);

    String sessions = ui.get("/ui/sessions", session).body();
    String users = ui.get("/ui/users", session).body();
    // the path the list links to
    HttpResponse<String> detail =
        ui.get("/ui/sessions/h%3Csvg%20onload%3Dalert%282%29%3E", session);

    for (String html : List.of(sessions, users, detail.body())) {
      assertThat(html).doesNotContain("<img").doesNotContain("<svg");
      assertScriptsAreOnlyTheUis(html);
    }
    assertThat(sessions)
        .contains("h&lt;svg onload=alert(2)&gt;")
        .contains("href=\"/ui/sessions/h%3Csvg%20onload%3Dalert%282%29%3E\"");
    assertThat(users)
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains(
            "href=\"/ui/traces?userId=%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E&amp;range=7d\"");
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(rowIds(detail.body(), "data-trace-id")).containsExactly("h1");
  }

  @Test
  void unknownSessionIs404() throws Exception {
    String session = ui.signIn(PK_A, SK_A);

    HttpResponse<String> r = ui.get("/ui/sessions/no-such-session", session);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("Not found");
  }

  @Test
  void sessionsAndUsersPageBy50() throws Exception {
    List<Tr> traces = new ArrayList<>();
    for (int i = 0; i < 52; i++) {
      traces.add(
          new Tr(
              "p" + i,
              "s-%02d".formatted(i),
              "u-%02d".formatted(i),
              now.minus(Duration.ofMinutes(60 - i)),
              null,
              null));
    }
    ui.ingest(PK_A, SK_A, batch(traces, List.of()));
    String session = ui.signIn(PK_A, SK_A);

    for (String kind : List.of("sessions", "users")) {
      String attr = kind.equals("sessions") ? "data-session-id" : "data-user-id";
      String first = ui.get("/ui/" + kind, session).body();
      List<String> page1 = rowIds(first, attr);
      List<String> page2 = rowIds(ui.get("/ui/" + kind + "?range=7d&page=2", session).body(), attr);

      assertThat(page1).hasSize(50);
      assertThat(page2).hasSize(2);
      Set<String> union = new HashSet<>(page1);
      union.addAll(page2);
      assertThat(union).hasSize(52);
      assertThat(first).contains("52 " + kind).contains("page 1 of 2").contains("rel=\"next\"");
    }
    // sessions: newest first
    assertThat(rowIds(ui.get("/ui/sessions", session).body(), "data-session-id").get(0))
        .isEqualTo("s-51");
  }

  // --- expected figures, computed from the data sent ---

  private long traceCount(java.util.function.Predicate<Tr> which) {
    return tracesA.stream().filter(which).filter(this::inWeek).count();
  }

  private List<Ob> observationsOf(java.util.function.Predicate<Tr> which) {
    Set<String> ids = new HashSet<>();
    tracesA.stream().filter(which).filter(this::inWeek).forEach(t -> ids.add(t.id()));
    return observationsA.stream().filter(o -> ids.contains(o.traceId())).toList();
  }

  private @Nullable BigDecimal cost(java.util.function.Predicate<Tr> which) {
    return observationsOf(which).stream()
        .map(Ob::cost)
        .filter(Objects::nonNull)
        .reduce(BigDecimal::add)
        .orElse(null);
  }

  private long tokens(java.util.function.Predicate<Tr> which) {
    return observationsOf(which).stream().mapToLong(Ob::tokens).sum();
  }

  private long errors(java.util.function.Predicate<Tr> which) {
    return observationsOf(which).stream().filter(o -> o.level().equals("ERROR")).count();
  }

  private boolean inWeek(Tr t) {
    return t.timestamp().isAfter(now.minus(Duration.ofDays(7)));
  }

  private static void assertCost(String dataValue, @Nullable BigDecimal expected) {
    if (expected == null) {
      assertThat(dataValue).isEmpty();
    } else {
      assertThat(new BigDecimal(dataValue)).isEqualByComparingTo(expected);
    }
  }

  // --- HTML ---

  private static String row(String html, String attr, String id) {
    String escaped = id.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    int start = html.indexOf("<tr " + attr + "=\"" + escaped + "\"");
    assertThat(start).as("row " + id).isNotNegative();
    return html.substring(start, html.indexOf("</tr>", start));
  }

  private static String turn(String html, String traceId) {
    int start = html.indexOf("data-trace-id=\"" + traceId + "\"");
    assertThat(start).as("turn " + traceId).isNotNegative();
    int end = html.indexOf("</li>", start);
    return html.substring(start, end);
  }

  private static String cell(String html, String attr, String id, String cls) {
    Matcher m =
        Pattern.compile("<td class=\"num " + cls + "[^\"]*\"[^>]*>([^<]*)</td>")
            .matcher(row(html, attr, id));
    assertThat(m.find()).as(cls + " of " + id).isTrue();
    return m.group(1);
  }

  private static String timeCell(String html, String attr, String id, String cls) {
    Matcher m =
        Pattern.compile("<td class=\"time " + cls + "\">([^<]*)</td>").matcher(row(html, attr, id));
    assertThat(m.find()).as(cls + " of " + id).isTrue();
    return m.group(1);
  }

  private static String costValue(String html, String attr, String id) {
    Matcher m =
        Pattern.compile("class=\"num cost\" data-value=\"([^\"]*)\"").matcher(row(html, attr, id));
    assertThat(m.find()).as("cost of " + id).isTrue();
    return m.group(1);
  }

  /** The values of {@code attr} in document order, unescaped. */
  private static List<String> rowIds(String html, String attr) {
    List<String> ids = new ArrayList<>();
    Matcher m = Pattern.compile(" " + attr + "=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      ids.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }
    return ids;
  }

  private static void assertScriptsAreOnlyTheUis(String html) {
    assertThat(java.util.Arrays.stream(html.split("<script", -1)).skip(1).toList())
        .isNotEmpty()
        .allSatisfy(tag -> assertThat(tag).startsWith(" src=\"/ui/static/"));
  }

  // --- ingest ---

  private void ingestA() throws Exception {
    ui.ingest(PK_A, SK_A, batch(tracesA, observationsA));
  }

  private static String batch(List<Tr> traces, List<Ob> observations) {
    List<String> events = new ArrayList<>();
    for (Tr t : traces) {
      StringBuilder body =
          new StringBuilder("{\"id\":\"" + t.id() + "\",\"name\":\"turn-" + t.id() + "\"");
      body.append(",\"timestamp\":\"").append(t.timestamp()).append('"');
      if (t.sessionId() != null) body.append(",\"sessionId\":").append(quote(t.sessionId()));
      if (t.userId() != null) body.append(",\"userId\":").append(quote(t.userId()));
      if (t.input() != null) body.append(",\"input\":").append(t.input());
      if (t.output() != null) body.append(",\"output\":").append(t.output());
      body.append('}');
      events.add(event(t.id() + "-e", "trace-create", t.timestamp(), body.toString()));
    }
    for (Ob o : observations) {
      Instant start =
          traces.stream()
              .filter(t -> t.id().equals(o.traceId()))
              .findFirst()
              .orElseThrow()
              .timestamp();
      StringBuilder body =
          new StringBuilder("{\"id\":\"" + o.id() + "\",\"traceId\":\"" + o.traceId() + "\"");
      body.append(",\"name\":\"step-")
          .append(o.id())
          .append("\",\"level\":\"")
          .append(o.level())
          .append('"');
      body.append(",\"startTime\":\"").append(start.plusMillis(100)).append('"');
      body.append(",\"endTime\":\"").append(start.plusMillis(600)).append('"');
      if (o.tokens() > 0)
        body.append(",\"model\":\"acme-llm-7\",\"usageDetails\":{\"total\":")
            .append(o.tokens())
            .append('}');
      if (o.cost() != null)
        body.append(",\"costDetails\":{\"total\":").append(o.cost().toPlainString()).append('}');
      body.append('}');
      events.add(
          event(
              o.id() + "-e",
              o.tokens() > 0 ? "generation-create" : "span-create",
              start,
              body.toString()));
    }
    return "{\"batch\":[" + String.join(",", events) + "]}";
  }

  private static String event(String id, String type, Instant at, String body) {
    return "{\"id\":\"%s\",\"type\":\"%s\",\"timestamp\":\"%s\",\"body\":%s}"
        .formatted(id, type, at, body);
  }

  private static String quote(String s) {
    return dev.loupe.model.Json.quote(s);
  }
}
