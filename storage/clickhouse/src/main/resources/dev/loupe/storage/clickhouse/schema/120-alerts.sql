-- Alerts: channels, rules, each rule's status, the history of its state changes and the delivery log.
-- All are ReplacingMergeTree(row_version, is_deleted) read with FINAL (see 001-core): channels, rules and
-- statuses are replaced by id; events and deliveries are only appended, and versioned all the same so
-- that deleting a rule can tombstone its history without a mutation.

CREATE TABLE IF NOT EXISTS alert_channels (
  project_id LowCardinality(String),
  id String,
  name String,
  kind LowCardinality(String),
  url String,
  secret Nullable(String),
  created_at Int64,
  updated_at Int64,
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, id);

-- The query as columns (view, measure, aggregation) and its filters as JSON (AlertFiltersJson);
-- durations in milliseconds.
CREATE TABLE IF NOT EXISTS alert_rules (
  project_id LowCardinality(String),
  id String,
  name String,
  description Nullable(String),
  view LowCardinality(String),
  measure LowCardinality(String),
  aggregation LowCardinality(String),
  filters String,
  comparison LowCardinality(String),
  threshold Float64,
  window_ms Int64,
  interval_ms Int64,
  for_ms Int64,
  no_data LowCardinality(String),
  channel_ids Array(String),
  enabled Bool,
  created_at Int64,
  updated_at Int64,
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, id);

CREATE TABLE IF NOT EXISTS alert_statuses (
  project_id LowCardinality(String),
  rule_id String,
  state LowCardinality(String),
  since Int64,
  evaluated_at Int64,
  value Nullable(Float64),
  breaching_since Nullable(Int64),
  error Nullable(String),
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, rule_id);

CREATE TABLE IF NOT EXISTS alert_events (
  project_id LowCardinality(String),
  rule_id String,
  id String,
  at Int64,
  from_state LowCardinality(String),
  to_state LowCardinality(String),
  value Nullable(Float64),
  threshold Float64,
  message String,
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, rule_id, id);

CREATE TABLE IF NOT EXISTS alert_deliveries (
  project_id LowCardinality(String),
  id String,
  notification_id String,
  rule_id Nullable(String),
  channel_id String,
  event_id Nullable(String),
  kind LowCardinality(String),
  attempt Int32,
  at Int64,
  status_code Nullable(Int32),
  error Nullable(String),
  duration_ms Int64,
  row_version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(row_version, is_deleted)
ORDER BY (project_id, id);
