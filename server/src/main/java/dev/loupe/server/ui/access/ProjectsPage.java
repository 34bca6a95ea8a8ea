package dev.loupe.server.ui.access;

import java.util.List;

/** The projects the session may open: all of them for an admin, else its own. */
public record ProjectsPage(String projectId, boolean admin, List<Row> rows) {
  public ProjectsPage {
    rows = List.copyOf(rows);
  }

  /** One project; {@code openPath} is where its open button posts. */
  public record Row(String id, String name, String created, boolean current, String openPath) {}
}
