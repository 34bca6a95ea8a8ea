package dev.loupe.storage.clickhouse;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.util.List;

/**
 * The columns of {@code trace_keys} and {@code observation_keys}: which ids are stored (and the
 * trace an observation is stored under), so the write path finds a batch's stored rows by sorting
 * key (schema step 002).
 */
final class KeyRows {
  static final List<String> TRACE_COLUMNS = List.of("project_id", "id", "row_version");
  static final List<String> OBSERVATION_COLUMNS =
      List.of("project_id", "id", "trace_id", "row_version");

  private KeyRows() {}

  static void trace(RowBinaryOut out, Trace t, long version) {
    out.string(t.projectId());
    out.string(t.id());
    out.int64(version);
    out.endRow();
  }

  static void observation(RowBinaryOut out, Observation o, long version) {
    out.string(o.projectId());
    out.string(o.id());
    out.string(o.traceId());
    out.int64(version);
    out.endRow();
  }
}
