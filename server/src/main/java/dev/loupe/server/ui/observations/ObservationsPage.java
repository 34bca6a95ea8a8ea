package dev.loupe.server.ui.observations;

import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.traces.TracesPage;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The observations list: the filters as entered (by parameter name, {@code ""} when absent), one
 * page of rows, the sortable headers and the paging links (empty when there is none).
 *
 * @param lastPageHref when the page asked for is past the end, the list's last page; else empty
 * @param allTimeHref the same list over all time when a time range hides every row; else empty
 * @param columns the sortable headers ({@code startTime, latency, cost, tokens})
 * @param exportHref the list's download without its {@code format}
 * @param shown the optional columns shown (the column chooser's state)
 * @param pageSize rows per page
 */
public record ObservationsPage(
    String projectId,
    Map<String, String> filters,
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
    List<TracesPage.Column> columns,
    String exportHref,
    dev.loupe.server.ui.ListColumns shown,
    int pageSize) {

  /** The observation types the type filter offers. */
  public static final List<String> TYPES =
      java.util.Arrays.stream(dev.loupe.model.ObservationType.values()).map(Enum::name).toList();

  /** The filter {@code name} as entered, {@code ""} when absent. */
  public String filter(String name) {
    return filters.getOrDefault(name, "");
  }

  /** The download of this list (its filters, range and order) as {@code csv} or {@code jsonl}. */
  public String exportHref(String format) {
    return dev.loupe.server.ui.ListSorting.withParam(exportHref, "format", format);
  }

  /** {@code 1 observation}, {@code 2,401 observations}. */
  public String countText() {
    return Formats.count(totalItems, "observation", "observations");
  }

  /** The header of the column {@code key}; fails for a column that is not sortable. */
  public TracesPage.Column column(String key) {
    return columns.stream()
        .filter(c -> c.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a sortable column: " + key));
  }

  /**
   * One observation as display text; {@code href} opens it in its trace, {@code traceHref} the
   * trace.
   */
  public record Row(
      String id,
      String href,
      String traceId,
      String traceHref,
      String time,
      String timeIso,
      String type,
      String name,
      String model,
      String level,
      String inputPreview,
      String environment,
      String release,
      String latency,
      String timeToFirstToken,
      String tokens,
      String cost,
      String costExact) {
    /** The exact cost for the hover text; null (no attribute) when the short text is exact. */
    public @Nullable String costTitle() {
      return costExact.equals(cost) ? null : costExact;
    }
  }
}
