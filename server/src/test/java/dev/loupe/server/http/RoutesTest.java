package dev.loupe.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.server.auth.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
  final Handler list = ex -> {};
  final Handler get = ex -> {};
  final Routes routes =
      new Routes()
          .get("/api/public/traces", Access.BASIC, list)
          .get("/api/public/traces/{traceId}", Access.BASIC, get)
          .post("/api/public/ingestion", Access.BASIC, ex -> {});

  @Test
  void readingAfter_readsOfProjectDataWaitForTheBarrierHealthAndIngestDoNot() throws Exception {
    List<String> ran = new ArrayList<>();
    Routes r =
        Routes.readingAfter(() -> ran.add("barrier"))
            .get("/api/public/traces", Access.BASIC, ex -> ran.add("traces"))
            .post("/api/public/models/recalculate", Access.BASIC, ex -> ran.add("recalculate"))
            .get("/ui/traces", Access.NONE, ex -> ran.add("ui"))
            .get("/api/public/health", Access.NONE, ex -> ran.add("health"))
            .ingest("/api/public/ingestion", Access.BASIC, ex -> ran.add("ingest"));

    for (String[] call :
        new String[][] {
          {"GET", "/api/public/traces"},
          {"POST", "/api/public/models/recalculate"},
          {"GET", "/ui/traces"},
          {"GET", "/api/public/health"},
          {"POST", "/api/public/ingestion"}
        }) r.match(call[0], call[1]).route().handler().handle(null);

    assertThat(ran)
        .containsExactly(
            "barrier", "traces", "barrier", "recalculate", "barrier", "ui", "health", "ingest");
  }

  @Test
  void match_literalAndTemplatePaths() {
    assertThat(routes.match("GET", "/api/public/traces").route().handler()).isSameAs(list);
    Routes.Match m = routes.match("GET", "/api/public/traces/abc123");
    assertThat(m.route().handler()).isSameAs(get);
    assertThat(m.pathParams()).isEqualTo(Map.of("traceId", "abc123"));
  }

  @Test
  void match_toleratesTrailingSlashAndDecodesSegmentsKeepingPlus() {
    assertThat(routes.match("GET", "/api/public/traces/").route().handler()).isSameAs(list);
    assertThat(routes.match("GET", "/api/public/traces/a%2Fb+c%20d").pathParams())
        .isEqualTo(Map.of("traceId", "a/b+c d"));
  }

  @Test
  void match_unknownPathIs404AndOtherMethodIs405WithAllow() {
    assertThatThrownBy(() -> routes.match("GET", "/api/public/nothing"))
        .isInstanceOf(Routes.NoRouteException.class);
    assertThatThrownBy(() -> routes.match("GET", "/api/public/traces/a/b"))
        .isInstanceOf(Routes.NoRouteException.class);
    assertThatThrownBy(() -> routes.match("GET", "/api/public/ingestion"))
        .isInstanceOfSatisfying(
            Routes.MethodNotAllowedException.class,
            e -> assertThat(e.allowHeader()).isEqualTo("POST"));
  }

  @Test
  void errorMapping_mapsEachFailureToItsStatus() {
    assertThat(ErrorMapping.map(new Routes.NoRouteException("GET", "/x")).status()).isEqualTo(404);
    assertThat(ErrorMapping.map(new IllegalArgumentException("limit: too big")).status())
        .isEqualTo(400);
    assertThat(ErrorMapping.map(new dev.loupe.storage.StorageException("full", null, true)))
        .satisfies(
            p -> {
              assertThat(p.status()).isEqualTo(503);
              assertThat(p.headers()).containsKey("Retry-After");
            });
    assertThat(ErrorMapping.map(new dev.loupe.storage.StorageException("disk", null)).status())
        .isEqualTo(500);
    assertThat(ErrorMapping.map(new IllegalStateException("bug")).message())
        .isEqualTo("internal error; see the server log");
    assertThat(
            new String(
                new ErrorMapping.Problem(400, "BadRequest", "limit: \"x\"").json(),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("{\"error\":\"BadRequest\",\"message\":\"limit: \\\"x\\\"\"}");
  }

  @Test
  void fallback_answersUnknownPathsUnderItsPrefixOnly() {
    Handler page = ex -> {};
    Handler missing = ex -> {};
    Routes ui =
        new Routes().get("/ui/traces", Access.NONE, page).fallback("/ui", Access.NONE, missing);

    assertThat(ui.match("GET", "/ui/traces").route().handler()).isSameAs(page);
    assertThat(ui.match("GET", "/ui/nothing/here").route().handler()).isSameAs(missing);
    assertThat(ui.match("DELETE", "/ui").route().handler()).isSameAs(missing);
    assertThatThrownBy(() -> ui.match("POST", "/ui/traces"))
        .isInstanceOf(Routes.MethodNotAllowedException.class);
    assertThatThrownBy(() -> ui.match("GET", "/uix")).isInstanceOf(Routes.NoRouteException.class);
  }
}
