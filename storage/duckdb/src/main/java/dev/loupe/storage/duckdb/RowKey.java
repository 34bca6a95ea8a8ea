package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import org.jspecify.annotations.Nullable;

/** A row's identity, (projectId, id), with its persisted 64-bit key. */
record RowKey(String projectId, String id, long key) {
  static RowKey of(String projectId, String id) {
    return new RowKey(projectId, id, RowKeys.of(projectId, id));
  }

  /**
   * The key of (projectId, id), {@code previous} itself when it is that pair's: rows of one trace
   * come one after another, and hashing the id costs more than comparing it.
   */
  static RowKey of(String projectId, String id, @Nullable RowKey previous) {
    if (previous != null && previous.id.equals(id) && previous.projectId.equals(projectId))
      return previous;
    return of(projectId, id);
  }

  static RowKey of(Trace t) {
    return of(t.projectId(), t.id());
  }

  static RowKey of(Observation o) {
    return of(o.projectId(), o.id());
  }

  static RowKey traceOf(Observation o) {
    return of(o.projectId(), o.traceId());
  }
}
