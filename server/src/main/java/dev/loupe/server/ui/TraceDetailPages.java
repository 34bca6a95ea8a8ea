package dev.loupe.server.ui;

import dev.loupe.model.Trace;
import dev.loupe.query.TraceQueries;
import dev.loupe.server.http.Exchange;
import dev.loupe.storage.TraceDetail;
import java.io.IOException;

/** The trace page: tree, timeline and the selected observation's panel. */
final class TraceDetailPages {
  private final TraceQueries traces;
  private final Pages pages;

  TraceDetailPages(UiContext ui, Pages pages) {
    this.traces = ui.traces();
    this.pages = pages;
  }

  void detail(Exchange ex, String projectId) throws IOException {
    TraceDetail d = traces.get(projectId, ex.path("traceId"));
    Trace t = d.trace();
    pages.render(
        ex,
        200,
        "trace.jte",
        new TracePage(
            projectId,
            t.id(),
            Formats.text(t.name()),
            Formats.time(t.timestamp()),
            Formats.text(t.userId()),
            Formats.text(t.sessionId()),
            String.join(", ", t.tags()),
            t.environment(),
            Formats.latency(d.latency()),
            Formats.cost(d.totalCost()),
            Formats.prettyJson(t.input()),
            Formats.prettyJson(t.output()),
            TraceTree.build(d.observations())));
  }

  /** One observation's panel, as an HTML fragment (not built yet). */
  void observation(Exchange ex, String projectId) throws IOException {
    pages.render(ex, 404, "notFound.jte", new NotFoundPage("not built yet"));
  }
}
