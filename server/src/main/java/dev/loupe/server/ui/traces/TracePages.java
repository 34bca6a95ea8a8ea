package dev.loupe.server.ui.traces;

import dev.loupe.model.Trace;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.query.ListExport;
import dev.loupe.query.QueryParams;
import dev.loupe.query.TraceQueries;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.ListColumns;
import dev.loupe.server.ui.ListSorting;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.TimeRange;
import dev.loupe.server.ui.UiContext;
import dev.loupe.storage.Page;
import dev.loupe.storage.TraceSummary;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The traces list, read through {@link TraceQueries} in the session's project: the filter form's
 * parameters become the public API's ({@code q}, {@code level}, {@code model}, cost and latency
 * bounds pass through; {@code tags} and {@code environment} are comma-separated; {@code range}
 * becomes {@code fromTimestamp}; {@code sort} and {@code dir} become {@code orderBy}).
 *
 * <p>The default time range is the last 24 hours: the newest-first list over all time is fast at
 * any size, but filters and orders on observations aggregate every observation in the range, which
 * over all time takes about a second per million generations; within 24 hours it stays in tens of
 * milliseconds. An empty list offers the same filters over all time.
 */
public final class TracePages {
  public static final String LIST = "/ui/traces";
  public static final String ROWS = "/ui/traces-rows";
  public static final String CHECK = "/ui/traces-check";
  public static final String EXPORT = "/ui/traces-export";
  static final String DEFAULT_RANGE = "24h";

  /** The cookie that remembers the list's columns. */
  static final String COLUMNS_COOKIE = "loupe_cols_traces";

  /** The optional columns (time and name always show), in header order. */
  public static final List<ListColumns.Choice> COLUMNS =
      List.of(
          new ListColumns.Choice("input", "Input", true),
          new ListColumns.Choice("user", "User", true),
          new ListColumns.Choice("session", "Session", true),
          new ListColumns.Choice("tags", "Tags", false),
          new ListColumns.Choice("environment", "Environment", false),
          new ListColumns.Choice("release", "Release", false),
          new ListColumns.Choice("latency", "Latency", true),
          new ListColumns.Choice("cost", "Cost", true),
          new ListColumns.Choice("tokens", "Tokens", true),
          new ListColumns.Choice("errors", "Errors", true),
          new ListColumns.Choice("scores", "Scores", true));

  /** The filter form's parameters, in the order links repeat them. */
  private static final List<String> FORM =
      List.of(
          "q",
          "search",
          "userId",
          "sessionId",
          "tags",
          "environment",
          "release",
          "level",
          "model",
          "minCost",
          "maxCost",
          "minLatency",
          "maxLatency",
          "scoreName",
          "scoreOperator",
          "scoreValue",
          "range",
          "from",
          "to",
          "sort",
          "dir",
          "limit");

  /** Parameters passed to the API as they are. */
  private static final List<String> PASSED =
      List.of(
          "q",
          "search",
          "userId",
          "sessionId",
          "release",
          "level",
          "model",
          "minCost",
          "maxCost",
          "minLatency",
          "maxLatency",
          "scoreName",
          "scoreOperator",
          "scoreValue");

  /** The time ranges the list offers, in picker order. */
  public static final List<TimeRange> RANGES =
      List.of(
          TimeRange.M15,
          TimeRange.H1,
          TimeRange.H24,
          TimeRange.D7,
          TimeRange.D30,
          TimeRange.D90,
          TimeRange.ALL);

  /** Sortable columns: key, header label, direction of the first click. */
  private static final ListSorting SORTING =
      new ListSorting(
          LIST,
          List.of(
              new ListSorting.Column("timestamp", "Time", "desc"),
              new ListSorting.Column("name", "Name", "asc"),
              new ListSorting.Column("latency", "Latency", "desc"),
              new ListSorting.Column("cost", "Cost", "desc"),
              new ListSorting.Column("tokens", "Tokens", "desc")),
          "timestamp");

  private final TraceQueries traces;
  private final Clock clock;
  private final Pages pages;
  private final dev.loupe.server.ui.scores.ScoreViews scores;

  public TracePages(UiContext ui, Pages pages) {
    this.traces = ui.traces();
    this.clock = ui.clock();
    this.pages = pages;
    this.scores = ui.scores();
  }

  public void list(Exchange ex, String projectId) throws IOException {
    Result r = search(ex, projectId);
    ListColumns shown = r.page.shown();
    pages.render(
        ex,
        r.status,
        "traces.jte",
        r.page,
        shown.chosen() ? Map.of("Set-Cookie", shown.setCookie(COLUMNS_COOKIE)) : Map.of());
  }

  /** The rows of the list alone ({@code <tr>} elements), which the open list polls. */
  public void rows(Exchange ex, String projectId) throws IOException {
    Result r = search(ex, projectId);
    // the open list's count line and paging follow the rows (ASCII headers: the script sets them
    // as text)
    pages.render(
        ex,
        r.status,
        "traceRows.jte",
        r.page,
        Map.of(
            "X-Loupe-Rows", r.page.rowsFingerprint(),
            "X-Loupe-Count", ascii(r.page.countText() + " in " + r.page.rangeLabel()),
            "X-Loupe-Pages", Long.toString(Math.max(1, r.page.totalPages()))));
  }

  /**
   * The open list's "anything new?": the fingerprint of the rows the fragment would bring (as the
   * body and in X-Loupe-Rows) with the count line and page count, a few dozen bytes instead of the
   * rows. The live script fetches the rows only when the fingerprint differs from the one shown.
   */
  public void check(Exchange ex, String projectId) throws IOException {
    Result r = search(ex, projectId);
    String fingerprint = r.page.rowsFingerprint();
    Pages.send(
        ex,
        r.status,
        "text/plain; charset=utf-8",
        fingerprint.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        Map.of(
            "X-Loupe-Rows", fingerprint,
            "X-Loupe-Count", ascii(r.page.countText() + " in " + r.page.rangeLabel()),
            "X-Loupe-Pages", Long.toString(Math.max(1, r.page.totalPages()))));
  }

  /**
   * The list as a download ({@link ListExport}): the same filters, range and order as the page,
   * every page of it up to {@link ListExport#MAX_ROWS} rows, CSV or JSON lines ({@code format}). A
   * bad parameter is a 400 naming it, before anything is sent.
   */
  public void export(Exchange ex, String projectId) throws IOException {
    Map<String, String> form = form(ex.params());
    ListExport<TraceSummary> export;
    ListExport.Format format;
    try {
      format = ListExport.Format.of(ex.params());
      export = ListExport.traces(traces, projectId, apiParams(form, null), Instant.now(clock));
    } catch (InvalidParameterException e) {
      Pages.send(
          ex,
          400,
          "text/plain; charset=utf-8",
          e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8),
          Map.of());
      return;
    }
    Pages.stream(ex, export, format, "traces", projectId, Instant.now(clock));
  }

  private static Map<String, String> form(QueryParams in) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String name : FORM) {
      String v = in.string(name);
      if (v != null) form.put(name, v);
    }
    return form;
  }

  private static String ascii(String s) {
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private record Result(int status, TracesPage page) {}

  /** True when the project holds no trace at all: the empty list then shows how to send one. */
  private boolean projectIsEmpty(String projectId) {
    Page<TraceSummary> any =
        traces.search(projectId, new QueryParams(Map.of("limit", List.of("1"))));
    return any.totalItems() == 0;
  }

  private Result search(Exchange ex, String projectId) {
    Map<String, String> form = new LinkedHashMap<>();
    Page<TraceSummary> result = new Page<>(List.of(), 1, ListColumns.DEFAULT_PAGE_SIZE, 0);
    String error = "";
    int status = 200;
    ListColumns shown = ListColumns.read(QueryParams.EMPTY, null, COLUMNS);
    try {
      QueryParams in = ex.params();
      form.putAll(form(in));
      shown =
          ListColumns.read(in, ListColumns.cookie(ex.header("Cookie"), COLUMNS_COOKIE), COLUMNS);
      if (shown.chosen()) form.put("cols", shown.wire());
      String page = in.string("page");
      result = traces.searchWithoutObservationIds(projectId, apiParams(form, page));
    } catch (InvalidParameterException e) {
      error = e.getMessage();
      status = 400;
    }
    TracesPage page =
        page(
            projectId,
            form,
            result,
            error,
            scores.summaries(projectId, result.items().stream().map(s -> s.trace().id()).toList()),
            shown);
    if (status == 200 && result.totalItems() == 0 && projectIsEmpty(projectId))
      page = page.withFirstTraceGuide(baseUrl(ex));
    return new Result(status, page);
  }

  /** The URL clients reach this server at, as the browser did. */
  private static String baseUrl(Exchange ex) {
    String host = ex.header("Host");
    String proto = ex.header("X-Forwarded-Proto");
    if (host == null || host.isBlank()) return "http://localhost:3000";
    return (proto == null || proto.isBlank() ? "http" : proto) + "://" + host;
  }

  /** The public API's parameters for the form's. */
  private QueryParams apiParams(Map<String, String> form, @Nullable String page) {
    Map<String, List<String>> api = new LinkedHashMap<>();
    for (String name : PASSED) {
      String v = form.get(name);
      if (v != null) api.put(name, List.of(v));
    }
    api.put("tags", ListSorting.commaSeparated(form.get("tags")));
    api.put("environment", ListSorting.commaSeparated(form.get("environment")));
    if (isCustom(form)) {
      // a window from another page (the dashboard's custom range): from, to as ISO-8601
      if (form.containsKey("from")) api.put("fromTimestamp", List.of(form.get("from")));
      if (form.containsKey("to")) api.put("toTimestamp", List.of(form.get("to")));
      api.put("orderBy", List.of(SORTING.sort(form) + "." + SORTING.direction(form)));
      if (page != null) api.put("page", List.of(page));
      api.put("limit", List.of(Integer.toString(ListColumns.pageSize(form.get("limit")))));
      return new QueryParams(api);
    }
    TimeRange range = ListSorting.range(form, RANGES, DEFAULT_RANGE);
    if (range != TimeRange.ALL) {
      api.put("fromTimestamp", List.of(range.start(Instant.now(clock)).toString()));
    }
    api.put("orderBy", List.of(SORTING.sort(form) + "." + SORTING.direction(form)));
    if (page != null) api.put("page", List.of(page));
    api.put("limit", List.of(Integer.toString(ListColumns.pageSize(form.get("limit")))));
    return new QueryParams(api);
  }

  /** A window given by from/to (a link from a custom dashboard range) instead of a range. */
  private static boolean isCustom(Map<String, String> form) {
    return (form.containsKey("from") || form.containsKey("to"))
        && (!form.containsKey("range") || form.get("range").equals("custom"));
  }

  private static TracesPage page(
      String projectId,
      Map<String, String> form,
      Page<TraceSummary> result,
      String error,
      Map<String, String> scores,
      ListColumns shown) {
    List<TracesPage.Row> rows = new ArrayList<>(result.items().size());
    for (TraceSummary s : result.items()) rows.add(row(s, scores.getOrDefault(s.trace().id(), "")));
    boolean custom = isCustom(form);
    String range = custom ? "custom" : form.getOrDefault("range", DEFAULT_RANGE);
    boolean valid = error.isEmpty();
    String sort = valid ? SORTING.sort(form) : "timestamp";
    String dir = valid ? SORTING.direction(form) : "desc";
    boolean live = valid && result.page() == 1 && sort.equals("timestamp") && dir.equals("desc");
    List<TracesPage.Column> columns = SORTING.headers(form, sort, dir);
    Map<String, String> allTime = new LinkedHashMap<>(form);
    allTime.put("range", "all");
    boolean pastTheEnd = valid && result.page() > Math.max(1, result.totalPages());
    String rangeLabel =
        custom
            ? "the window "
                + form.getOrDefault("from", "…")
                + " to "
                + form.getOrDefault("to", "now")
            : TimeRange.of(range, RANGES).map(TimeRange::label).orElse(range);
    return new TracesPage(
        projectId,
        filters(form),
        rangeLabel,
        error,
        rows,
        result.totalItems(),
        result.page(),
        result.totalPages(),
        pastTheEnd ? ListSorting.href(LIST, form, (int) Math.max(1, result.totalPages())) : "",
        result.page() > 1 && !pastTheEnd ? ListSorting.href(LIST, form, result.page() - 1) : "",
        result.page() < result.totalPages() ? ListSorting.href(LIST, form, result.page() + 1) : "",
        valid && result.totalItems() == 0 && !range.equals("all")
            ? ListSorting.href(LIST, allTime, 1)
            : "",
        live ? ListSorting.href(ROWS, form, 1) : "",
        columns,
        "",
        ListSorting.href(EXPORT, form, 1),
        shown,
        error.isEmpty() ? ListColumns.pageSize(form.get("limit")) : ListColumns.DEFAULT_PAGE_SIZE);
  }

  private static TracesPage.Filters filters(Map<String, String> form) {
    return new TracesPage.Filters(
        text(form, "q"),
        text(form, "search"),
        text(form, "userId"),
        text(form, "sessionId"),
        text(form, "tags"),
        text(form, "environment"),
        text(form, "release"),
        text(form, "level"),
        text(form, "model"),
        text(form, "minCost"),
        text(form, "maxCost"),
        text(form, "minLatency"),
        text(form, "maxLatency"),
        text(form, "scoreName"),
        text(form, "scoreOperator"),
        text(form, "scoreValue"),
        isCustom(form) ? "custom" : form.getOrDefault("range", DEFAULT_RANGE),
        text(form, "from"),
        text(form, "to"),
        text(form, "sort"),
        text(form, "dir"),
        text(form, "limit"));
  }

  private static String text(Map<String, String> form, String name) {
    return form.getOrDefault(name, "");
  }

  private static TracesPage.Row row(TraceSummary s, String scores) {
    Trace t = s.trace();
    return new TracesPage.Row(
        t.id(),
        LIST + "/" + Formats.pathSegment(t.id()),
        Formats.time(t.timestamp()),
        Formats.iso(t.timestamp()),
        t.name() == null ? t.id() : t.name(),
        Formats.text(t.userId()),
        Formats.text(t.sessionId()),
        dev.loupe.server.ui.people.TurnText.preview(t.input()),
        String.join(", ", t.tags()),
        t.environment(),
        Formats.text(t.release()),
        Formats.latency(s.latency()),
        Formats.money(s.totalCost()),
        Formats.cost(s.totalCost()),
        s.unpricedCount(),
        Formats.count(s.totalTokens()),
        s.errorCount(),
        scores);
  }
}
