package dev.loupe.storage.clickhouse;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.clickhouse.StoredRows.Key;
import dev.loupe.storage.clickhouse.StoredRows.Stored;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write side: merges a batch into the stored rows and inserts the merged versions.
 *
 * <p>Under one lock per store (so two requests racing on one id in this process see each other):
 * read the stored versions of the batch's ids (FINAL; traces and observations at once), merge in
 * arrival order ({@code mergedWith}, observations through the {@link MergeHook}), then insert the
 * traces and the observations (one INSERT each, at once) and, once both are written, the log
 * positions (one INSERT). A merge or hook that fails fails the batch before anything is inserted.
 * Each INSERT is atomic on its own (one block, one part); the three are not one transaction, which
 * ClickHouse does not have: what the write relies on is their order (positions after rows, so a
 * position never runs ahead of the rows it covers) and that applying a batch again changes nothing
 * (merges are idempotent), so an applier that resumes from the recorded position after a crash
 * between the inserts re-applies the batch to the same result.
 *
 * <p>A merged row that lands under another sorting key (an observation moved to another trace) or
 * in another partition (its time moved to another month) comes with a tombstone (is_deleted = 1) of
 * the stored version under its old key and partition, one version below the new row: background
 * merges, which work within a partition, then retire the old copy, and FINAL, which compares the
 * versions of one key across partitions too, sees the new row win over the tombstone.
 */
final class Writer {
  private final Sql sql;
  private final RowVersions versions;
  private final StoredRows stored;
  private final ReentrantLock lock = new ReentrantLock();

  Writer(Sql sql, RowVersions versions) {
    this.sql = sql;
    this.versions = versions;
    this.stored = new StoredRows(sql);
  }

  void write(WriteBatch batch, MergeHook onMerge) {
    if (batch.isEmpty()) return;
    lock.lock();
    try {
      var before =
          Both.of(
              () -> storedTraces(batch.traces()), () -> storedObservations(batch.observations()));
      RowBinaryOut traceKeys = new RowBinaryOut(), observationKeys = new RowBinaryOut();
      RowBinaryOut traces = traces(batch.traces(), before.first(), traceKeys);
      RowBinaryOut observations =
          observations(batch.observations(), before.second(), onMerge, observationKeys);
      Both.run(
          () -> {
            sql.insert("traces", TraceRows.COLUMNS, traces);
            sql.insert("trace_keys", KeyRows.TRACE_COLUMNS, traceKeys);
          },
          () -> {
            sql.insert("observations", ObservationRows.COLUMNS, observations);
            sql.insert("observation_keys", KeyRows.OBSERVATION_COLUMNS, observationKeys);
          });
      sql.insert("log_positions", LogPositionRows.COLUMNS, positions(batch.positions()));
    } finally {
      lock.unlock();
    }
  }

  private Map<Key, Stored<Trace>> storedTraces(List<Trace> batch) {
    Set<Key> keys = new LinkedHashSet<>();
    for (Trace t : batch) keys.add(new Key(t.projectId(), t.id()));
    return keys.isEmpty() ? Map.of() : stored.traces(keys);
  }

  private Map<Key, Stored<Observation>> storedObservations(List<Observation> batch) {
    Set<Key> keys = new LinkedHashSet<>();
    for (Observation o : batch) keys.add(new Key(o.projectId(), o.id()));
    return keys.isEmpty() ? Map.of() : stored.observations(keys);
  }

  /** The merged traces to insert; a new id also gets its row in {@code keys} (trace_keys). */
  private RowBinaryOut traces(
      List<Trace> batch, Map<Key, Stored<Trace>> before, RowBinaryOut keys) {
    Map<Key, Trace> merged = new LinkedHashMap<>();
    for (Trace t : batch) {
      Key key = new Key(t.projectId(), t.id());
      Trace earlier = merged.containsKey(key) ? merged.get(key) : row(before.get(key));
      merged.put(key, earlier == null ? t : merge(earlier, t));
    }
    RowBinaryOut out = new RowBinaryOut();
    merged.forEach(
        (key, t) -> {
          Stored<Trace> old = before.get(key);
          if (old != null && old.row().equals(t)) return; // nothing changed: nothing to write
          long version = versions.after(old == null ? 0 : old.version());
          if (old != null && movesPartition(old.row().timestamp(), t.timestamp())) {
            TraceRows.write(out, old.row(), version, true);
            version = versions.after(version);
          }
          TraceRows.write(out, t, version, false);
          if (old == null) KeyRows.trace(keys, t, version);
        });
    return out;
  }

  /**
   * The merged observations to insert; a new id, or one that moved to another trace, also gets its
   * row in {@code keys} (observation_keys), which the next batch's lookup reads.
   */
  private RowBinaryOut observations(
      List<Observation> batch,
      Map<Key, Stored<Observation>> before,
      MergeHook onMerge,
      RowBinaryOut keys) {
    Map<Key, Observation> merged = new LinkedHashMap<>();
    for (Observation o : batch) {
      Key key = new Key(o.projectId(), o.id());
      Observation earlier = merged.containsKey(key) ? merged.get(key) : row(before.get(key));
      merged.put(key, earlier == null ? o : merge(earlier, o, onMerge));
    }
    RowBinaryOut out = new RowBinaryOut();
    merged.forEach(
        (key, o) -> {
          Stored<Observation> old = before.get(key);
          if (old != null && old.row().equals(o)) return;
          long version = versions.after(old == null ? 0 : old.version());
          if (old != null
              && (!old.row().traceId().equals(o.traceId())
                  || movesPartition(old.row().startTime(), o.startTime()))) {
            // the new version lands under another sorting key or partition: retire the old one
            ObservationRows.write(out, old.row(), version, true);
            version = versions.after(version);
          }
          ObservationRows.write(out, o, version, false);
          if (old == null || !old.row().traceId().equals(o.traceId()))
            KeyRows.observation(keys, o, version);
        });
    return out;
  }

  private RowBinaryOut positions(List<LogPosition> positions) {
    Map<String, LogPosition> last = new LinkedHashMap<>();
    for (LogPosition p : positions) last.put(p.log() + "\u0000" + p.partition(), p);
    RowBinaryOut out = new RowBinaryOut();
    long version = versions.next();
    for (LogPosition p : last.values()) LogPositionRows.write(out, p, version);
    return out;
  }

  private static boolean movesPartition(java.time.Instant before, java.time.Instant after) {
    return Days.month(Days.of(before)) != Days.month(Days.of(after));
  }

  private static <T> T row(Stored<T> s) {
    return s == null ? null : s.row();
  }

  private static Trace merge(Trace earlier, Trace newer) {
    try {
      return earlier.mergedWith(newer);
    } catch (IllegalArgumentException e) {
      throw new StorageException("cannot merge trace " + newer.id() + ": " + e.getMessage(), e);
    }
  }

  private static Observation merge(Observation earlier, Observation newer, MergeHook onMerge) {
    Observation result;
    try {
      result = onMerge.apply(earlier, newer, earlier.mergedWith(newer));
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot merge observation " + newer.id() + ": " + e.getMessage(), e);
    }
    if (!result.projectId().equals(newer.projectId()) || !result.id().equals(newer.id())) {
      throw new StorageException(
          "merge hook returned observation "
              + result.projectId()
              + "/"
              + result.id()
              + " for "
              + newer.projectId()
              + "/"
              + newer.id()
              + ": it must keep projectId and id",
          null);
    }
    return result;
  }
}
