package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.WriteBatch;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.jspecify.annotations.Nullable;

/**
 * Writes one group of batches in one transaction on the writer's connection: finds the stored rows the group may
 * update (only keys the filters cannot rule out), merges, deletes the replaced rows and appends the new ones with
 * the group's {@code seq}, then commits. Owned by the writer thread.
 */
final class GroupWriter {
  private final Session session;
  private final KeyFilter traceKeys;
  private final KeyFilter observationKeys;
  private long seq;

  GroupWriter(Session session, KeyFilter traceKeys, KeyFilter observationKeys, long lastSeq) {
    this.session = session;
    this.traceKeys = traceKeys;
    this.observationKeys = observationKeys;
    this.seq = lastSeq;
  }

  /**
   * Writes the batches durably.
   *
   * @return per batch, why it was left out (its rows did not merge), or null when it was stored
   * @throws SQLException when the group failed; then nothing of it is stored
   */
  List<@Nullable RuntimeException> write(List<WriteBatch> batches) throws SQLException {
    session.execute("BEGIN TRANSACTION");
    try {
      List<@Nullable RuntimeException> failures = new ArrayList<>();
      Written written = writeInTransaction(batches, failures);
      session.execute("COMMIT");
      seq = written.seq;
      written.traces.forEach(traceKeys::add);
      written.observations.forEach(observationKeys::add);
      return failures;
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  private Written writeInTransaction(List<WriteBatch> batches, List<@Nullable RuntimeException> failures)
      throws SQLException {
    Set<RowKey> traceCandidates = new LinkedHashSet<>();
    Set<RowKey> observationCandidates = new LinkedHashSet<>();
    Set<Long> candidateTraceKeys = new HashSet<>();
    for (WriteBatch b : batches) {
      for (Trace t : b.traces()) {
        RowKey k = RowKey.of(t);
        if (traceKeys.mightContain(k.key())) traceCandidates.add(k);
      }
      for (Observation o : b.observations()) {
        RowKey k = RowKey.of(o);
        if (observationKeys.mightContain(k.key())) {
          observationCandidates.add(k);
          candidateTraceKeys.add(RowKeys.of(o.projectId(), o.traceId()));
        }
      }
    }
    StoredRows stored = new StoredRows(session);
    Map<RowKey, Stored<Trace>> storedTraces = stored.traces(traceCandidates);
    Map<RowKey, Stored<Observation>> storedObservations =
        stored.observations(observationCandidates, candidateTraceKeys);

    GroupMerge merge = new GroupMerge(storedTraces, storedObservations);
    for (WriteBatch b : batches) failures.add(merge.apply(b));
    Map<RowKey, Trace> traces = merge.changedTraces();
    Map<RowKey, Observation> observations = merge.changedObservations();
    if (traces.isEmpty() && observations.isEmpty()) return new Written(seq, Set.of(), Set.of());

    long groupSeq = seq + 1;
    delete("traces", "trace_payloads", replaced(traces.keySet(), storedTraces));
    delete("observations", "observation_payloads", replaced(observations.keySet(), storedObservations));
    Set<Long> touchedTraces = new LinkedHashSet<>();
    try (DuckDBAppender t = session.appender("traces");
        DuckDBAppender tp = session.appender("trace_payloads")) {
      for (Map.Entry<RowKey, Trace> e : traces.entrySet()) {
        TraceRows.append(t, tp, groupSeq, e.getKey(), e.getValue());
        touchedTraces.add(e.getKey().key());
      }
    }
    try (DuckDBAppender o = session.appender("observations");
        DuckDBAppender op = session.appender("observation_payloads")) {
      for (Map.Entry<RowKey, Observation> e : observations.entrySet()) {
        ObservationRows.append(o, op, groupSeq, e.getKey(), e.getValue());
        touchedTraces.add(RowKeys.of(e.getValue().projectId(), e.getValue().traceId()));
      }
    }
    try (DuckDBAppender w = session.appender("trace_writes")) {
      for (long traceKey : touchedTraces) w.beginRow().append(traceKey).append(groupSeq).endRow();
    }
    return new Written(groupSeq, keys(traces.keySet()), keys(observations.keySet()));
  }

  private static <T> List<Stored<T>> replaced(Collection<RowKey> changed, Map<RowKey, Stored<T>> stored) {
    List<Stored<T>> out = new ArrayList<>();
    for (RowKey k : changed) {
      Stored<T> s = stored.get(k);
      if (s != null) out.add(s);
    }
    return out;
  }

  /** Deletes replaced rows by rowid; their seqs let zone maps skip all other row groups. */
  private void delete(String table, String payloadTable, List<? extends Stored<?>> rows) throws SQLException {
    if (rows.isEmpty()) return;
    Set<Long> seqs = new HashSet<>(), rowids = new HashSet<>(), payloadRowids = new HashSet<>();
    for (Stored<?> s : rows) {
      seqs.add(s.seq());
      rowids.add(s.rowid());
      if (s.payloadRowid() != null) payloadRowids.add(s.payloadRowid());
    }
    deleteRows(table, seqs, rowids);
    deleteRows(payloadTable, seqs, payloadRowids);
  }

  private void deleteRows(String table, Set<Long> seqs, Set<Long> rowids) throws SQLException {
    if (rowids.isEmpty()) return;
    PreparedStatement ps = session.statement(
        "DELETE FROM " + table + " WHERE seq = ANY(?::BIGINT[]) AND rowid = ANY(?::BIGINT[])");
    ps.setArray(1, session.longs(seqs));
    ps.setArray(2, session.longs(rowids));
    int deleted = ps.executeUpdate();
    if (deleted != rowids.size()) {
      throw new SQLException("expected to delete " + rowids.size() + " rows of " + table + ", deleted " + deleted);
    }
  }

  private void rollback(Exception cause) {
    try {
      session.execute("ROLLBACK");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static Set<Long> keys(Collection<RowKey> keys) {
    Set<Long> out = new HashSet<>();
    for (RowKey k : keys) out.add(k.key());
    return out;
  }

  private record Written(long seq, Set<Long> traces, Set<Long> observations) {}
}
