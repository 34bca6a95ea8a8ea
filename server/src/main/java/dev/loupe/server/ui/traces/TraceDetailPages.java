package dev.loupe.server.ui.traces;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.query.NotFoundException;
import dev.loupe.query.ObservationQueries;
import dev.loupe.query.TraceQueries;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.UiContext;
import dev.loupe.server.ui.scores.ScoreViews;
import dev.loupe.server.ui.scores.ScoresView;
import dev.loupe.storage.TraceDetail;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The trace page: facts, the observation tree beside its timeline (drawn by {@code trace.js} from
 * compact rows, so a 10,000-observation trace stays one small page), and the selected observation's
 * panel, an HTML fragment the script loads into {@code #panel}.
 */
public final class TraceDetailPages {
  private final TraceQueries traces;
  private final ObservationQueries observations;
  private final ScoreViews scores;
  private final Pages pages;

  public TraceDetailPages(UiContext ui, Pages pages) {
    this.traces = ui.traces();
    this.scores = ui.scores();
    this.observations = ui.observations();
    this.pages = pages;
  }

  public void detail(Exchange ex, String projectId) throws IOException {
    // the tree needs no observation's payload: at 10,000 observations, reading them was most of it
    TraceDetail d = traces.outline(projectId, ex.path("traceId"));
    String back = TracePages.LIST + "/" + Formats.pathSegment(d.trace().id());
    pages.render(
        ex, 200, "trace.jte", page(projectId, d, scores.ofTrace(projectId, d.trace().id(), back)));
  }

  static TracePage page(String projectId, TraceDetail d, ScoresView scores) {
    Trace t = d.trace();
    TraceTree tree = TraceTree.build(d.observations());
    String user = Formats.text(t.userId());
    String session = Formats.text(t.sessionId());
    BigDecimal cost = d.totalCost(); // a sum over every observation: once, not per use
    String money = Formats.money(cost);
    return new TracePage(
        projectId,
        t.id(),
        Formats.text(t.name()),
        Formats.time(t.timestamp()),
        user,
        user.isEmpty() ? "" : "/ui/traces?userId=" + Formats.queryValue(user),
        session,
        session.isEmpty() ? "" : "/ui/sessions/" + Formats.pathSegment(session),
        t.tags(),
        t.environment(),
        Formats.text(t.release()),
        Formats.text(t.version()),
        Formats.latency(d.latency()),
        money,
        money.equals(Formats.cost(cost)) ? "" : Formats.cost(cost),
        IoView.of(t.input(), traceMedia(t, "input")),
        IoView.of(t.output(), traceMedia(t, "output")),
        Formats.prettyJson(t.metadata()),
        d.observations().size(),
        tree.json(),
        tree.spanMicros(),
        tree.orphans(),
        scores);
  }

  private static String traceMedia(Trace t, String io) {
    return TracePages.LIST + "/" + Formats.pathSegment(t.id()) + "/media/" + io + "/";
  }

  /**
   * One observation's panel, as an HTML fragment; 404 unless the observation belongs to this trace
   * of the signed-in project.
   */
  public void observation(Exchange ex, String projectId) throws IOException {
    String traceId = ex.path("traceId");
    String id = ex.path("observationId");
    Observation o = observations.get(projectId, id);
    if (!o.traceId().equals(traceId)) throw new NotFoundException("observation", id);
    String back =
        TracePages.LIST + "/" + Formats.pathSegment(traceId) + "#" + Formats.pathSegment(id);
    pages.renderAll(
        ex,
        200,
        List.of(
            Map.entry("observation.jte", ObservationView.of(o)),
            Map.entry("scores.jte", scores.ofObservation(projectId, traceId, id, back))));
  }
}
