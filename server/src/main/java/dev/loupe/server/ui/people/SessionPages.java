package dev.loupe.server.ui.people;

import dev.loupe.model.Trace;
import dev.loupe.query.QueryParams;
import dev.loupe.query.SessionQueries;
import dev.loupe.query.TraceQueries;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.TimeRange;
import dev.loupe.server.ui.UiContext;
import dev.loupe.server.ui.traces.TracePages;
import dev.loupe.storage.Page;
import dev.loupe.storage.SessionDetail;
import dev.loupe.storage.SessionSummary;
import dev.loupe.storage.TraceSummary;
import dev.loupe.storage.analytics.Dimension;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions list and a session as a conversation. The list pages through the store's session
 * search (sessions whose first trace falls in the range, newest first); each row's figures are the
 * session's totals from the analytics store ({@link PeopleFigures}).
 */
public final class SessionPages {
  public static final String LIST = "/ui/sessions";
  static final int PAGE_SIZE = 50;

  /** Trace search pages the conversation reads its traces' cost and latency from. */
  private static final int TRACE_PAGE = 100;

  private final SessionQueries sessions;
  private final TraceQueries traces;
  private final PeopleFigures figures;
  private final Clock clock;
  private final Pages pages;
  private final dev.loupe.server.ui.scores.ScoreViews scores;

  public SessionPages(UiContext ui, Pages pages) {
    this.sessions = ui.sessions();
    this.traces = ui.traces();
    this.scores = ui.scores();
    this.figures = new PeopleFigures(ui.analytics());
    this.clock = ui.clock();
    this.pages = pages;
  }

  public void list(Exchange ex, String projectId) throws IOException {
    QueryParams in = ex.params();
    TimeRange range = PeopleFigures.range(in.string("range"));
    int pageNo = in.integer("page", 1, 1, 1_000_000);
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (range != TimeRange.ALL) {
      query.put("fromTimestamp", List.of(range.start(clock.instant()).toString()));
    }
    query.put("page", List.of(Integer.toString(pageNo)));
    query.put("limit", List.of(Integer.toString(PAGE_SIZE)));
    Page<SessionSummary> result = sessions.search(projectId, new QueryParams(query));
    List<String> ids = result.items().stream().map(SessionSummary::id).toList();
    Map<String, PeopleFigures.Figures> byId = figures.of(projectId, Dimension.SESSION_ID, ids);
    Instant oldest =
        result.items().stream()
            .map(SessionSummary::createdAt)
            .min(Instant::compareTo)
            .orElse(Instant.EPOCH);
    Map<String, PeopleFigures.Seen> seen =
        figures.seen(projectId, Dimension.SESSION_ID, ids, oldest);
    List<SessionsPage.Row> rows = new ArrayList<>(ids.size());
    for (SessionSummary s : result.items()) {
      PeopleFigures.Figures f = byId.getOrDefault(s.id(), PeopleFigures.Figures.NONE);
      PeopleFigures.Seen times = seen.get(s.id());
      rows.add(
          new SessionsPage.Row(
              s.id(),
              LIST + "/" + Formats.pathSegment(s.id()),
              f.traces(),
              Formats.money(f.cost()),
              f.cost() == null ? "" : f.cost().toPlainString(),
              f.tokens(),
              f.errors(),
              Formats.time(times == null ? s.createdAt() : times.first()),
              PeopleFigures.time(times == null ? null : times.last())));
    }
    String base = LIST + "?range=" + range.wire();
    pages.render(
        ex,
        200,
        "sessions.jte",
        new SessionsPage(
            projectId,
            range.wire(),
            TimeRange.wires(PeopleFigures.RANGES),
            rows,
            result.totalItems(),
            result.page(),
            result.totalPages(),
            result.page() > 1 ? base + "&page=" + (result.page() - 1) : "",
            result.page() < result.totalPages() ? base + "&page=" + (result.page() + 1) : ""));
  }

  public void detail(Exchange ex, String projectId) throws IOException {
    String sessionId = ex.path("sessionId");
    SessionDetail d = sessions.get(projectId, sessionId);
    PeopleFigures.Figures totals =
        figures
            .of(projectId, Dimension.SESSION_ID, List.of(sessionId))
            .getOrDefault(sessionId, PeopleFigures.Figures.NONE);
    Map<String, TraceSummary> summaries = summaries(projectId, sessionId, d.traces().size());
    List<SessionPage.Turn> turns = new ArrayList<>(d.traces().size());
    for (Trace t : d.traces()) {
      TraceSummary s = summaries.get(t.id());
      TurnText input = TurnText.input(t.input());
      TurnText output = TurnText.output(t.output());
      turns.add(
          new SessionPage.Turn(
              t.id(),
              TracePages.LIST + "/" + Formats.pathSegment(t.id()),
              Formats.text(t.name()),
              Formats.time(t.timestamp()),
              s == null ? Formats.NONE : Formats.latency(s.latency()),
              s == null || s.observationIds().isEmpty()
                  ? Formats.NONE
                  : Formats.cost(s.totalCost()),
              input.text(),
              input.json(),
              output.text(),
              output.json()));
    }
    pages.render(
        ex,
        200,
        "session.jte",
        new SessionPage(
            projectId,
            sessionId,
            TracePages.LIST + "?sessionId=" + Formats.queryValue(sessionId) + "&range=all",
            totals.traces(),
            Formats.cost(totals.cost()),
            totals.tokens(),
            totals.errors(),
            turns,
            scores.ofSession(projectId, sessionId, LIST + "/" + Formats.pathSegment(sessionId))));
  }

  /** The session's traces as the trace search gives them (cost, latency), by id. */
  private Map<String, TraceSummary> summaries(String projectId, String sessionId, int count) {
    Map<String, TraceSummary> byId = new HashMap<>();
    int pagesNeeded = Math.min(10, (count + TRACE_PAGE - 1) / TRACE_PAGE);
    for (int p = 1; p <= pagesNeeded; p++) {
      Page<TraceSummary> page =
          traces.search(
              projectId,
              new QueryParams(
                  Map.of(
                      "sessionId", List.of(sessionId),
                      "page", List.of(Integer.toString(p)),
                      "limit", List.of(Integer.toString(TRACE_PAGE)))));
      for (TraceSummary s : page.items()) byId.put(s.trace().id(), s);
      if (p >= page.totalPages()) break;
    }
    return byId;
  }
}
