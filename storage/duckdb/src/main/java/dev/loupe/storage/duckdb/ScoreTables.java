package dev.loupe.storage.duckdb;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The score tables. They only add tables, so they need no schema version of their own: every open
 * creates them when missing (a file of any supported version gains them on its next open).
 *
 * <ul>
 *   <li>{@code scores}: one row per (project, id). {@code trace_key} and {@code observation_key}
 *       are the {@link RowKeys} of the scored trace and observation (NULL when none), so analytics
 *       join them by key as observations join their traces.
 *   <li>{@code score_configs}: one row per (project, id), the config as JSON ({@link
 *       ScoreConfigJson}).
 * </ul>
 */
final class ScoreTables {
  static final List<String> DDL =
      List.of(
          """
      CREATE TABLE IF NOT EXISTS scores(
        project_id VARCHAR NOT NULL, id VARCHAR NOT NULL, trace_key BIGINT, observation_key BIGINT,
        name VARCHAR NOT NULL, data_type VARCHAR NOT NULL, value DOUBLE, string_value VARCHAR,
        source VARCHAR NOT NULL, trace_id VARCHAR, observation_id VARCHAR, session_id VARCHAR,
        dataset_run_id VARCHAR, timestamp TIMESTAMP NOT NULL, comment VARCHAR, metadata VARCHAR,
        config_id VARCHAR, queue_id VARCHAR, author_user_id VARCHAR, environment VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)""",
          """
      CREATE TABLE IF NOT EXISTS score_configs(
        project_id VARCHAR NOT NULL, id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
        body VARCHAR NOT NULL)""");

  private ScoreTables() {}

  static void create(Statement s) throws SQLException {
    for (String ddl : DDL) s.execute(ddl);
  }
}
