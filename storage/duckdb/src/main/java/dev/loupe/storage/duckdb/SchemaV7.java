package dev.loupe.storage.duckdb;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Version 6 to 7: the evaluation tables. They only add tables, so a version-6 file migrates by
 * creating them (every open creates them when missing).
 *
 * <ul>
 *   <li>{@code eval_configs}: one row per (project, kind, id): a judge connection, an evaluator or
 *       a rule, its body as the evaluation module wrote it (a connection's key only encrypted).
 *   <li>{@code eval_jobs}: one row per (project, rule, target): the job's state, reason, attempts
 *       and when it may run next.
 *   <li>{@code eval_watermarks}: one row per (project, rule): how far its scan of new data came.
 * </ul>
 */
final class SchemaV7 {
  static final int FROM = 6;

  static final List<String> DDL =
      List.of(
          """
      CREATE TABLE IF NOT EXISTS eval_configs(
        project_id VARCHAR NOT NULL, kind VARCHAR NOT NULL, id VARCHAR NOT NULL,
        name VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL,
        body VARCHAR NOT NULL)""",
          """
      CREATE TABLE IF NOT EXISTS eval_jobs(
        project_id VARCHAR NOT NULL, rule_id VARCHAR NOT NULL, target_id VARCHAR NOT NULL,
        trace_id VARCHAR NOT NULL, state VARCHAR NOT NULL, reason VARCHAR, attempts INTEGER NOT NULL,
        next_attempt_at TIMESTAMP NOT NULL, error VARCHAR, score_id VARCHAR,
        created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)""",
          """
      CREATE TABLE IF NOT EXISTS eval_watermarks(
        project_id VARCHAR NOT NULL, rule_id VARCHAR NOT NULL, watermark TIMESTAMP NOT NULL)""");

  private SchemaV7() {}

  static void create(Statement s) throws SQLException {
    for (String ddl : DDL) s.execute(ddl);
  }
}
