-- The core tables: traces, observations, log positions, projects, API keys, custom model prices.
--
-- Rows merged by (project_id, id) are versioned: ReplacingMergeTree(row_version, is_deleted). A write
-- inserts the merged row with a higher row_version; background merges drop the older versions, and every
-- read uses FINAL, so answers never depend on whether a merge has run. A merge that moves a row to
-- another sorting key or partition (an observation moved to another trace, a start time moved to another
-- month) also inserts a tombstone (is_deleted = 1) of the old version under its old key, so exactly one
-- live version of each id remains. Times are Int64 microseconds since 1970 (the SPI stores any instant
-- of ±200,000 years; DateTime64 holds 1900-2299); `day` is their UTC day, clamped to Date's range, for
-- monthly partitions and TTL (ALTER TABLE ... MODIFY TTL day + INTERVAL 90 DAY).
--
-- The write side's tables fsync each inserted part (fsync_after_insert, fsync_part_directory): the SPI
-- acknowledges a batch once accept returns, and an applier moves its log position on that, so an insert
-- that returned must survive a power loss of the ClickHouse host, not only a crash of its process.

CREATE TABLE IF NOT EXISTS traces (
  project_id LowCardinality(String),
  id String,
  timestamp Int64,
  day Date,
  name Nullable(String),
  user_id Nullable(String),
  session_id Nullable(String),
  tags Array(String),
  input Nullable(String) CODEC(ZSTD(3)),
  output Nullable(String) CODEC(ZSTD(3)),
  metadata Nullable(String) CODEC(ZSTD(3)),
  environment LowCardinality(String),
  release Nullable(String),
  version Nullable(String),
  public Bool,
  row_version UInt64,
  is_deleted UInt8,
  INDEX timestamp_minmax timestamp TYPE minmax GRANULARITY 1,
  INDEX session_bloom session_id TYPE bloom_filter(0.01) GRANULARITY 4,
  INDEX user_bloom user_id TYPE bloom_filter(0.01) GRANULARITY 4
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
PARTITION BY toYYYYMM(day)
ORDER BY (project_id, id)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

CREATE TABLE IF NOT EXISTS observations (
  project_id LowCardinality(String),
  trace_id String,
  id String,
  parent_observation_id Nullable(String),
  type LowCardinality(String),
  name Nullable(String),
  start_time Int64,
  end_time Nullable(Int64),
  completion_start_time Nullable(Int64),
  day Date,
  level LowCardinality(String),
  status_message Nullable(String) CODEC(ZSTD(3)),
  model LowCardinality(Nullable(String)),
  model_parameters Nullable(String) CODEC(ZSTD(3)),
  input Nullable(String) CODEC(ZSTD(3)),
  output Nullable(String) CODEC(ZSTD(3)),
  metadata Nullable(String) CODEC(ZSTD(3)),
  usage_details Map(LowCardinality(String), Int64),
  cost_details Map(LowCardinality(String), Decimal(18, 12)),
  cost_source LowCardinality(String),
  priced_model_id LowCardinality(Nullable(String)),
  environment LowCardinality(String),
  version Nullable(String),
  release Nullable(String),
  prompt_name Nullable(String),
  prompt_version Nullable(Int32),
  mapping_notes Map(LowCardinality(String), String) CODEC(ZSTD(3)),
  usage_scope LowCardinality(String),
  -- measures of the merged row, computed on write (Observation.inputTokens() ...): no query walks the maps
  input_tokens Int64,
  output_tokens Int64,
  total_tokens Int64,
  cached_tokens Int64,
  reasoning_tokens Int64,
  input_cost Nullable(Decimal(18, 12)),
  output_cost Nullable(Decimal(18, 12)),
  total_cost Nullable(Decimal(18, 12)),
  row_version UInt64,
  is_deleted UInt8,
  INDEX id_bloom id TYPE bloom_filter(0.01) GRANULARITY 4,
  INDEX start_minmax start_time TYPE minmax GRANULARITY 1
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
PARTITION BY toYYYYMM(day)
ORDER BY (project_id, trace_id, id)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

-- An applier's position per (log, partition), inserted after the rows of its batch (see README).
CREATE TABLE IF NOT EXISTS log_positions (
  log String,
  partition Int32,
  next Int64,
  row_version UInt64
) ENGINE = ReplacingMergeTree(row_version)
ORDER BY (log, partition)
SETTINGS fsync_after_insert = 1, fsync_part_directory = 1;

CREATE TABLE IF NOT EXISTS projects (
  id String,
  name String,
  created_at Int64,
  row_version UInt64
) ENGINE = ReplacingMergeTree(row_version)
ORDER BY id;

CREATE TABLE IF NOT EXISTS api_keys (
  kind LowCardinality(String),
  public_key String,
  project_id String,
  secret_hash String,
  created_at Int64,
  row_version UInt64
) ENGINE = ReplacingMergeTree(row_version)
ORDER BY (kind, public_key);

-- A project's custom prices, each as JSON (decimals as strings: scale and value round-trip exactly).
CREATE TABLE IF NOT EXISTS model_prices (
  project_id String,
  id String,
  created_at Nullable(Int64),
  body String CODEC(ZSTD(3)),
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, id);
