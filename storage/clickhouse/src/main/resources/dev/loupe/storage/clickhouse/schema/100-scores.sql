-- Scores and score configs. Both are replaced by id and deleted by tombstone:
-- ReplacingMergeTree(row_version, is_deleted) ordered by (project_id, id), read with FINAL (see 001-core).
-- Neither is partitioned: a score's timestamp may change on a re-send, and a replacement must land in the
-- same partition as the row it replaces; scores are few next to observations.
-- Times are Int64 microseconds since 1970, as in 001-core.

CREATE TABLE IF NOT EXISTS scores (
  project_id LowCardinality(String),
  id String,
  name String,
  data_type LowCardinality(String),
  value Nullable(Float64),
  string_value Nullable(String),
  source LowCardinality(String),
  trace_id Nullable(String),
  observation_id Nullable(String),
  session_id Nullable(String),
  dataset_run_id Nullable(String),
  timestamp Int64,
  comment Nullable(String) CODEC(ZSTD(3)),
  metadata Nullable(String) CODEC(ZSTD(3)),
  config_id Nullable(String),
  queue_id Nullable(String),
  author_user_id Nullable(String),
  environment LowCardinality(String),
  created_at Int64,
  updated_at Int64,
  row_version UInt64,
  is_deleted UInt8,
  INDEX trace_bloom trace_id TYPE bloom_filter(0.01) GRANULARITY 4,
  INDEX session_bloom session_id TYPE bloom_filter(0.01) GRANULARITY 4,
  INDEX timestamp_minmax timestamp TYPE minmax GRANULARITY 1
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, id);

-- A config as JSON (ScoreConfigJson); created_at is a column for the list order.
CREATE TABLE IF NOT EXISTS score_configs (
  project_id LowCardinality(String),
  id String,
  created_at Int64,
  body String,
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, id);
