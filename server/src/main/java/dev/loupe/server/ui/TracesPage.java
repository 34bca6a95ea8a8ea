package dev.loupe.server.ui;

import java.util.List;

/**
 * The traces list: the filters as entered, one page of rows, and links to the neighbouring pages
 * (empty when there is none).
 */
public record TracesPage(
    String projectId,
    String name,
    String userId,
    String sessionId,
    String tags,
    String error,
    List<Row> rows,
    long totalItems,
    int page,
    long totalPages,
    String previousHref,
    String nextHref) {

  /** One trace in the list, as display text. */
  public record Row(
      String href,
      String time,
      String name,
      String userId,
      String sessionId,
      String latency,
      String cost,
      int observationCount) {}
}
