package dev.loupe.server.ui;

import dev.loupe.query.FilterSuggestions;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.server.http.Exchange;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /ui/suggestions/{field}}: the {@code <option>}s of a filter box's {@code <datalist>}
 * ({@link FilterSuggestions}, in the session's project). The box sends its own value under its own
 * name (htmx), so the prefix is the parameter named like the field; in the comma-separated boxes
 * (tags, environment) it is the text after the last comma, and each option keeps what comes before.
 */
public final class SuggestionPages {
  public static final String PATH = "/ui/suggestions";

  private final FilterSuggestions suggestions;
  private final Pages pages;

  public SuggestionPages(UiContext ui, Pages pages) {
    this.suggestions = new FilterSuggestions(ui.analytics(), ui.traces(), ui.clock());
    this.pages = pages;
  }

  /** The options as a fragment; 400 naming the field for one without suggestions. */
  public void options(Exchange ex, String projectId) throws IOException {
    String field = ex.path("field");
    String typed = ex.params().string(field);
    if (typed == null) typed = "";
    String head = "";
    if (field.equals("tags") || field.equals("environment")) {
      int comma = typed.lastIndexOf(',');
      head = comma < 0 ? "" : typed.substring(0, comma + 1).stripTrailing() + " ";
      if (comma >= 0) typed = typed.substring(comma + 1);
      typed = typed.stripLeading();
    }
    List<String> values;
    try {
      values = suggestions.suggest(projectId, field, typed);
    } catch (InvalidParameterException e) {
      pages.render(ex, 400, "suggestions.jte", new Options(List.of(), e.getMessage()));
      return;
    }
    String prefix = head;
    pages.render(
        ex, 200, "suggestions.jte", new Options(values.stream().map(v -> prefix + v).toList(), ""));
  }

  /** The suggested values (as the box's whole new text), or the error of a bad request. */
  public record Options(List<String> values, String error) {}
}
