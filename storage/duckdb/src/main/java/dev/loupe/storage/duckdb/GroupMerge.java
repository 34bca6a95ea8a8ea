package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.WriteBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Folds the batches of one write group onto the stored rows in arrival order: each row ends as
 * {@code stored.mergedWith(first).mergedWith(second)...}, each merged observation passed through
 * its batch's {@link MergeHook}, exactly what applying the batches one by one gives. A batch whose
 * merge (or hook) fails is left out whole and does not affect the others.
 */
final class GroupMerge {
  private final Map<RowKey, Stored<Trace>> storedTraces;
  private final Map<RowKey, Stored<Observation>> storedObservations;
  private final Map<RowKey, Trace> traces = new LinkedHashMap<>();
  private final Map<RowKey, Observation> observations = new LinkedHashMap<>();

  GroupMerge(
      Map<RowKey, Stored<Trace>> storedTraces,
      Map<RowKey, Stored<Observation>> storedObservations) {
    this.storedTraces = storedTraces;
    this.storedObservations = storedObservations;
  }

  /** Applies one batch, all or nothing; returns why it failed, or null. */
  @Nullable RuntimeException apply(WriteBatch batch, MergeHook onMerge) {
    // in arrival order: a trace's rows stay next to each other, so the writer and the rollup reuse
    // one trace key for them (RowKey.of with the previous key) instead of hashing its id per row
    Map<RowKey, Trace> t = LinkedHashMap.newLinkedHashMap(batch.traces().size());
    Map<RowKey, Observation> o = LinkedHashMap.newLinkedHashMap(batch.observations().size());
    try {
      RowKey key = null;
      for (Trace newer : batch.traces()) {
        key = RowKey.of(newer.projectId(), newer.id(), key);
        Trace current = t.get(key); // maps hold no null values
        if (current == null) current = trace(key);
        t.put(key, current == null ? newer : current.mergedWith(newer));
      }
      for (Observation newer : batch.observations()) {
        key = RowKey.of(newer);
        Observation current = o.get(key);
        if (current == null) current = observation(key);
        Observation merged =
            current == null ? newer : onMerge.apply(current, newer, current.mergedWith(newer));
        checkCosts(merged);
        o.put(key, merged);
      }
    } catch (RuntimeException e) {
      return e;
    }
    traces.putAll(t);
    observations.putAll(o);
    return null;
  }

  /**
   * Merged traces that differ from their stored version (or are new); call once, after the batches.
   */
  Map<RowKey, Trace> changedTraces() {
    if (storedTraces.isEmpty()) return traces;
    Map<RowKey, Trace> out = LinkedHashMap.newLinkedHashMap(traces.size());
    traces.forEach(
        (k, t) -> {
          Stored<Trace> s = storedTraces.get(k);
          if (s == null || !s.row().equals(t)) out.put(k, t);
        });
    return out;
  }

  /**
   * Merged observations that differ from their stored version (or are new); call once, after the
   * batches.
   */
  Map<RowKey, Observation> changedObservations() {
    if (storedObservations.isEmpty()) return observations;
    Map<RowKey, Observation> out = LinkedHashMap.newLinkedHashMap(observations.size());
    observations.forEach(
        (k, o) -> {
          Stored<Observation> s = storedObservations.get(k);
          if (s == null || !s.row().equals(o)) out.put(k, o);
        });
    return out;
  }

  private @Nullable Trace trace(RowKey key) {
    Trace t = traces.get(key);
    if (t != null) return t;
    Stored<Trace> s = storedTraces.get(key);
    return s == null ? null : s.row();
  }

  private @Nullable Observation observation(RowKey key) {
    Observation o = observations.get(key);
    if (o != null) return o;
    Stored<Observation> s = storedObservations.get(key);
    return s == null ? null : s.row();
  }

  /**
   * Rejects a cost the DECIMAL(18,12) columns cannot hold, so only its batch fails, not the group.
   */
  private static void checkCosts(Observation o) {
    o.costDetails().forEach((type, v) -> Decimals.toColumn("costDetails.", type, v));
    if (o.totalCost() != null) Decimals.toColumn("totalCost", o.totalCost());
  }
}
