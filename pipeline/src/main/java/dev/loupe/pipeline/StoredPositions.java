package dev.loupe.pipeline;

import dev.loupe.storage.LogPosition;
import dev.loupe.storage.Storage;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The positions the store recorded for a log that several nodes apply: how far the whole group got.
 * Read at most every {@link #REFRESH} for lag and the read barrier (a store read per 50 ms, however
 * many requests ask), and afresh when an applier is given a partition.
 */
final class StoredPositions {
  private static final Logger LOG = LoggerFactory.getLogger(StoredPositions.class);
  static final long REFRESH = 50; // ms

  private final Storage storage;
  private final String log;
  private volatile Map<Integer, Long> recent = Map.of();
  private volatile long readAt; // System.nanoTime() / 1_000_000 of the last read

  StoredPositions(Storage storage, String log) {
    this.storage = storage;
    this.log = log;
  }

  /** The positions as read at most {@link #REFRESH} ms ago; the last ones when the store fails. */
  Map<Integer, Long> recent() {
    long now = System.nanoTime() / 1_000_000;
    if (now - readAt >= REFRESH) {
      synchronized (this) {
        if (now - readAt >= REFRESH) {
          try {
            recent = read();
          } catch (RuntimeException e) {
            LOG.warn("cannot read the stored positions of {}: {}", log, e.toString());
          }
          readAt = now;
        }
      }
    }
    return recent;
  }

  /** The stored position of {@code partition} now (0 when none); fails when the store does. */
  long readNow(int partition) {
    Map<Integer, Long> now = read();
    recent = now;
    return now.getOrDefault(partition, 0L);
  }

  private Map<Integer, Long> read() {
    Map<Integer, Long> out = new HashMap<>();
    for (LogPosition p : storage.logPositions(log)) out.put(p.partition(), p.next());
    return Map.copyOf(out);
  }
}
