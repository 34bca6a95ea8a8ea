package dev.loupe.storage.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables, created on first open. Layout (see RATIONALE.md):
 *
 * <ul>
 *   <li>{@code observations} and {@code traces}: narrow analytic columns only. Usage and cost keep
 *       {@code input}/{@code output}/{@code total} in fixed columns and the other usage types in a
 *       map; {@code total_cost} is {@code Observation.totalCost()}, ready to sum. Costs are
 *       DECIMAL(18,12).
 *   <li>Since version 3, {@code observations} also holds the derived measures analytics aggregate,
 *       computed from the merged row on write: {@code input_tokens} ({@code
 *       Observation.inputTokens()}), {@code output_tokens}, {@code total_tokens}, {@code
 *       cached_tokens}, {@code reasoning_tokens}, {@code input_cost}, {@code output_cost}. They are
 *       the last columns but one, so a version-2 file migrated by {@link SchemaV3} has the same
 *       layout. They hold what a sum counts: 0 tokens and NULL costs for a row whose usage is the
 *       total of its descendants' ({@code usage_scope = 'DESCENDANTS'}), whose reported usage and
 *       cost stay in {@code usage_*} / {@code cost_*}; so does {@code total_cost}.
 *   <li>Since version 5, {@code usage_scope} ({@code OWN} / {@code DESCENDANTS}) is the last column
 *       ({@link SchemaV5}).
 *   <li>Since version 6, {@code trace_rollups}: one row per trace key with a trace row or
 *       observations, copies of the trace row's list fields and what its observations add up to,
 *       kept exact by the writer ({@link TraceRollups}, {@link RollupRows}, {@link SchemaV6}).
 *   <li>The large text (input, output, metadata, ...) is not in DuckDB: it lives in the {@link
 *       PayloadLog}, and {@code payload_at} / {@code payload_len} of a data row say where (NULL
 *       when the row has none).
 *   <li>{@code trace_writes}: one (trace key, seq) row per trace and write group that touched it.
 *       Every row of a group carries the group's {@code seq}, which only grows, so the zone maps of
 *       {@code seq} find a trace's rows without an index over the big tables.
 *   <li>{@code model_prices}: a project's custom prices, one row per (project, id), the price as
 *       JSON ({@link ModelPriceJson}).
 *   <li>{@code log_positions}: how far each log partition has been applied ({@link LogPositions});
 *       created on open in files of any version (a new table needs no migration).
 *   <li>The score tables ({@link ScoreTables}), created on every open when missing.
 *   <li>Since version 7, the evaluation tables ({@link SchemaV7}): configs, jobs, watermarks.
 *   <li>Since version 8, the alert tables ({@link SchemaV8}).
 *   <li>Since version 9, an index on {@code trace_writes(key)} ({@link SchemaV9}).
 *   <li>Since version 10, {@code observations.duration_us}, the last column ({@link SchemaV10}).
 *   <li>Since version 11, observation records carry the row's columns ({@link SchemaV11}).
 * </ul>
 *
 * <p>Versions 7, 8 and 9 only add tables and an index, created on every open when missing, so a
 * file of any earlier version gains them whatever order they were built in.
 */
final class Schema {
  static final int VERSION = SchemaV11.VERSION;

  private static final List<String> DDL =
      List.of(
          """
      CREATE TABLE IF NOT EXISTS projects(id VARCHAR NOT NULL, name VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)""",
          """
      CREATE TABLE IF NOT EXISTS api_keys(
        kind VARCHAR NOT NULL, public_key VARCHAR NOT NULL, project_id VARCHAR NOT NULL,
        secret_hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)""",
          """
      CREATE TABLE IF NOT EXISTS traces(
        seq BIGINT NOT NULL, key BIGINT NOT NULL, project_id VARCHAR NOT NULL, id VARCHAR NOT NULL,
        name VARCHAR, timestamp TIMESTAMP NOT NULL, user_id VARCHAR, session_id VARCHAR, tags VARCHAR[] NOT NULL,
        environment VARCHAR NOT NULL, release VARCHAR, version VARCHAR, is_public BOOLEAN NOT NULL,
        payload_at BIGINT, payload_len INTEGER)""",
"""
      CREATE TABLE IF NOT EXISTS observations(
        seq BIGINT NOT NULL, key BIGINT NOT NULL, project_id VARCHAR NOT NULL, id VARCHAR NOT NULL,
        trace_key BIGINT NOT NULL, trace_id VARCHAR NOT NULL, parent_observation_id VARCHAR,
        type VARCHAR NOT NULL, name VARCHAR,
        start_time TIMESTAMP NOT NULL, end_time TIMESTAMP, completion_start_time TIMESTAMP,
        level VARCHAR NOT NULL, model VARCHAR,
        usage_input BIGINT, usage_output BIGINT, usage_total BIGINT, usage_other MAP(VARCHAR, BIGINT),
        cost_input DECIMAL(18,12), cost_output DECIMAL(18,12), cost_total DECIMAL(18,12),
        cost_other MAP(VARCHAR, DECIMAL(18,12)), total_cost DECIMAL(18,12),
        cost_source VARCHAR NOT NULL, priced_model_id VARCHAR, environment VARCHAR NOT NULL,
        version VARCHAR, release VARCHAR, prompt_name VARCHAR, prompt_version INTEGER,
        payload_at BIGINT, payload_len INTEGER,
"""
              + String.join(", ", SchemaV3.MEASURE_COLUMNS)
              + ", "
              + SchemaV5.COLUMN
              + ", "
              + SchemaV10.COLUMN
              + ")",
          """
      CREATE TABLE IF NOT EXISTS trace_writes(key BIGINT NOT NULL, seq BIGINT NOT NULL)""",
          RollupRows.DDL,
          """
      CREATE TABLE IF NOT EXISTS model_prices(
        project_id VARCHAR NOT NULL, id VARCHAR NOT NULL, created_at TIMESTAMP, body VARCHAR NOT NULL)""",
          LogPositions.DDL);

  private Schema() {}

  /**
   * Creates the tables on first open and migrates files of version 2 and up to {@link #VERSION};
   * refuses any other version (version 1 kept the payloads in DuckDB tables; there is no migration
   * from it).
   */
  static void apply(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN TRANSACTION");
      try {
        s.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_version(
              version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp::TIMESTAMP)""");
        int stored = storedVersion(s);
        if (stored != 0 && (stored < SchemaV3.FROM || stored > VERSION)) {
          throw new SQLException(
              "data file has schema version "
                  + stored
                  + ", this build reads version "
                  + VERSION
                  + " and migrates versions 2 to "
                  + (VERSION - 1)
                  + " only (version 1 kept payloads in DuckDB tables); use a new data directory");
        }
        if (stored == SchemaV3.FROM) SchemaV3.migrate(s); // straight to the version-4 layout
        if (stored == SchemaV4.FROM) SchemaV4.migrate(s);
        if (stored != 0 && stored <= SchemaV5.FROM) SchemaV5.migrate(s);
        for (String ddl : DDL) s.execute(ddl);
        if (stored != 0 && stored <= SchemaV6.FROM) SchemaV6.migrate(s); // fills the new table
        // the first version-6 build (one day, 2026-12-04) kept a last_start nothing read
        s.execute("ALTER TABLE trace_rollups DROP COLUMN IF EXISTS last_start");
        ScoreTables.create(s);
        SchemaV7.create(s);
        SchemaV8.migrate(s);
        SchemaV9.migrate(s);
        if (stored != 0 && stored < SchemaV10.VERSION) SchemaV10.migrate(s);
        SchemaV11.migrate(s, stored != 0 && stored < SchemaV11.VERSION);
        if (stored != VERSION) {
          s.execute("INSERT INTO schema_version(version) VALUES (" + VERSION + ")");
        }
        s.execute("COMMIT");
        // A migration rewrote whole columns; until a checkpoint their new blocks stay in the
        // buffer pool, and the first 10M-row dashboard queries after it ran out of memory.
        if (stored != 0 && stored != VERSION) s.execute("CHECKPOINT");
      } catch (SQLException | RuntimeException e) {
        try (Statement rollback = c.createStatement()) {
          rollback.execute("ROLLBACK");
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
  }

  private static int storedVersion(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
