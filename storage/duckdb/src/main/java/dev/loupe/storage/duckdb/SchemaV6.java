package dev.loupe.storage.duckdb;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Version 5 to 6: adds {@code trace_rollups} (one row per trace: see {@link TraceRollups}) and
 * fills it from the stored traces and observations, in the schema transaction. At 2M traces and 14M
 * observations the backfill takes tens of seconds, once.
 */
final class SchemaV6 {
  static final int FROM = 5;

  private SchemaV6() {}

  /** Fills the (new, empty) table; run after every table exists. */
  static void migrate(Statement s) throws SQLException {
    s.execute("INSERT INTO trace_rollups " + RollupRows.FROM_STORED_ROWS);
  }
}
