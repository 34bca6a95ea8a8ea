package dev.loupe.storage.duckdb;

import dev.loupe.model.Saturating;
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
 * What a trace list shows about each trace's observations: their ids in trace order, the exact
 * total cost, the latency, the total tokens and the error count, from the narrow table only, for a
 * whole page in one query.
 */
final class Summaries {
  private static final String OBSERVATIONS =
      "SELECT o.project_id, o.trace_id, o.id, epoch_us(o.start_time),"
          + " epoch_us(coalesce(o.end_time, o.start_time)), o.total_cost,"
          + " o.total_tokens, o.level = 'ERROR', o.cost_source = 'NO_PRICE' FROM observations o"
          + " WHERE "
          + SeqRanges.sql("o.seq", SeqRanges.SLOTS)
          + " AND o.trace_key = ANY(?::BIGINT[])";

  private Summaries() {}

  static List<TraceSummary> of(Session s, List<Trace> traces) throws SQLException {
    Map<RowKey, Summary> byTrace = new HashMap<>();
    for (Trace t : traces) byTrace.put(RowKey.of(t), new Summary());
    Set<Long> keys = new HashSet<>();
    byTrace.keySet().forEach(k -> keys.add(k.key()));
    Set<Long> seqs = new HashSet<>();
    TraceWrites.seqs(s, keys).values().forEach(seqs::addAll);
    if (!seqs.isEmpty()) {
      PreparedStatement ps = s.statement(OBSERVATIONS);
      ps.setArray(SeqRanges.of(seqs, SeqRanges.SLOTS).bind(ps, 1), s.longs(keys));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Summary summary = byTrace.get(RowKey.of(rs.getString(1), rs.getString(2)));
          if (summary != null)
            summary.add(
                rs.getString(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getBigDecimal(6),
                rs.getLong(7),
                rs.getBoolean(8),
                rs.getBoolean(9));
        }
      }
    }
    List<TraceSummary> out = new ArrayList<>(traces.size());
    for (Trace t : traces) out.add(byTrace.get(RowKey.of(t)).toSummary(t));
    return out;
  }

  /** One trace's observations; ids are put in trace order (start time, then id) at the end. */
  private static final class Summary {
    final List<Entry> entries = new ArrayList<>();
    BigDecimal cost = BigDecimal.ZERO;
    long start = Long.MAX_VALUE, end = Long.MIN_VALUE;
    long tokens, errors, unpriced;

    void add(
        String id,
        long startMicros,
        long endMicros,
        @Nullable BigDecimal totalCost,
        long totalTokens,
        boolean error,
        boolean noPrice) {
      entries.add(new Entry(startMicros, id));
      tokens = Saturating.add(tokens, totalTokens);
      if (error) errors++;
      if (noPrice) unpriced++;
      if (totalCost != null) cost = cost.add(totalCost);
      start = Math.min(start, startMicros);
      end = Math.max(end, endMicros);
    }

    TraceSummary toSummary(Trace t) {
      entries.sort(
          Comparator.comparingLong(Entry::startMicros).thenComparing(Entry::id, TraceOrder.TEXT));
      Duration latency =
          entries.isEmpty()
              ? null
              : Duration.between(Times.fromEpochMicros(start), Times.fromEpochMicros(end));
      return new TraceSummary(
          t,
          entries.stream().map(Entry::id).toList(),
          Decimals.fromColumn(cost),
          latency,
          tokens,
          errors,
          unpriced);
    }
  }

  private record Entry(long startMicros, String id) {}
}
