package dev.loupe.pipeline.kafka;

import dev.loupe.pipeline.log.Lag;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What one node knows of a topic's offsets: for each partition the end (the next offset Kafka will
 * give), the oldest offset still kept, and when records were appended. Two sources feed it: this
 * node's own acknowledged appends (exact offsets and record timestamps) and the broker's end
 * offsets, sampled every {@link KafkaIngestLog#WATCH_INTERVAL} (records appended through other
 * nodes). A sample that finds the end at {@code e} at time {@code t} says record {@code e - 1} was
 * appended by {@code t}, so the age of an unapplied record is known to within one interval (never
 * overstated). Thread-safe.
 */
final class Offsets {
  static final int MAX_NOTES = 100_000;

  private final Map<Integer, Long> end = new HashMap<>(); // guarded by this
  private final Map<Integer, Long> start = new HashMap<>(); // guarded by this
  // partition -> offset -> the latest moment the record at that offset can have been appended
  private final Map<Integer, NavigableMap<Long, Long>> appendedBy = new HashMap<>(); // by this

  /** This node's append of a record at {@code offset}, timestamped {@code millis}. */
  synchronized void appended(int partition, long offset, long millis) {
    end.merge(partition, offset + 1, Math::max);
    note(partition, offset, millis);
  }

  /**
   * Notes when a record was appended at the latest. Bounded: {@link #lag} forgets applied records;
   * on a node that never asks, the oldest notes go past {@link #MAX_NOTES} a partition.
   */
  private void note(int partition, long offset, long millis) {
    NavigableMap<Long, Long> times = appendedBy.computeIfAbsent(partition, p -> new TreeMap<>());
    times.merge(offset, millis, Math::min);
    if (times.size() > MAX_NOTES) times.pollFirstEntry();
  }

  /** The broker's end and start offsets as sampled at {@code millis}. */
  synchronized void sampled(Map<Integer, Long> ends, Map<Integer, Long> starts, long millis) {
    ends.forEach(
        (p, e) -> {
          end.merge(p, e, Math::max);
          if (e > 0) note(p, e - 1, millis);
        });
    starts.forEach((p, s) -> start.merge(p, s, Math::max));
  }

  synchronized Map<Integer, Long> end() {
    return Map.copyOf(end);
  }

  /**
   * The records from {@code applied} (partition → next offset to apply; 0 when absent) to the end,
   * and the age of the oldest of them. Forgets the timestamps of applied records.
   */
  synchronized Lag lag(Map<Integer, Long> applied, long nowMillis) {
    long records = 0;
    long oldest = Long.MAX_VALUE;
    for (Map.Entry<Integer, Long> e : end.entrySet()) {
      int p = e.getKey();
      long next = Math.max(applied.getOrDefault(p, 0L), start.getOrDefault(p, 0L));
      NavigableMap<Long, Long> times = appendedBy.get(p);
      if (times != null) times.headMap(next, false).clear();
      if (next >= e.getValue()) continue;
      records += e.getValue() - next;
      Map.Entry<Long, Long> by = times == null ? null : times.ceilingEntry(next);
      if (by != null) oldest = Math.min(oldest, by.getValue());
    }
    if (records == 0) return Lag.NONE;
    long age = oldest == Long.MAX_VALUE ? 0 : Math.max(0, nowMillis - oldest);
    return new Lag(records, Duration.ofMillis(age));
  }
}
