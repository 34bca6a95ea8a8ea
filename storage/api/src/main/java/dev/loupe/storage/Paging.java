package dev.loupe.storage;

/** Page number (1-based) and size, validated once. */
public record Paging(int page, int limit) {
  public static final int MAX_LIMIT = 1000;
  public static final Paging FIRST_50 = new Paging(1, 50);

  public Paging {
    if (page < 1) throw new IllegalArgumentException("page < 1");
    if (limit < 1) throw new IllegalArgumentException("limit < 1");
    if (limit > MAX_LIMIT) throw new IllegalArgumentException("limit > " + MAX_LIMIT);
  }

  /** Rows to skip before this page. */
  public long offset() {
    return (long) (page - 1) * limit;
  }
}
