package dev.loupe.storage.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Version 11: an observation's payload record opens with a row part, every column of the row but
 * its project, id and trace id ({@link ObservationRows#encodeRecord}), and every observation has a
 * record. A trace read with payloads then takes 7 columns of {@code observations} instead of 31 and
 * the rest from the records it reads anyway: each column a cold read touches costs DuckDB a block
 * load (RATIONALE.md, "Trace by id at 10M generations").
 *
 * <p>Nothing is rewritten: rows written before keep records without a row part. The migration notes
 * the first write group after them in {@code observation_records_from}; a read whose rows are all
 * from that group on takes the records, one that may meet an older row reads the columns, as
 * before, without trying the records first ({@link #recordsFrom}). The version is raised so that a
 * version-10 build, which would take a row part for payload fields, refuses the file.
 */
final class SchemaV11 {
  static final int VERSION = 11;

  private SchemaV11() {}

  /** Creates the table; in a file of an earlier version, notes where the records begin. */
  static void migrate(Statement s, boolean earlier) throws SQLException {
    s.execute("CREATE TABLE IF NOT EXISTS observation_records_from(seq BIGINT NOT NULL)");
    if (earlier) {
      s.execute(
          "INSERT INTO observation_records_from"
              + " SELECT coalesce(max(seq), -1) + 1 FROM observations");
    }
  }

  /**
   * The first write group whose observations all have a row part in their record: 0 in a file
   * created at version 11 or later.
   */
  static long recordsFrom(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT coalesce(max(seq), 0) FROM observation_records_from")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
