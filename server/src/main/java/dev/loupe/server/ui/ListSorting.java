package dev.loupe.server.ui;

import dev.loupe.query.InvalidParameterException;
import dev.loupe.server.ui.traces.TracesPage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the lists (traces, observations) share about their form: the sortable columns and how {@code
 * sort}/{@code dir} are read (a bad value names the parameter, as the API does), the header links
 * that sort by a column, page links that repeat the form, and comma-separated fields.
 *
 * @param list the list's path
 * @param columns the sortable columns, in header order
 * @param defaultSort the column a form without {@code sort} sorts by
 */
public record ListSorting(String list, List<Column> columns, String defaultSort) {
  /**
   * A sortable column: its key (the API's orderBy field), header label, first click's direction.
   */
  public record Column(String key, String label, String firstDirection) {}

  /** The form's sort column, checked. */
  public String sort(Map<String, String> form) {
    String sort = form.getOrDefault("sort", defaultSort);
    for (Column c : columns) if (c.key.equals(sort)) return sort;
    throw new InvalidParameterException(
        "sort",
        "expected one of "
            + String.join(", ", columns.stream().map(Column::key).toList())
            + ", got '"
            + sort
            + "'");
  }

  /** The form's direction, checked; without one, the sort column's first-click direction. */
  public String direction(Map<String, String> form) {
    String dir = form.get("dir");
    if (dir == null) {
      String sort = form.getOrDefault("sort", defaultSort);
      for (Column c : columns) if (c.key.equals(sort)) return c.firstDirection;
      return "desc";
    }
    String d = dir.toLowerCase(Locale.ROOT);
    if (!d.equals("asc") && !d.equals("desc")) {
      throw new InvalidParameterException("dir", "expected asc or desc, got '" + dir + "'");
    }
    return d;
  }

  /**
   * The header cells: a click on the current column turns its direction, on another sorts by it in
   * its first direction; {@code aria-sort} says which is current.
   */
  public List<TracesPage.Column> headers(Map<String, String> form, String sort, String dir) {
    List<TracesPage.Column> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      boolean current = c.key.equals(sort);
      Map<String, String> sorted = new LinkedHashMap<>(form);
      sorted.put("sort", c.key);
      sorted.put("dir", current ? (dir.equals("asc") ? "desc" : "asc") : c.firstDirection);
      out.add(
          new TracesPage.Column(
              c.key,
              c.label,
              href(list, sorted, 1),
              !current ? "none" : dir.equals("asc") ? "ascending" : "descending"));
    }
    return out;
  }

  /** The form's {@code range}, one of {@code offered} ({@code fallback} when absent), checked. */
  public static TimeRange range(
      Map<String, String> form, List<TimeRange> offered, String fallback) {
    String wire = form.getOrDefault("range", fallback);
    return TimeRange.of(wire, offered)
        .orElseThrow(
            () ->
                new InvalidParameterException(
                    "range",
                    "expected one of "
                        + String.join(", ", TimeRange.wires(offered))
                        + ", got '"
                        + wire
                        + "'"));
  }

  /** {@code path} with the form's parameters on page {@code page}. */
  public static String href(String path, Map<String, String> form, int page) {
    StringBuilder sb = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, String> e : form.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(Formats.pathSegment(e.getValue()));
      sep = '&';
    }
    if (page > 1) sb.append(sep).append("page=").append(page);
    return sb.toString();
  }

  /** {@code href} with one more parameter (its value encoded). */
  public static String withParam(String href, String name, String value) {
    return href + (href.indexOf('?') < 0 ? '?' : '&') + name + "=" + Formats.pathSegment(value);
  }

  /** A comma-separated form field's items, trimmed, empty ones left out. */
  public static List<String> commaSeparated(@Nullable String value) {
    if (value == null) return List.of();
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
