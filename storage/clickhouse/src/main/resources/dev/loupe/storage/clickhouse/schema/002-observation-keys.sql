-- Where each observation id lives: its trace (the observations table's sorting key is
-- (project_id, trace_id, id), so a lookup by id alone reads the whole id column: the bloom filter on
-- id skips nothing once a write asks for thousands of ids). The write path asks this table which ids of
-- a batch exist and under which trace, by its own sorting key, then reads those rows by
-- (trace_id, id). One row per id; a newer version (an observation moved to another trace) replaces it.
-- Written with the observations (a new id, or a moved one), before the log positions.

CREATE TABLE IF NOT EXISTS observation_keys (
  project_id LowCardinality(String),
  id String,
  trace_id String,
  row_version UInt64
) ENGINE = ReplacingMergeTree(row_version)
ORDER BY (project_id, id)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

-- the ids stored before this step (idempotent: a second run inserts the same versions again)
INSERT INTO observation_keys (project_id, id, trace_id, row_version)
SELECT project_id, id, trace_id, row_version FROM observations FINAL;
