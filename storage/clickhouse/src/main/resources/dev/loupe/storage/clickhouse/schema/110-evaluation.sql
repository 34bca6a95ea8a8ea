-- The evaluation module's tables: configs (connections, evaluators, rules: a body the store never reads),
-- one job per (rule, target), and each rule's watermark. Every row is replaced by its key and deleted by
-- tombstone: ReplacingMergeTree(row_version, is_deleted), read with FINAL (see 001-core).

CREATE TABLE IF NOT EXISTS eval_configs (
  project_id LowCardinality(String),
  kind LowCardinality(String),
  id String,
  name String,
  body String CODEC(ZSTD(3)),
  created_at Int64,
  updated_at Int64,
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, kind, id);

-- A job moves QUEUED -> SUCCEEDED / FAILED / SKIPPED as new versions of one row per (rule, target).
CREATE TABLE IF NOT EXISTS eval_jobs (
  project_id LowCardinality(String),
  rule_id String,
  target_id String,
  trace_id String,
  state LowCardinality(String),
  reason LowCardinality(Nullable(String)),
  attempts Int32,
  next_attempt_at Int64,
  error Nullable(String) CODEC(ZSTD(3)),
  score_id Nullable(String),
  created_at Int64,
  updated_at Int64,
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, rule_id, target_id);

CREATE TABLE IF NOT EXISTS eval_watermarks (
  project_id LowCardinality(String),
  rule_id String,
  watermark Int64,
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, rule_id);
