package dev.loupe.server.ui;

import dev.loupe.model.Trace;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.query.QueryParams;
import dev.loupe.query.TraceQueries;
import dev.loupe.server.http.Exchange;
import dev.loupe.storage.Page;
import dev.loupe.storage.TraceSummary;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The traces list, read through {@link TraceQueries} in the session's project. */
final class TracePages {
  static final String LIST = "/ui/traces";
  static final String ROWS = "/ui/traces-rows";
  private static final String PAGE_SIZE = "50";

  private final TraceQueries traces;
  private final Pages pages;

  TracePages(UiContext ui, Pages pages) {
    this.traces = ui.traces();
    this.pages = pages;
  }

  /** The rows of the list alone, for live refresh (not built yet). */
  void rows(Exchange ex, String projectId) throws IOException {
    list(ex, projectId);
  }

  void list(Exchange ex, String projectId) throws IOException {
    QueryParams in = ex.params();
    Map<String, List<String>> query = new LinkedHashMap<>();
    put(query, "name", in.string("name"));
    put(query, "userId", in.string("userId"));
    put(query, "sessionId", in.string("sessionId"));
    String tags = in.string("tags");
    if (tags != null) {
      query.put("tags", Arrays.stream(tags.split(",")).map(String::strip).toList());
    }
    put(query, "page", in.string("page"));
    query.put("limit", List.of(PAGE_SIZE));
    Page<TraceSummary> result;
    String error = "";
    int status = 200;
    try {
      result = traces.search(projectId, new QueryParams(query));
    } catch (InvalidParameterException e) {
      result = new Page<>(List.of(), 1, Integer.parseInt(PAGE_SIZE), 0);
      error = e.getMessage();
      status = 400;
    }
    List<TracesPage.Row> rows = new ArrayList<>(result.items().size());
    for (TraceSummary s : result.items()) rows.add(row(s));
    pages.render(
        ex,
        status,
        "traces.jte",
        new TracesPage(
            projectId,
            Formats.text(in.string("name")),
            Formats.text(in.string("userId")),
            Formats.text(in.string("sessionId")),
            Formats.text(tags),
            error,
            rows,
            result.totalItems(),
            result.page(),
            result.totalPages(),
            result.page() > 1 ? href(query, result.page() - 1) : "",
            result.page() < result.totalPages() ? href(query, result.page() + 1) : ""));
  }

  private static TracesPage.Row row(TraceSummary s) {
    Trace t = s.trace();
    return new TracesPage.Row(
        LIST + "/" + encode(t.id()).replace("+", "%20"),
        Formats.time(t.timestamp()),
        Formats.text(t.name()),
        Formats.text(t.userId()),
        Formats.text(t.sessionId()),
        Formats.latency(s.latency()),
        Formats.cost(s.totalCost()),
        s.observationIds().size());
  }

  private static void put(Map<String, List<String>> query, String name, String value) {
    if (value != null) query.put(name, List.of(value));
  }

  /** The list URL with the same filters on another page. */
  private static String href(Map<String, List<String>> query, int page) {
    StringBuilder sb = new StringBuilder(LIST).append("?page=").append(page);
    query.forEach(
        (k, values) -> {
          if (k.equals("page") || k.equals("limit")) return;
          String v = k.equals("tags") ? String.join(",", values) : values.get(0);
          sb.append('&').append(k).append('=').append(encode(v));
        });
    return sb.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
