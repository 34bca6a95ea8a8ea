package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each UTC day of a project's observations last changed, on one counter of writes, so that a
 * metrics answer computed for a day knows whether it is still the answer ({@link BucketCache}).
 *
 * <p>The writer reports a group's days after its commit: the start day of every observation it
 * wrote and of every stored version it replaced. A reader takes {@link #snapshot()} before it
 * reads; an answer is current while no day it covers was reported with a later count. A write that
 * commits after the snapshot reports after it, so it is never missed; a write reported before the
 * snapshot committed before it, so the read saw it. Nothing is persisted: the cache it guards lives
 * as long as the process.
 */
final class ObservationDays {
  static final long MICROS_PER_DAY = 86_400_000_000L;

  private final AtomicLong writes = new AtomicLong();
  private final Map<String, Map<Long, Long>> lastWrite = new ConcurrentHashMap<>();

  /** The count of reported writes so far. */
  long snapshot() {
    return writes.get();
  }

  /** Reports one committed group's changed days, per project (days as epoch day numbers). */
  void changed(Map<String, Set<Long>> daysByProject) {
    if (daysByProject.isEmpty()) return;
    long n = writes.incrementAndGet();
    daysByProject.forEach(
        (project, days) -> {
          Map<Long, Long> last = lastWrite.computeIfAbsent(project, p -> new ConcurrentHashMap<>());
          for (long d : days) last.put(d, n);
        });
  }

  /** Whether no day in {@code [fromDay, toDay)} of the project changed after {@code snapshot}. */
  boolean unchangedSince(String projectId, long fromDay, long toDay, long snapshot) {
    Map<Long, Long> last = lastWrite.get(projectId);
    if (last == null) return true;
    for (long d = fromDay; d < toDay; d++) {
      Long n = last.get(d);
      if (n != null && n > snapshot) return false;
    }
    return true;
  }

  static long day(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 86_400L);
  }

  /** Collects a group's days as the writer meets its observations. */
  static final class Collector {
    private final Map<String, Set<Long>> days = new HashMap<>();
    private String lastProject = "";
    private long lastDay = Long.MIN_VALUE;

    void add(Observation o) {
      long d = day(o.startTime());
      if (d == lastDay && lastProject.equals(o.projectId())) return;
      days.computeIfAbsent(o.projectId(), p -> new HashSet<>()).add(d);
      lastProject = o.projectId();
      lastDay = d;
    }

    Map<String, Set<Long>> days() {
      return days;
    }
  }
}
