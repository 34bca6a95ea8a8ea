package dev.loupe.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.InitProject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The filter boxes' suggestions over real HTTP against a real in-memory server: prefix match, most
 * frequent first, at most 20, the comma-separated boxes keep what was typed before the last comma,
 * a bad field is a 400 naming it, and a project never sees another's values.
 */
class SuggestionsHttpTest {
  private static final String PK_A = "pk-lf-suggest-a", SK_A = "sk-lf-suggest-a";
  private static final String PK_B = "pk-lf-suggest-b", SK_B = "sk-lf-suggest-b";
  private static final Pattern OPTION = Pattern.compile("<option value=\"([^\"]*)\"></option>");

  @RegisterExtension
  final UiClient ui =
      UiClient.starting(
          () ->
              UiTestServer.memory(InitProject.of("suggest-a", PK_A, SK_A, "lma_suggest_a"))
                  .withProject("suggest-b", PK_B, SK_B)
                  .start());

  @Test
  void suggestions_matchThePrefix_mostFrequentFirst_boundedTo20_withinTheProject()
      throws Exception {
    Instant now = Instant.now();
    List<String> a = new ArrayList<>();
    // 30 users user-00..user-29 with one trace each, user-07 with 4 more, alice with 2
    for (int i = 0; i < 30; i++)
      a.add(trace("a-" + i, "user-%02d".formatted(i), "s-" + i % 3, now));
    for (int i = 0; i < 4; i++) a.add(trace("a-x" + i, "user-07", "s-0", now));
    for (int i = 0; i < 2; i++) a.add(trace("a-al" + i, "alice", "s-1", now));
    a.add(generation("a-0", "g1", "gpt-4o-mini", now));
    a.add(generation("a-1", "g2", "gpt-4o", now));
    a.add(generation("a-2", "g3", "gpt-4o", now));
    a.add(generation("a-3", "g4", "claude-sonnet-4-5", now));
    ui.ingest(PK_A, SK_A, "{\"batch\":[" + String.join(",", a) + "]}");
    ui.ingest(
        PK_B,
        SK_B,
        "{\"batch\":["
            + trace("b-1", "user-bob-secret", "s-b", now)
            + ","
            + generation("b-1", "gb", "gpt-secret-b", now)
            + "]}");
    String sessionA = ui.signIn(PK_A, SK_A);
    String sessionB = ui.signIn(PK_B, SK_B);
    waitFor(() -> options(sessionA, "userId", "alice").equals(List.of("alice")));

    List<String> users = options(sessionA, "userId", "user-");
    assertThat(users).hasSize(20).allMatch(u -> u.startsWith("user-"));
    assertThat(users.getFirst()).isEqualTo("user-07"); // 5 traces; the others 1 each, by name
    assertThat(users.subList(1, 20)).isSorted().doesNotContain("user-bob-secret");
    assertThat(options(sessionA, "userId", "")).contains("alice", "user-07").hasSize(20);
    assertThat(options(sessionA, "userId", "User-")).isEmpty(); // exact, as the filter matches
    assertThat(options(sessionA, "sessionId", "s-")).containsExactly("s-0", "s-1", "s-2");
    assertThat(options(sessionA, "model", "gpt")).containsExactly("gpt-4o", "gpt-4o-mini");
    assertThat(options(sessionA, "environment", "")).containsExactly("production");
    // the comma-separated boxes: the typed head stays, the last item is completed
    assertThat(options(sessionA, "tags", "beta, al")).containsExactly("beta, alpha");
    assertThat(options(sessionA, "tags", "")).containsExactly("alpha", "beta");

    // project B sees its own values only, and A none of B's
    waitFor(() -> !options(sessionB, "userId", "user-").isEmpty());
    assertThat(options(sessionB, "userId", "user-")).containsExactly("user-bob-secret");
    assertThat(options(sessionB, "model", "")).containsExactly("gpt-secret-b");
    assertThat(options(sessionA, "model", "gpt-s")).isEmpty();

    HttpResponse<String> bad = ui.get("/ui/suggestions/name?name=x", sessionA);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("field: expected one of userId, sessionId");
    assertThat(ui.get("/ui/suggestions/userId?userId=a", null).statusCode()).isEqualTo(303);
  }

  private List<String> options(String session, String field, String typed) throws Exception {
    HttpResponse<String> r =
        ui.get(
            "/ui/suggestions/"
                + field
                + "?"
                + field
                + "="
                + java.net.URLEncoder.encode(typed, java.nio.charset.StandardCharsets.UTF_8),
            session);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    Matcher m = OPTION.matcher(r.body());
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private static String trace(String id, String user, String session, Instant t) {
    return """
        {"id":"e-%s","type":"trace-create","timestamp":"%s","body":{"id":"%s","name":"t",\
        "userId":"%s","sessionId":"%s","timestamp":"%s","tags":["alpha","beta"],\
        "environment":"production"}}"""
        .formatted(id, t, id, user, session, t);
  }

  private static String generation(String traceId, String id, String model, Instant t) {
    return """
        {"id":"e-%s","type":"generation-create","timestamp":"%s","body":{"id":"%s",\
        "traceId":"%s","name":"g","model":"%s","startTime":"%s"}}"""
        .formatted(id, t, id, traceId, model, t);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!check.ok()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not visible within 10 s");
      Thread.sleep(50);
    }
  }
}
