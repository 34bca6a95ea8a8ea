package dev.loupe.server.ui.analytics;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard: the window, totals, tables and chart data. Every figure is a {@link Cell} whose
 * {@code value} is the metrics API's JSON text for it and whose {@code text} is for reading.
 *
 * @param from the window start, ISO-8601 (the {@code fromTimestamp} of the equivalent API query)
 * @param charts chart data as JSON for dashboard.js
 * @param queries how many analytics queries the page ran, in {@code millis}
 */
public record DashboardPage(
    String projectId,
    String range,
    List<String> ranges,
    String fromInput,
    String toInput,
    String from,
    String to,
    String granularity,
    String error,
    List<Cell> totals,
    List<Chart> charts,
    List<Table> tables,
    int queries,
    long millis) {

  /** One figure: CSS class (also names it), the API's value text, and display text. */
  public record Cell(String cls, String label, String value, String text) {}

  /** A column head; {@code cls} matches the cells' class. */
  public record Column(String cls, String label) {}

  /**
   * A table: {@code key} names the row attribute ({@code model}, {@code name}, {@code user} or
   * {@code trace}).
   */
  public record Table(
      String id, String title, String key, String keyLabel, List<Column> columns, List<Row> rows) {}

  /**
   * A row: its kind (the table's {@code key}), key value, the key's link (empty for none) and its
   * figures.
   */
  public record Row(String kind, String key, String keyText, String href, List<Cell> cells) {
    /** The key for the row attribute of {@code kind}; null (no attribute) for the others. */
    public @Nullable String attr(String kind) {
      return this.kind.equals(kind) ? key : null;
    }
  }

  /** A chart for dashboard.js: {@code data} is {@code {"x": [...], "series": [...]}}. */
  public record Chart(String name, String title, String unit, String data) {}
}
