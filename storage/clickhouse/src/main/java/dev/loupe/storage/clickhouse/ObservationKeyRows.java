package dev.loupe.storage.clickhouse;

import dev.loupe.model.Observation;
import java.util.List;

/**
 * The {@code observation_keys} table's columns: which trace an observation id is stored under, so
 * the write path finds a batch's stored observations by the observations table's sorting key.
 */
final class ObservationKeyRows {
  static final List<String> COLUMNS = List.of("project_id", "id", "trace_id", "row_version");

  private ObservationKeyRows() {}

  static void write(RowBinaryOut out, Observation o, long version) {
    out.string(o.projectId());
    out.string(o.id());
    out.string(o.traceId());
    out.int64(version);
    out.endRow();
  }
}
