package dev.loupe.server.ui.people;

import java.util.List;

/**
 * The users list: time range and sort as chosen, one page of users, links to the neighbouring pages
 * (empty when there is none), and whether more users exist than the list could rank.
 */
public record UsersPage(
    String projectId,
    String range,
    List<String> ranges,
    String sort,
    String tracesSortHref,
    String costSortHref,
    List<Row> rows,
    long totalItems,
    int page,
    long totalPages,
    String previousHref,
    String nextHref,
    boolean truncated) {

  /**
   * One user as display text.
   *
   * @param costValue the exact decimal as the metrics API gives it (empty without a cost)
   */
  public record Row(
      String userId,
      String tracesHref,
      long traces,
      String cost,
      String costValue,
      long tokens,
      long errors,
      String lastSeen) {}
}
