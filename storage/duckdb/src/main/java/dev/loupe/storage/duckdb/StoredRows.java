package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the stored versions of rows a write group may update, inside the writer's transaction. Rows
 * are looked for in the groups ({@code seq}s) that wrote their trace, which zone maps turn into a
 * few row groups; an observation not found there (moved to another trace, or a key filter false
 * positive) is looked for by key over the whole table.
 */
final class StoredRows {
  private static final String TRACES =
      TraceRows.SELECT
          + " WHERE "
          + SeqRanges.sql("t.seq", SeqRanges.SLOTS)
          + " AND t.key = ANY(?::BIGINT[])";
  private static final String IN_SEQS =
      " WHERE " + SeqRanges.sql("o.seq", SeqRanges.SLOTS) + " AND o.key = ANY(?::BIGINT[])";
  private static final String ANYWHERE = " WHERE o.key = ANY(?::BIGINT[])";

  /** By their records: 7 columns read instead of 31 ({@link SchemaV11}). */
  private static final String RECORDS =
      "SELECT " + ObservationRows.RECORD_COLUMNS + ObservationRows.FROM;

  private static final String RECORDS_IN_SEQS = RECORDS + IN_SEQS;
  private static final String RECORDS_ANYWHERE = RECORDS + ANYWHERE;
  private static final String OBSERVATIONS_IN_SEQS = ObservationRows.SELECT + IN_SEQS;
  private static final String OBSERVATIONS_ANYWHERE = ObservationRows.SELECT + ANYWHERE;

  private final Session session;
  private final long recordsFrom;
  private final PayloadLog payloads;

  /** Seqs per trace key read so far: traces and their observations share them. */
  private final Map<Long, Set<Long>> seqsByTrace = new HashMap<>();

  /**
   * @param recordsFrom the first write group whose observations' records have a row part ({@link
   *     SchemaV11#recordsFrom}): rows of earlier groups are read by their columns at once
   */
  StoredRows(Session session, PayloadLog payloads, long recordsFrom) {
    this.recordsFrom = recordsFrom;
    this.session = session;
    this.payloads = payloads;
  }

  /** The stored traces among {@code keys}. */
  Map<RowKey, Stored<Trace>> traces(Collection<RowKey> keys) throws SQLException {
    if (keys.isEmpty()) return Map.of();
    Set<Long> hashes = hashes(keys);
    Set<Long> seqs = seqsOf(hashes);
    if (seqs.isEmpty()) return Map.of();
    PreparedStatement ps = session.statement(TRACES);
    ps.setArray(SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1), session.longs(hashes));
    Map<RowKey, Stored<Trace>> out = new HashMap<>();
    read(ps, keys, rs -> TraceRows.decode(rs, 1, payloads), out, new HashSet<>());
    return out;
  }

  /**
   * The stored observations among {@code keys}.
   *
   * @param traceKeys the keys of the traces the incoming rows name, where the stored rows most
   *     likely are
   */
  Map<RowKey, Stored<Observation>> observations(Collection<RowKey> keys, Collection<Long> traceKeys)
      throws SQLException {
    if (keys.isEmpty()) return Map.of();
    Map<RowKey, Stored<Observation>> found = new HashMap<>();
    Set<Long> seqs = seqsOf(traceKeys);
    if (!seqs.isEmpty()) {
      SeqRanges ranges = SeqRanges.of(seqs, SeqRanges.SLOTS);
      observations(
          RECORDS_IN_SEQS,
          OBSERVATIONS_IN_SEQS,
          (ps, hashes) -> ps.setArray(ranges.bind(ps, 1), hashes),
          keys,
          Collections.min(seqs) >= recordsFrom,
          found);
    }
    Set<RowKey> missing = new HashSet<>(keys);
    missing.removeAll(found.keySet());
    if (!missing.isEmpty()) {
      observations(
          RECORDS_ANYWHERE,
          OBSERVATIONS_ANYWHERE,
          (ps, hashes) -> ps.setArray(1, hashes),
          missing,
          true,
          found);
    }
    return found;
  }

  private interface Bind {
    /** Binds the query's parameters, {@code keys} the row key hashes to look for. */
    void bind(PreparedStatement ps, Array keys) throws SQLException;
  }

  /**
   * Adds the stored rows among {@code keys}: by their records ({@code records}, over {@link
   * ObservationRows#RECORD_COLUMNS}) when {@code tryRecords}, and those without a row part (or all,
   * when not) by their columns ({@code columns}, over {@link ObservationRows#COLUMNS}).
   */
  private void observations(
      String records,
      String columns,
      Bind bind,
      Collection<RowKey> keys,
      boolean tryRecords,
      Map<RowKey, Stored<Observation>> found)
      throws SQLException {
    Set<RowKey> byColumns = new HashSet<>();
    if (tryRecords) {
      PreparedStatement ps = session.statement(records);
      bind.bind(ps, session.longs(hashes(keys)));
      read(ps, keys, rs -> ObservationRows.decodeRecord(rs, 1, payloads), found, byColumns);
    } else {
      byColumns.addAll(keys);
    }
    if (byColumns.isEmpty()) return;
    PreparedStatement ps = session.statement(columns);
    bind.bind(ps, session.longs(hashes(byColumns)));
    read(ps, byColumns, rs -> ObservationRows.decode(rs, 1, payloads), found, new HashSet<>());
  }

  private interface Decoder<T> {
    /** The row; null when it must be read by its columns instead (no row part in its record). */
    @Nullable T decode(ResultSet rs) throws SQLException;
  }

  /**
   * Adds the rows of {@code ps} (columns seq, key, project_id, id, ...) that are {@code wanted};
   * rows that only share a key are skipped before their payload is read. A row the decoder cannot
   * read goes to {@code byColumns}.
   */
  private static <T> void read(
      PreparedStatement ps,
      Collection<RowKey> wanted,
      Decoder<T> decoder,
      Map<RowKey, Stored<T>> found,
      Set<RowKey> byColumns)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        RowKey k = new RowKey(rs.getString(3), rs.getString(4), rs.getLong(2));
        if (!wanted.contains(k)) continue;
        T row = decoder.decode(rs);
        if (row == null) byColumns.add(k);
        else found.put(k, new Stored<>(row, rs.getLong(1)));
      }
    }
  }

  private static Set<Long> hashes(Collection<RowKey> keys) {
    Set<Long> out = new HashSet<>();
    for (RowKey k : keys) out.add(k.key());
    return out;
  }

  /** The seqs of every group that wrote these traces; each trace's are read once per group. */
  private Set<Long> seqsOf(Collection<Long> traceKeys) throws SQLException {
    Set<Long> unread = new HashSet<>(traceKeys);
    unread.removeAll(seqsByTrace.keySet());
    if (!unread.isEmpty()) {
      Map<Long, Set<Long>> read = TraceWrites.seqs(session, unread);
      for (long k : unread) seqsByTrace.put(k, read.getOrDefault(k, Set.of()));
    }
    Set<Long> out = new HashSet<>();
    for (long k : traceKeys) out.addAll(seqsByTrace.get(k));
    return out;
  }
}
