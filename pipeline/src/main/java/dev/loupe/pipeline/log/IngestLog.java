package dev.loupe.pipeline.log;

import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * The ingest log: receivers append priced write batches and acknowledge their clients once the
 * append returns (the rows are durable in the log); appliers read the records in order and apply
 * them to the store, recording how far they got ({@link dev.loupe.storage.LogPosition}) in the same
 * store transaction, so a restart resumes exactly and re-applying is harmless.
 *
 * <p>Records live in partitions; a position is (partition, offset). Offsets only grow within a
 * partition (they need not be contiguous: records lost to corruption leave gaps) and survive
 * restarts and compaction. All rows of one trace go to one partition, so a trace's writes stay in
 * order. The embedded {@link SegmentLog} has one partition and one applier; a Kafka implementation
 * keys records by trace id over a topic's partitions, its appliers a consumer group whose members
 * start each assigned partition at the offset the store recorded.
 *
 * <pre>{@code
 * Appended where = log.append(priced);       // durable: acknowledge now
 * try (LogReader reader = log.reader(p -> storedNextOffset(p))) {
 *   List<LogEntry> batch = reader.poll(10_000, 32 << 20, Duration.ofMillis(200));
 *   // store the rows of batch with positions (partition, last offset + 1) in one transaction
 *   reader.applied(Map.of(0, lastOffset + 1));
 * }
 * }</pre>
 */
public interface IngestLog extends AutoCloseable {
  /** The name appliers record their positions under ({@code LogPosition.log}). */
  String name();

  /**
   * Appends one request's rows and returns once they are durable; the caller acknowledges its
   * client afterwards. Thread-safe; concurrent appends share one sync (group commit). An empty
   * batch is not appended.
   *
   * @return where the rows are
   * @throws LogFullException when the disk has no room: nothing of the batch is acknowledged, the
   *     client should retry later (503); what was acknowledged before is intact
   * @throws StorageException when the append failed otherwise (I/O error, closed): over capacity,
   *     nothing of the batch acknowledged
   */
  Appended append(WriteBatch batch);

  /**
   * A reader of the partitions this applier is given (all of them, embedded), each starting at
   * {@code start.applyAsLong(partition)}: the next offset to apply as the store recorded it (0 when
   * none). A start below the oldest record kept starts at the oldest; one beyond the end waits for
   * it.
   */
  LogReader reader(IntToLongFunction start);

  /**
   * For each partition, the offset the next appended record will get: every record below it has
   * been appended (and acknowledged, or failed).
   */
  Map<Integer, Long> end();

  /**
   * How far {@code applied} (partition → next offset to apply) is behind {@link #end()}: the
   * records not yet applied and the age of the oldest of them.
   */
  Lag lag(Map<Integer, Long> applied);

  /**
   * True when other processes append to this log and apply some of its partitions (Kafka: the
   * appliers of several nodes form one group). How far the log is applied is then what the store
   * recorded, not this process's applier alone; {@code Ingestion} reads the store's positions for
   * lag and the read barrier. False for the embedded logs, which one process owns.
   */
  default boolean sharedByNodes() {
    return false;
  }

  /** The log's figures now; cheap. */
  LogState state();

  /**
   * Stops taking appends (later ones fail with a {@link StorageException}), finishes those under
   * way, and releases files. Records appended stay for the next open.
   */
  @Override
  void close();
}
