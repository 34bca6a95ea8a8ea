package dev.loupe.storage.duckdb;

import java.util.Map;

/**
 * A snapshot of the embedded store's own figures, for gauges and function counters ({@link
 * DuckDbStorage#stats()}). Running totals count since open.
 *
 * @param writeGroups write groups committed (each is one transaction)
 * @param writeRows trace and observation rows written in them
 * @param writerStageNanos the writer's time per stage of a group ({@code lookup}, {@code merge},
 *     {@code payloads}, {@code delete}, {@code append}, {@code payload_sync}, {@code commit}); the
 *     stages are the writer's own and may change, the names stay short and fixed
 * @param writeQueue write batches waiting for the writer now
 * @param readConnections connections in the read pool
 * @param idleReadConnections of those, the ones not in use now
 * @param databaseBytes the database file's size
 * @param walBytes its write-ahead log's size (0 when none)
 * @param payloadBytes the payload log's segment files, in total
 * @param payloadSegments how many segment files the payload log has
 */
public record DuckDbStats(
    long writeGroups,
    long writeRows,
    Map<String, Long> writerStageNanos,
    int writeQueue,
    int readConnections,
    int idleReadConnections,
    long databaseBytes,
    long walBytes,
    long payloadBytes,
    int payloadSegments) {
  public DuckDbStats {
    writerStageNanos = Map.copyOf(writerStageNanos);
  }
}
