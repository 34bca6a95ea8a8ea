-- Which ids exist, for the write path: before it merges a batch into the stored rows it asks which of the
-- batch's ids are stored (and, for an observation, under which trace: the observations table's sorting key
-- is (project_id, trace_id, id), so a lookup by id alone would read the whole id column). Ids are random,
-- so the ids of one batch fall into every granule of a table ordered by id: these tables are narrow and
-- use small granules (256 rows), so a batch's lookup reads about (ids in the batch) x 256 keys however
-- large the table grows, instead of the whole id column. A row is written with each new id (and, for an
-- observation, each move to another trace), before the log positions.

CREATE TABLE IF NOT EXISTS trace_keys (
  project_id LowCardinality(String),
  id String,
  row_version UInt64
) ENGINE = ReplacingMergeTree(row_version)
ORDER BY (project_id, id)
SETTINGS index_granularity = 256, fsync_after_insert = 1, fsync_part_directory = 1;

CREATE TABLE IF NOT EXISTS observation_keys (
  project_id LowCardinality(String),
  id String,
  trace_id String,
  row_version UInt64
) ENGINE = ReplacingMergeTree(row_version)
ORDER BY (project_id, id)
SETTINGS index_granularity = 256, fsync_after_insert = 1, fsync_part_directory = 1;

-- the ids stored before this step (idempotent: a second run inserts the same versions again)
INSERT INTO trace_keys (project_id, id, row_version)
SELECT project_id, id, row_version FROM traces FINAL;

INSERT INTO observation_keys (project_id, id, trace_id, row_version)
SELECT project_id, id, trace_id, row_version FROM observations FINAL;
