package dev.loupe.storage.duckdb;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Version 4 to 5: adds {@code observations.usage_scope} ({@code OWN} or {@code DESCENDANTS}, see
 * {@code dev.loupe.model.UsageScope}), the last column. Rows written before it are {@code OWN}: a
 * version-4 file never recorded the attributes that say otherwise, so their sums stay as they were.
 */
final class SchemaV5 {
  static final int FROM = 4;

  /** The column, last in {@code observations}. */
  static final String COLUMN = "usage_scope VARCHAR NOT NULL DEFAULT 'OWN'";

  private SchemaV5() {}

  static void migrate(Statement s) throws SQLException {
    s.execute("ALTER TABLE observations ADD COLUMN " + COLUMN);
  }
}
