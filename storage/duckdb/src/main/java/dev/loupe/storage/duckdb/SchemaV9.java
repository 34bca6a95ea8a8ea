package dev.loupe.storage.duckdb;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * Version 9: an ART index on {@code trace_writes(key)}, the directory every read of a trace starts
 * from (its seqs, then zone maps on {@code seq} in the other tables). Without it each lookup
 * scanned the whole key column: at 10M generations (2M traces, 2M directory rows) 3.0-3.7 ms of a
 * trace read's 8.5; with it 0.45 ms for one key and 0.9 ms for a list (RATIONALE.md, "Trace by
 * id"). The index takes ~34 bytes a row in memory once read (68 MB at 2M rows, within DuckDB's
 * memory limit) and ~4% more file; creating it on a 2M-row directory takes ~2.4 s, once, on the
 * open that migrates.
 *
 * <p>The index is created when missing on every open, like the tables of versions 7 and 8, so a
 * file of any earlier version gains it whatever order the migrations were written in.
 */
final class SchemaV9 {
  static final int VERSION = 9;

  static final String DDL = "CREATE INDEX IF NOT EXISTS trace_writes_key ON trace_writes(key)";

  private SchemaV9() {}

  /** Creates the index when missing (after the {@code trace_writes} table exists). */
  static void migrate(Statement s) throws SQLException {
    s.execute(DDL);
  }
}
