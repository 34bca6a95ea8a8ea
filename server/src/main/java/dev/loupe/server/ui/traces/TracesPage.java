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
 * @param rowsHref the rows fragment URL polled for live updates: set only on page 1 sorted newest
 *     first, empty otherwise
 * @param columns the sortable headers by key ({@code timestamp, name, latency, cost, tokens})
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
    String previousHref,
    String nextHref,
    String allTimeHref,
    String rowsHref,
    List<Column> columns) {

  /**
   * A digest of the rows as shown, so the live refresh can tell an unchanged answer from a new one
   * without swapping (and re-creating) identical rows.
   */
  public String rowsFingerprint() {
    return Integer.toHexString(rows.hashCode());
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
      String range,
      String sort,
      String dir) {}

  /**
   * A sortable column header: the link toggles the direction when it is the current order.
   *
   * @param ariaSort {@code ascending}, {@code descending} or {@code none}
   */
  public record Column(String key, String label, String href, String ariaSort) {}

  /**
   * One trace in the list, as display text; {@code unpriced} counts its observations without a
   * price, which {@code cost} leaves out.
   */
  public record Row(
      String id,
      String href,
      String time,
      String name,
      String userId,
      String sessionId,
      String latency,
      String cost,
      long unpriced,
      String tokens,
      long errors) {}
}
