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

/** Adds the payload columns to a page of rows read from the narrow tables: one query, pruned by the rows' seqs. */
final class Payloads {
  private static final String TRACES = "SELECT p.seq, p.project_id, p.id, " + TraceRows.PAYLOAD_COLUMNS
      + " FROM trace_payloads p WHERE p.seq = ANY(?::BIGINT[]) AND p.key = ANY(?::BIGINT[])";
  private static final String OBSERVATIONS = "SELECT p.seq, p.project_id, p.id, "
      + ObservationRows.PAYLOAD_COLUMNS
      + " FROM observation_payloads p WHERE p.seq = ANY(?::BIGINT[]) AND p.key = ANY(?::BIGINT[])";

  private Payloads() {}

  static List<Trace> traces(Session s, List<Paged<Trace>> rows) throws SQLException {
    Map<Where, Trace> complete = new HashMap<>();
    if (!rows.isEmpty()) {
      Map<Where, Trace> narrow = new HashMap<>();
      for (Paged<Trace> r : rows) narrow.put(new Where(r.seq(), r.row().projectId(), r.row().id()), r.row());
      try (ResultSet rs = query(s, TRACES, rows)) {
        while (rs.next()) {
          Where w = new Where(rs.getLong(1), rs.getString(2), rs.getString(3));
          Trace t = narrow.get(w);
          if (t != null) complete.put(w, TraceRows.withPayload(t, rs, 4));
        }
      }
    }
    List<Trace> out = new ArrayList<>(rows.size());
    for (Paged<Trace> r : rows) {
      out.add(complete.getOrDefault(new Where(r.seq(), r.row().projectId(), r.row().id()), r.row()));
    }
    return out;
  }

  static List<Observation> observations(Session s, List<Paged<Observation>> rows) throws SQLException {
    Map<Where, Observation> complete = new HashMap<>();
    if (!rows.isEmpty()) {
      Map<Where, Observation> narrow = new HashMap<>();
      for (Paged<Observation> r : rows) narrow.put(new Where(r.seq(), r.row().projectId(), r.row().id()), r.row());
      try (ResultSet rs = query(s, OBSERVATIONS, rows)) {
        while (rs.next()) {
          Where w = new Where(rs.getLong(1), rs.getString(2), rs.getString(3));
          Observation o = narrow.get(w);
          if (o != null) complete.put(w, ObservationRows.withPayload(o, rs, 4));
        }
      }
    }
    List<Observation> out = new ArrayList<>(rows.size());
    for (Paged<Observation> r : rows) {
      out.add(complete.getOrDefault(new Where(r.seq(), r.row().projectId(), r.row().id()), r.row()));
    }
    return out;
  }

  private static ResultSet query(Session s, String sql, List<? extends Paged<?>> rows) throws SQLException {
    Set<Long> seqs = new HashSet<>(), keys = new HashSet<>();
    for (Paged<?> r : rows) {
      seqs.add(r.seq());
      keys.add(r.key());
    }
    PreparedStatement ps = s.statement(sql);
    ps.setArray(1, s.longs(seqs));
    ps.setArray(2, s.longs(keys));
    return ps.executeQuery();
  }

  /** Where a row version lives: its write group and identity. */
  private record Where(long seq, String projectId, String id) {}
}
