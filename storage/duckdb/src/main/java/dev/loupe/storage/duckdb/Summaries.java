package dev.loupe.storage.duckdb;

import dev.loupe.model.Times;
import dev.loupe.model.Trace;
import dev.loupe.storage.TraceSummary;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A page of a trace list: each listed rollup's figures ({@link TraceSearch#FIGURES}) with its trace
 * row (found by the row's seq) and its observations' ids in trace order (unless the query goes
 * without them), a query for each for the whole page. Run inside one read transaction, so the three
 * reads see the same data.
 */
final class Summaries {
  private static final String TRACES =
      TraceRows.SELECT
          + " WHERE "
          + SeqRanges.sql("t.seq", SeqRanges.SLOTS)
          + " AND t.key = ANY(?::BIGINT[])";
  private static final String OBSERVATION_IDS =
      "SELECT o.project_id, o.trace_id, o.id, epoch_us(o.start_time) FROM observations o WHERE "
          + SeqRanges.sql("o.seq", SeqRanges.SLOTS)
          + " AND o.trace_key = ANY(?::BIGINT[])";

  /** A listed rollup as {@link TraceSearch#FIGURES} reads it. */
  record Figures(
      RowKey trace,
      long traceSeq,
      @Nullable BigDecimal cost,
      @Nullable Duration latency,
      long tokens,
      long errors,
      long unpriced) {
    static Figures read(String projectId, ResultSet rs, int at) throws SQLException {
      long first = rs.getLong(at + 4);
      Duration latency =
          rs.wasNull()
              ? null
              : Duration.between(
                  Times.fromEpochMicros(first), Times.fromEpochMicros(rs.getLong(at + 5)));
      return new Figures(
          new RowKey(projectId, rs.getString(at + 1), rs.getLong(at)),
          rs.getLong(at + 2),
          rs.getBigDecimal(at + 3),
          latency,
          rs.getLong(at + 6),
          rs.getLong(at + 7),
          rs.getLong(at + 8));
    }
  }

  private Summaries() {}

  /** The page's summaries; without {@code observationIds}, their id lists are left empty. */
  static List<TraceSummary> of(
      Session s, List<Figures> page, PayloadLog payloads, boolean observationIds)
      throws SQLException {
    if (page.isEmpty()) return List.of();
    Set<Long> keys = new HashSet<>(), traceSeqs = new HashSet<>();
    for (Figures f : page) {
      keys.add(f.trace().key());
      traceSeqs.add(f.traceSeq());
    }
    Map<RowKey, Trace> traces = new HashMap<>();
    PreparedStatement ps = s.statement(TRACES);
    ps.setArray(SeqRanges.of(traceSeqs, SeqRanges.SLOTS).bind(ps, 1), s.longs(keys));
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Trace t = TraceRows.decode(rs, 1, payloads);
        traces.put(RowKey.of(t), t);
      }
    }
    Map<RowKey, List<Entry>> ids = observationIds ? observationIds(s, keys) : Map.of();
    List<TraceSummary> out = new ArrayList<>(page.size());
    for (Figures f : page) {
      Trace t = traces.get(f.trace());
      if (t == null) throw new SQLException("trace " + f.trace().id() + " has no stored row");
      List<Entry> entries = ids.getOrDefault(f.trace(), new ArrayList<>());
      entries.sort(
          Comparator.comparingLong(Entry::startMicros).thenComparing(Entry::id, TraceOrder.TEXT));
      out.add(
          new TraceSummary(
              t,
              entries.stream().map(Entry::id).toList(),
              f.cost() == null ? BigDecimal.ZERO : Decimals.fromColumn(f.cost()),
              f.latency(),
              f.tokens(),
              f.errors(),
              f.unpriced()));
    }
    return out;
  }

  /** The ids and start times of the traces' observations, by trace. */
  private static Map<RowKey, List<Entry>> observationIds(Session s, Set<Long> keys)
      throws SQLException {
    Map<RowKey, List<Entry>> out = new HashMap<>();
    Set<Long> seqs = new HashSet<>();
    TraceWrites.seqs(s, keys).values().forEach(seqs::addAll);
    if (seqs.isEmpty()) return out;
    PreparedStatement ps = s.statement(OBSERVATION_IDS);
    ps.setArray(SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1), s.longs(keys));
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.computeIfAbsent(RowKey.of(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
            .add(new Entry(rs.getLong(4), rs.getString(3)));
      }
    }
    return out;
  }

  private record Entry(long startMicros, String id) {}
}
