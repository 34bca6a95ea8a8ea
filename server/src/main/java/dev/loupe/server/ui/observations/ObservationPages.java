package dev.loupe.server.ui.observations;

import dev.loupe.model.Observation;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.query.ListExport;
import dev.loupe.query.ObservationQueries;
import dev.loupe.query.QueryParams;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.ListColumns;
import dev.loupe.server.ui.ListSorting;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.TimeRange;
import dev.loupe.server.ui.UiContext;
import dev.loupe.server.ui.traces.TracePages;
import dev.loupe.server.ui.traces.TracesPage;
import dev.loupe.storage.Page;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The observations list, read through {@link ObservationQueries} (the code behind {@code GET
 * /api/public/observations}) in the session's project: the form's parameters are the API's ({@code
 * tags} and {@code environment} comma-separated), {@code range} becomes {@code fromStartTime} and
 * {@code sort}/{@code dir} become {@code orderBy}. The default range is the last 24 hours, as on
 * the traces list.
 */
public final class ObservationPages {
  public static final String LIST = "/ui/observations";
  public static final String EXPORT = "/ui/observations-export";
  static final String COLUMNS_COOKIE = "loupe_cols_observations";

  /** The optional columns (start and name always show), in header order. */
  public static final List<ListColumns.Choice> COLUMNS =
      List.of(
          new ListColumns.Choice("type", "Type", true),
          new ListColumns.Choice("input", "Input", true),
          new ListColumns.Choice("model", "Model", true),
          new ListColumns.Choice("level", "Level", true),
          new ListColumns.Choice("environment", "Environment", false),
          new ListColumns.Choice("release", "Release", false),
          new ListColumns.Choice("latency", "Latency", true),
          new ListColumns.Choice("ttft", "TTFT", true),
          new ListColumns.Choice("tokens", "Tokens", true),
          new ListColumns.Choice("cost", "Cost", true),
          new ListColumns.Choice("trace", "Trace", true));

  private static final String DEFAULT_RANGE = "24h";

  /** The filter form's parameters, in the order links repeat them. */
  private static final List<String> FORM =
      List.of(
          "q",
          "search",
          "type",
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
          "range",
          "sort",
          "dir",
          "limit");

  /** Parameters passed to the API as they are. */
  private static final List<String> PASSED =
      List.of(
          "q",
          "search",
          "type",
          "userId",
          "sessionId",
          "release",
          "level",
          "model",
          "minCost",
          "maxCost",
          "minLatency",
          "maxLatency");

  /**
   * Sortable columns: key (the API's orderBy field), header label, direction of the first click.
   */
  private static final ListSorting SORTING =
      new ListSorting(
          LIST,
          List.of(
              new ListSorting.Column("startTime", "Start", "desc"),
              new ListSorting.Column("latency", "Latency", "desc"),
              new ListSorting.Column("cost", "Cost", "desc"),
              new ListSorting.Column("tokens", "Tokens", "desc")),
          "startTime");

  private final ObservationQueries observations;
  private final Clock clock;
  private final Pages pages;

  public ObservationPages(UiContext ui, Pages pages) {
    this.observations = ui.observations();
    this.clock = ui.clock();
    this.pages = pages;
  }

  public void list(Exchange ex, String projectId) throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    Page<Observation> result = new Page<>(List.of(), 1, ListColumns.DEFAULT_PAGE_SIZE, 0);
    String error = "";
    int status = 200;
    ListColumns shown = ListColumns.read(QueryParams.EMPTY, null, COLUMNS);
    try {
      QueryParams in = ex.params();
      form.putAll(form(in));
      shown =
          ListColumns.read(in, ListColumns.cookie(ex.header("Cookie"), COLUMNS_COOKIE), COLUMNS);
      if (shown.chosen()) form.put("cols", shown.wire());
      result = observations.search(projectId, apiParams(form, in.string("page")));
    } catch (InvalidParameterException e) {
      error = e.getMessage();
      status = 400;
    }
    pages.render(
        ex,
        status,
        "observations.jte",
        page(projectId, form, result, error, shown),
        shown.chosen() ? Map.of("Set-Cookie", shown.setCookie(COLUMNS_COOKIE)) : Map.of());
  }

  /** The list as a download, as {@link TracePages#export} does for traces. */
  public void export(Exchange ex, String projectId) throws IOException {
    Map<String, String> form = form(ex.params());
    ListExport<Observation> export;
    ListExport.Format format;
    try {
      format = ListExport.Format.of(ex.params());
      export =
          ListExport.observations(
              observations, projectId, apiParams(form, null), Instant.now(clock));
    } catch (InvalidParameterException e) {
      Pages.send(
          ex,
          400,
          "text/plain; charset=utf-8",
          e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8),
          Map.of());
      return;
    }
    Pages.stream(ex, export, format, "observations", projectId, Instant.now(clock));
  }

  private static Map<String, String> form(QueryParams in) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String name : FORM) {
      String v = in.string(name);
      if (v != null && !v.isEmpty()) form.put(name, v);
    }
    return form;
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
    TimeRange range = range(form);
    if (range != TimeRange.ALL) {
      api.put("fromStartTime", List.of(range.start(Instant.now(clock)).toString()));
    }
    api.put("orderBy", List.of(SORTING.sort(form) + "." + SORTING.direction(form)));
    if (page != null) api.put("page", List.of(page));
    api.put("limit", List.of(Integer.toString(ListColumns.pageSize(form.get("limit")))));
    return new QueryParams(api);
  }

  private static TimeRange range(Map<String, String> form) {
    return ListSorting.range(form, TracePages.RANGES, DEFAULT_RANGE);
  }

  private static ObservationsPage page(
      String projectId,
      Map<String, String> form,
      Page<Observation> result,
      String error,
      ListColumns shown) {
    boolean valid = error.isEmpty();
    String sort = valid ? SORTING.sort(form) : "startTime";
    String dir = valid ? SORTING.direction(form) : "desc";
    List<TracesPage.Column> columns = SORTING.headers(form, sort, dir);
    String range = form.getOrDefault("range", DEFAULT_RANGE);
    Map<String, String> allTime = new LinkedHashMap<>(form);
    allTime.put("range", "all");
    boolean pastTheEnd = valid && result.page() > Math.max(1, result.totalPages());
    return new ObservationsPage(
        projectId,
        form,
        TimeRange.of(range, TracePages.RANGES).map(TimeRange::label).orElse(range),
        error,
        result.items().stream().map(ObservationPages::row).toList(),
        result.totalItems(),
        result.page(),
        result.totalPages(),
        pastTheEnd ? ListSorting.href(LIST, form, (int) Math.max(1, result.totalPages())) : "",
        result.page() > 1 && !pastTheEnd ? ListSorting.href(LIST, form, result.page() - 1) : "",
        result.page() < result.totalPages() ? ListSorting.href(LIST, form, result.page() + 1) : "",
        valid && result.totalItems() == 0 && !range.equals("all")
            ? ListSorting.href(LIST, allTime, 1)
            : "",
        columns,
        ListSorting.href(EXPORT, form, 1),
        shown,
        valid ? ListColumns.pageSize(form.get("limit")) : ListColumns.DEFAULT_PAGE_SIZE);
  }

  private static ObservationsPage.Row row(Observation o) {
    String trace = TracePages.LIST + "/" + Formats.pathSegment(o.traceId());
    return new ObservationsPage.Row(
        o.id(),
        trace + "#" + Formats.pathSegment(o.id()),
        o.traceId(),
        trace,
        Formats.time(o.startTime()),
        Formats.iso(o.startTime()),
        o.type().name(),
        o.name() == null ? o.id() : o.name(),
        Formats.text(o.model()),
        o.level().name(),
        dev.loupe.server.ui.people.TurnText.preview(o.input()),
        o.environment(),
        Formats.text(o.release()),
        Formats.latency(o.latency()),
        Formats.latency(o.timeToFirstToken()),
        o.usageDetails().isEmpty() ? "" : Formats.count(o.totalTokens()),
        Formats.money(o.totalCost()),
        Formats.cost(o.totalCost()));
  }
}
