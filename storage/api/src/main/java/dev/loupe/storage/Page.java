package dev.loupe.storage;

import java.util.List;

/**
 * One page of results.
 *
 * @param page 1-based page number
 * @param totalItems matches across all pages
 */
public record Page<T>(List<T> items, int page, int limit, long totalItems) {
  public Page {
    items = List.copyOf(items);
  }

  public long totalPages() {
    return limit == 0 ? 0 : (totalItems + limit - 1) / limit;
  }

  /** Slices an already filtered and sorted list (for stores that filter in memory). */
  public static <T> Page<T> slice(List<T> all, int page, int limit) {
    int from = (int) Math.min(all.size(), (long) (page - 1) * limit);
    int to = Math.min(all.size(), from + limit);
    return new Page<>(all.subList(from, to), page, limit, all.size());
  }
}
