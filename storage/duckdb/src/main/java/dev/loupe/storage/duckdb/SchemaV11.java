package dev.loupe.storage.duckdb;

/**
 * Version 11: an observation's payload record opens with a row part, every column of the row but
 * its project, id and trace id ({@link ObservationRows#encodeRecord}), and every observation has a
 * record. A trace read with payloads then takes 7 columns of {@code observations} instead of 31 and
 * the rest from the records it reads anyway: each column a cold read touches costs DuckDB a block
 * load (RATIONALE.md, "Trace by id at 10M generations").
 *
 * <p>Nothing is migrated: rows written before keep records without a row part, and a trace with
 * such a row is read by its columns, as before ({@link DuckDbTraceStore}). The version is raised so
 * that a version-10 build, which would take a row part for payload fields, refuses the file.
 */
final class SchemaV11 {
  static final int VERSION = 11;

  private SchemaV11() {}
}
