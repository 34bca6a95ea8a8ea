package dev.loupe.storage;

import dev.loupe.model.Observation;
import dev.loupe.model.Score;
import dev.loupe.model.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The rows of all projects (traces, observations, scores) and the recorded log positions behind one
 * read-write lock. Batches apply all or nothing.
 */
final class InMemoryTables {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, ProjectRows> projects = new HashMap<>();
  private final Map<String, Map<Integer, Long>> positions = new HashMap<>();

  /**
   * Runs {@code reader} on one project's rows under the read lock; it must not keep references to
   * them.
   */
  <T> T read(String projectId, Function<ProjectRows, T> reader) {
    lock.readLock().lock();
    try {
      ProjectRows rows = projects.get(projectId);
      return reader.apply(rows != null ? rows : new ProjectRows());
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Upserts the batch in arrival order, each merged observation through {@code onMerge}; when any
   * merge fails, nothing of the batch is stored.
   */
  void write(WriteBatch batch, MergeHook onMerge) {
    lock.writeLock().lock();
    try {
      Map<RowKey, Trace> traces = new LinkedHashMap<>();
      for (Trace t : batch.traces()) {
        RowKey key = new RowKey(t.projectId(), t.id());
        Trace stored = traces.containsKey(key) ? traces.get(key) : storedTrace(key);
        traces.put(key, stored == null ? t : merge(stored, t));
      }
      Map<RowKey, Observation> observations = new LinkedHashMap<>();
      for (Observation o : batch.observations()) {
        RowKey key = new RowKey(o.projectId(), o.id());
        Observation stored =
            observations.containsKey(key) ? observations.get(key) : storedObservation(key);
        observations.put(key, stored == null ? o : merge(stored, o, onMerge));
      }
      traces.forEach((key, t) -> rows(key.projectId()).put(t));
      observations.forEach((key, o) -> rows(key.projectId()).put(o));
      for (LogPosition p : batch.positions())
        positions.computeIfAbsent(p.log(), l -> new TreeMap<>()).put(p.partition(), p.next());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The positions recorded for {@code log}, by partition. */
  List<LogPosition> positions(String log) {
    lock.readLock().lock();
    try {
      List<LogPosition> out = new ArrayList<>();
      positions.getOrDefault(log, Map.of()).forEach((p, n) -> out.add(new LogPosition(log, p, n)));
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Stores the scores in order (each keeps the earlier createdAt of one it replaces). */
  void write(List<Score> scores) {
    lock.writeLock().lock();
    try {
      for (Score s : scores) rows(s.projectId()).put(s);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes one score; false when it was not there. */
  boolean deleteScore(String projectId, String id) {
    lock.writeLock().lock();
    try {
      ProjectRows rows = projects.get(projectId);
      return rows != null && rows.removeScore(id) != null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  void clear() {
    lock.writeLock().lock();
    try {
      projects.clear();
      positions.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private @Nullable Trace storedTrace(RowKey key) {
    ProjectRows rows = projects.get(key.projectId());
    return rows == null ? null : rows.trace(key.id());
  }

  private @Nullable Observation storedObservation(RowKey key) {
    ProjectRows rows = projects.get(key.projectId());
    return rows == null ? null : rows.observation(key.id());
  }

  private static Trace merge(Trace stored, Trace newer) {
    try {
      return stored.mergedWith(newer);
    } catch (IllegalArgumentException e) {
      throw new StorageException("cannot merge trace " + newer.id() + ": " + e.getMessage(), e);
    }
  }

  private static Observation merge(Observation stored, Observation newer, MergeHook onMerge) {
    try {
      return onMerge.apply(stored, newer, stored.mergedWith(newer));
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot merge observation " + newer.id() + ": " + e.getMessage(), e);
    }
  }

  private ProjectRows rows(String projectId) {
    return projects.computeIfAbsent(projectId, p -> new ProjectRows());
  }

  private record RowKey(String projectId, String id) {}
}
