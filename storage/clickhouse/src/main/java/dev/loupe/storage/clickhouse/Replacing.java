package dev.loupe.storage.clickhouse;

import java.util.List;

/**
 * Writes to the mutable tables of the score, evaluation and alert stores, each a {@code
 * ReplacingMergeTree(row_version, is_deleted)} read with {@code FINAL}: a replacement is a row of a
 * higher version, a delete a tombstone row ({@code is_deleted = 1}) of a higher version, so no
 * write ever mutates a part. A version goes past the versions already stored for the same key (not
 * only past this node's clock), so the last write wins even when another node's clock runs ahead.
 */
final class Replacing {
  private final Sql sql;
  private final RowVersions versions;

  Replacing(Sql sql, RowVersions versions) {
    this.sql = sql;
    this.versions = versions;
  }

  Sql sql() {
    return sql;
  }

  /** A version above every stored version (live or deleted) of the rows {@code where} selects. */
  long versionAfter(String table, String where, Params p) {
    long stored =
        sql.queryLong(
            "SELECT toInt64(max(row_version)) FROM " + table + " WHERE " + where, p.map());
    return versions.after(stored);
  }

  /** A version above {@code stored} (read by the caller) and above every one this node gave. */
  long versionAfterStored(long stored) {
    return versions.after(stored);
  }

  /**
   * Deletes the live rows {@code where} selects by inserting their tombstones (one statement on the
   * server), and returns how many there were.
   */
  int delete(String table, String where, Params p) {
    List<long[]> found =
        sql.query(
            // a scalar subquery's type is Nullable: ifNull makes it the plain Int64 read here
            "SELECT toInt64(ifNull((SELECT count() FROM "
                + table
                + " FINAL WHERE "
                + where
                + "), 0)), toInt64(ifNull((SELECT max(row_version) FROM "
                + table
                + " WHERE "
                + where
                + "), 0))",
            p.map(),
            r -> new long[] {r.int64(), r.int64()});
    long live = found.getFirst()[0];
    if (live == 0) return 0;
    String version = p.uint64(versions.after(found.getFirst()[1]));
    sql.execute(
        "INSERT INTO "
            + table
            + " SELECT * REPLACE ("
            + version
            + " AS row_version, 1 AS is_deleted) FROM "
            + table
            + " FINAL WHERE "
            + where,
        p.map());
    return (int) live;
  }
}
