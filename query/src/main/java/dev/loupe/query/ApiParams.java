package dev.loupe.query;

import dev.loupe.storage.Paging;

/** Parameters every list endpoint shares. */
final class ApiParams {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 100;
  private static final int MAX_PAGE = 1_000_000;

  private ApiParams() {}

  /** {@code page} (1-based, default 1) and {@code limit} (1..100, default 50). */
  static Paging paging(QueryParams p) {
    return new Paging(
        p.integer("page", 1, 1, MAX_PAGE), p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT));
  }

  /**
   * Rejects Langfuse's JSON {@code filter} parameter: ignoring it would silently return unfiltered
   * rows.
   */
  static void rejectUnsupported(QueryParams p) {
    if (p.has("filter")) {
      throw new InvalidParameterException(
          "filter", "not supported; use the individual filter parameters");
    }
  }
}
