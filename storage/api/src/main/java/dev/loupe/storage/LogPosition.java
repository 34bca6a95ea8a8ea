package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

/**
 * How far an applier has applied one partition of a log: {@code next} is the offset of the next
 * record to apply, so every record below it is in the store. A write batch may carry positions
 * ({@link WriteBatch#withPositions}); the store records them in the same transaction as the batch's
 * rows, so after a crash the rows and the position agree and the applier resumes exactly where the
 * store is ({@link Storage#logPositions}).
 *
 * @param log the log's name (the embedded ingest log is {@code "ingest"}; a Kafka topic its name)
 * @param partition the partition (the embedded log has one, 0)
 * @param next offset of the next record to apply (0 when none was applied)
 */
public record LogPosition(String log, int partition, long next) {
  public LogPosition {
    requireNonNull(log, "log");
    if (log.isBlank()) throw new IllegalArgumentException("log is blank");
    if (partition < 0) throw new IllegalArgumentException("partition < 0: " + partition);
    if (next < 0) throw new IllegalArgumentException("next < 0: " + next);
  }
}
