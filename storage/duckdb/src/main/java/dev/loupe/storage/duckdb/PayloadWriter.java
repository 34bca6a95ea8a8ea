package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Appends the payload records of a group's rows to the {@link PayloadLog}, before their DuckDB
 * rows, so the log can be synced while DuckDB appends. Owned by the writer's loader thread.
 */
final class PayloadWriter {
  private final PayloadLog log;
  private final PayloadCodec codec = new PayloadCodec();

  PayloadWriter(PayloadLog log) {
    this.log = log;
  }

  /** Per row, in order, where its payload record is (null when it has none). */
  List<@Nullable PayloadRef> traces(Collection<Trace> rows) throws IOException {
    List<@Nullable PayloadRef> refs = new ArrayList<>(rows.size());
    for (Trace t : rows) refs.add(TraceRows.encodePayload(codec, t) ? log.append(codec) : null);
    return refs;
  }

  /** Per row, in order, where its record is: every observation has one. */
  List<@Nullable PayloadRef> observations(Collection<Observation> rows) throws IOException {
    List<@Nullable PayloadRef> refs = new ArrayList<>(rows.size());
    for (Observation o : rows) {
      ObservationRows.encodeRecord(codec, o);
      refs.add(log.append(codec));
    }
    return refs;
  }
}
