package dev.loupe.server.http;

import dev.loupe.model.Score;
import dev.loupe.query.ScoreQueries;
import dev.loupe.query.TraceQueries;
import dev.loupe.query.json.TraceJson;
import dev.loupe.server.auth.Access;
import dev.loupe.storage.Page;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceSummary;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/public/traces} and {@code /traces/{traceId}} (Langfuse shapes): a listed trace
 * carries the ids of its scores, a fetched one the scores themselves (its observations' included).
 */
public final class TraceRoutes {
  private final TraceQueries traces;
  private final ScoreQueries scores;

  public TraceRoutes(TraceQueries traces, ScoreQueries scores) {
    this.traces = traces;
    this.scores = scores;
  }

  public void routing(Routes routes) {
    routes
        .get("/api/public/traces", Access.BASIC, this::list)
        .get("/api/public/traces/{traceId}", Access.BASIC, this::get);
  }

  private void list(Exchange ex) throws Exception {
    Page<TraceSummary> page = traces.search(ex.projectId(), ex.params());
    List<String> ids = page.items().stream().map(s -> s.trace().id()).toList();
    Map<String, List<Score>> byTrace =
        ids.isEmpty()
            ? Map.of()
            : scores.ofTraces(ex.projectId(), ids).stream()
                .collect(Collectors.groupingBy(s -> s.target().traceId()));
    ex.json(200, TraceJson.page(page, byTrace));
  }

  private void get(Exchange ex) throws Exception {
    TraceDetail detail = traces.get(ex.projectId(), ex.path("traceId"));
    ex.json(
        200,
        TraceJson.detail(detail, scores.ofTraces(ex.projectId(), List.of(detail.trace().id()))));
  }
}
