package dev.loupe.storage.duckdb;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Completes rows read from the narrow tables with their payload columns: one query per table and list of rows,
 * narrowed by the rows' seqs. Rows without a payload row keep their payload fields null; order is kept.
 */
final class Payloads {
  /** Seq ranges per query over many traces. */
  static final int SLOTS = 16;

  private Payloads() {}

  /** Where a row version lives: its write group and identity. */
  record Where(long seq, String projectId, String id) {}

  static List<Trace> traces(Session s, List<Paged<Trace>> rows) throws SQLException {
    return inOrder(rows, load(s, rows, Table.TRACES, null, SLOTS), Table.TRACES);
  }

  static List<Observation> observations(Session s, List<Paged<Observation>> rows) throws SQLException {
    return inOrder(rows, load(s, rows, Table.OBSERVATIONS, null, SLOTS), Table.OBSERVATIONS);
  }

  /** Observations of one trace, all found within {@code slots} seq ranges by the trace's key. */
  static List<Observation> observationsOfTrace(Session s, List<Paged<Observation>> rows, long traceKey, int slots)
      throws SQLException {
    return inOrder(rows, load(s, rows, Table.OBSERVATIONS, traceKey, slots), Table.OBSERVATIONS);
  }

  /** Stored traces by where they live, payloads included. */
  static Map<Where, Trace> traceMap(Session s, List<Paged<Trace>> rows) throws SQLException {
    return load(s, rows, Table.TRACES, null, SLOTS);
  }

  /** Stored observations by where they live, payloads included. */
  static Map<Where, Observation> observationMap(Session s, List<Paged<Observation>> rows) throws SQLException {
    return load(s, rows, Table.OBSERVATIONS, null, SLOTS);
  }

  static Where where(Paged<Trace> r) {
    return Table.TRACES.where(r);
  }

  static Where whereOf(Paged<Observation> r) {
    return Table.OBSERVATIONS.where(r);
  }

  /** A payload table: its columns and how they complete a narrow row. */
  private interface Table<T> {
    Table<Trace> TRACES = new Table<>() {
      public String sql(String keyFilter, int slots) {
        return select(TraceRows.PAYLOAD_COLUMNS, "trace_payloads", keyFilter, slots);
      }

      public Trace complete(Trace narrow, ResultSet rs, int at) throws SQLException {
        return TraceRows.withPayload(narrow, rs, at);
      }

      public Where where(Paged<Trace> r) {
        return new Where(r.seq(), r.row().projectId(), r.row().id());
      }
    };
    Table<Observation> OBSERVATIONS = new Table<>() {
      public String sql(String keyFilter, int slots) {
        return select(ObservationRows.PAYLOAD_COLUMNS, "observation_payloads", keyFilter, slots);
      }

      public Observation complete(Observation narrow, ResultSet rs, int at) throws SQLException {
        return ObservationRows.withPayload(narrow, rs, at);
      }

      public Where where(Paged<Observation> r) {
        return new Where(r.seq(), r.row().projectId(), r.row().id());
      }
    };

    String sql(String keyFilter, int slots);

    T complete(T narrow, ResultSet rs, int at) throws SQLException;

    Where where(Paged<T> row);

    private static String select(String columns, String table, String keyFilter, int slots) {
      return "SELECT p.seq, p.project_id, p.id, " + columns + " FROM " + table + " p WHERE "
          + SeqRanges.sql("p.seq", slots) + " AND " + keyFilter;
    }
  }

  /**
   * @param traceKey when not null, all rows belong to this trace: filter on it rather than on the row keys
   */
  private static <T> Map<Where, T> load(Session s, List<Paged<T>> rows, Table<T> table, @Nullable Long traceKey,
      int slots) throws SQLException {
    Map<Where, T> out = new HashMap<>();
    if (rows.isEmpty()) return out;
    Set<Long> seqs = new HashSet<>(), keys = new HashSet<>();
    for (Paged<T> r : rows) {
      seqs.add(r.seq());
      keys.add(r.key());
    }
    PreparedStatement ps = s.statement(
        table.sql(traceKey == null ? "p.key = ANY(?::BIGINT[])" : "p.trace_key = ?", slots));
    int next = SeqRanges.of(seqs, slots).bind(ps, 1);
    if (traceKey == null) ps.setArray(next, s.longs(keys));
    else ps.setLong(next, traceKey);
    try (ResultSet rs = ps.executeQuery()) {
      Map<Where, Paged<T>> byWhere = new HashMap<>();
      for (Paged<T> r : rows) byWhere.put(table.where(r), r);
      while (rs.next()) {
        Where w = new Where(rs.getLong(1), rs.getString(2), rs.getString(3));
        Paged<T> r = byWhere.get(w);
        if (r != null) out.put(w, table.complete(r.row(), rs, 4));
      }
    }
    return out;
  }

  private static <T> List<T> inOrder(List<Paged<T>> rows, Map<Where, T> loaded, Table<T> table) {
    List<T> out = new ArrayList<>(rows.size());
    for (Paged<T> r : rows) out.add(loaded.getOrDefault(table.where(r), r.row()));
    return out;
  }
}
