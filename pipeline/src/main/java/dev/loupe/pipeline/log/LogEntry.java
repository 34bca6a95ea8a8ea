package dev.loupe.pipeline.log;

import dev.loupe.storage.WriteBatch;
import java.time.Instant;

/**
 * One record read from the log: where it is, when it was appended, and its bytes ({@link
 * RecordCodec}).
 */
public record LogEntry(int partition, long offset, Instant appendedAt, byte[] record) {
  /**
   * The record's rows.
   *
   * @throws IllegalArgumentException when the record cannot be decoded by this build
   */
  public WriteBatch batch() {
    return RecordCodec.decode(record, 0, record.length);
  }

  /** The record's size, encoded. */
  public int bytes() {
    return record.length;
  }
}
