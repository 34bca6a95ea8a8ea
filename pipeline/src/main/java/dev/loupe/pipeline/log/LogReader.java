package dev.loupe.pipeline.log;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@link IngestLog} in order, for one applier: one thread polls; {@link #applied} may be
 * called from another (the one that stores).
 *
 * <p>A record whose bytes fail their checksum is skipped by the reader, which logs an error naming
 * the file, the byte range and the offsets that follow, and counts the bytes in {@link
 * LogState#corruptBytes()}: such a record cannot be read by anyone, and stopping would stop all
 * ingest behind it.
 */
public interface LogReader extends AutoCloseable {
  /**
   * The next records, in offset order within each partition: at most {@code maxRecords}, and no
   * more once {@code maxBytes} are reached (but at least one record when one is there), waiting up
   * to {@code wait} for the first. Never waits once it has a record. Empty when none arrived in
   * time.
   */
  List<LogEntry> poll(int maxRecords, long maxBytes, Duration wait) throws InterruptedException;

  /**
   * Says that the store has recorded these positions (partition → next offset to apply) durably,
   * with the rows below them: the log may reclaim those records (the embedded log deletes the
   * segments wholly below them) and reports lag from them.
   */
  void applied(Map<Integer, Long> positions);

  /**
   * Called by the polling thread, about every 200 ms, while it holds records its caller cannot take
   * yet (the store is slow or failing): the reader keeps its place without reading on. A Kafka
   * reader polls with its partitions paused, so it stays in its group and takes part in rebalances;
   * a node whose store is stuck then gives its partitions up instead of holding the group's
   * rebalance.
   */
  default void idle() {}

  /**
   * Whether this reader still holds {@code partition}: false once it went to another applier (a
   * Kafka rebalance), whose reader starts at the stored position; records of it read before are
   * then not to be stored by this applier, so two appliers never write one partition at once.
   * Always true for a log with one applier.
   */
  default boolean owns(int partition) {
    return true;
  }

  @Override
  void close();
}
