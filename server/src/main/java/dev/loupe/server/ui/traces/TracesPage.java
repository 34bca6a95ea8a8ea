package dev.loupe.server.ui.traces;

import java.util.List;

/**
 * The traces list: the filters as entered, one page of rows, the sort links of the sortable column
 * headers and the links to the neighbouring pages (empty when there is none).
 *
 * @param filters the filter form's values as entered (for the inputs)
 * @param rangeLabel the selected time range in words, for the empty-list hint
 * @param allTimeHref the same list over all time, offered when a time range hides every trace
 *     (empty otherwise)
 * @param lastPageHref when the page asked for is past the end, the list's last page; else empty
 * @param rowsHref the rows fragment URL polled for live updates: set only on page 1 sorted newest
 *     first, empty otherwise
 * @param columns the sortable headers by key ({@code timestamp, name, latency, cost, tokens})
 * @param firstTraceUrl for a project with no trace at all, the server's URL for the "send your
 *     first trace" guide; else empty
 * @param exportHref the list's download without its {@code format}
 * @param shown the optional columns shown (the column chooser's state)
 * @param pageSize rows per page
 */
public record TracesPage(
    String projectId,
    Filters filters,
    String rangeLabel,
    String error,
    List<Row> rows,
    long totalItems,
    int page,
    long totalPages,
    String lastPageHref,
    String previousHref,
    String nextHref,
    String allTimeHref,
    String rowsHref,
    List<Column> columns,
    String firstTraceUrl,
    String exportHref,
    dev.loupe.server.ui.ListColumns shown,
    int pageSize) {

  /** This page with the first-trace guide for a project that has no trace yet. */
  TracesPage withFirstTraceGuide(String baseUrl) {
    return new TracesPage(
        projectId,
        filters,
        rangeLabel,
        error,
        rows,
        totalItems,
        page,
        totalPages,
        lastPageHref,
        previousHref,
        nextHref,
        allTimeHref,
        rowsHref,
        columns,
        baseUrl,
        exportHref,
        shown,
        pageSize);
  }

  /** The download of this list (its filters, range and order) as {@code csv} or {@code jsonl}. */
  public String exportHref(String format) {
    return dev.loupe.server.ui.ListSorting.withParam(exportHref, "format", format);
  }

  /**
   * A digest of the rows as shown, so the live refresh can tell an unchanged answer from a new one
   * without swapping (and re-creating) identical rows.
   */
  public String rowsFingerprint() {
    return Integer.toHexString(31 * rows.hashCode() + Long.hashCode(totalItems));
  }

  /** The live list's cheap "anything new?" URL ({@link TracePages#CHECK}); empty when not live. */
  public String checkHref() {
    return rowsHref.isEmpty()
        ? ""
        : TracePages.CHECK + rowsHref.substring(TracePages.ROWS.length());
  }

  /** {@code 1 trace}, {@code 2,401 traces}. */
  public String countText() {
    return dev.loupe.server.ui.Formats.count(totalItems, "trace", "traces");
  }

  /** The header of the column {@code key}; fails for a column that is not sortable. */
  public Column column(String key) {
    return columns.stream()
        .filter(c -> c.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a sortable column: " + key));
  }

  /** The filter form's values, as entered ({@code ""} when absent). */
  public record Filters(
      String q,
      String search,
      String userId,
      String sessionId,
      String tags,
      String environment,
      String release,
      String level,
      String model,
      String minCost,
      String maxCost,
      String minLatency,
      String maxLatency,
      String scoreName,
      String scoreOperator,
      String scoreValue,
      String range,
      String from,
      String to,
      String sort,
      String dir,
      String limit) {}

  /**
   * A sortable column header: the link toggles the direction when it is the current order.
   *
   * @param ariaSort {@code ascending}, {@code descending} or {@code none}
   */
  public record Column(String key, String label, String href, String ariaSort) {}

  /**
   * One trace in the list, as display text; {@code unpriced} counts its observations without a
   * price, which {@code cost} leaves out; {@code scores} its scores in short ({@code helpfulness
   * 0.8 · thumbs False}), its observations' included.
   */
  public record Row(
      String id,
      String href,
      String time,
      String timeIso,
      String name,
      String userId,
      String sessionId,
      String inputPreview,
      String tags,
      String environment,
      String release,
      String latency,
      String cost,
      String costExact,
      long unpriced,
      String tokens,
      long errors,
      String scores) {
    /** The exact cost for the hover text; null (no attribute) when the short text is exact. */
    public @org.jspecify.annotations.Nullable String costTitle() {
      return costExact.equals(cost) ? null : costExact;
    }
  }
}
