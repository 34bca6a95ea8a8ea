package dev.loupe.server.ui.people;

import java.util.List;

/**
 * The sessions list: the chosen time range, one page of sessions (newest first) and links to the
 * neighbouring pages (empty when there is none).
 */
public record SessionsPage(
    String projectId,
    String range,
    List<String> ranges,
    List<Row> rows,
    long totalItems,
    int page,
    long totalPages,
    String previousHref,
    String nextHref) {

  /**
   * One session as display text.
   *
   * @param costValue the exact decimal as the metrics API gives it (empty without a cost)
   */
  public record Row(
      String sessionId,
      String href,
      long traces,
      String cost,
      String costValue,
      long tokens,
      long errors,
      String first,
      String last) {}
}
