package dev.loupe.storage.duckdb;

/**
 * A snapshot of the embedded store's own figures, for gauges and function counters ({@link
 * DuckDbStorage#stats()}). Running totals count since open.
 *
 * @param writeGroups write groups committed (each is one transaction)
 * @param writeRows trace and observation rows written in them
 * @param writeQueue write batches waiting for the writer now
 * @param readConnections connections in the read pool
 * @param idleReadConnections of those, the ones not in use now
 * @param databaseBytes the database file's size
 * @param walBytes its write-ahead log's size (0 when none)
 * @param payloadBytes the payload log's segment files, in total
 * @param payloadSegments how many segment files the payload log has
 * @param writerStageNanos per stage of a write group (lookup, merge, payloads, rollup, delete,
 *     append, insert, payload_sync, commit), the writer's wall time and its thread's CPU time so
 *     far, in nanoseconds: where a write group's time goes, and how much of it is waiting (wall
 *     minus CPU)
 */
public record DuckDbStats(
    long writeGroups,
    long writeRows,
    int writeQueue,
    int readConnections,
    int idleReadConnections,
    long databaseBytes,
    long walBytes,
    long payloadBytes,
    int payloadSegments,
    java.util.Map<String, StageTime> writerStageNanos) {

  /** Wall and CPU nanoseconds of one writer stage. */
  public record StageTime(long wallNanos, long cpuNanos) {}
}
