package dev.loupe.storage.duckdb;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A filter on {@code seq} covering a set of write groups with at most {@code slots} ranges, so that
 * DuckDB's zone maps skip every row group outside them (a plain range filter is cheaper than {@code
 * = ANY(list)}, which becomes a join). When there are more runs of consecutive seqs than slots, the
 * smallest gaps are bridged.
 */
final class SeqRanges {
  /** Ranges per query over many traces. */
  static final int SLOTS = 16;

  private final long[] from;
  private final long[] to;

  private SeqRanges(long[] from, long[] to) {
    this.from = from;
    this.to = to;
  }

  static SeqRanges of(Collection<Long> seqs, int slots) {
    if (seqs.isEmpty()) throw new IllegalArgumentException("seqs is empty");
    List<long[]> runs = new ArrayList<>();
    for (long s : new TreeSet<>(seqs)) {
      long[] last = runs.isEmpty() ? null : runs.getLast();
      if (last != null && s == last[1] + 1) last[1] = s;
      else runs.add(new long[] {s, s});
    }
    while (runs.size() > slots) {
      int best = 0;
      for (int i = 1; i < runs.size() - 1; i++) {
        if (runs.get(i + 1)[0] - runs.get(i)[1] < runs.get(best + 1)[0] - runs.get(best)[1])
          best = i;
      }
      runs.get(best)[1] = runs.remove(best + 1)[1];
    }
    long[] from = new long[slots], to = new long[slots];
    for (int i = 0; i < slots; i++) {
      long[] r = runs.get(Math.min(i, runs.size() - 1));
      from[i] = r[0];
      to[i] = r[1];
    }
    return new SeqRanges(from, to);
  }

  /** {@code (column BETWEEN ? AND ? OR ...)} with one pair of placeholders per slot. */
  static String sql(String column, int slots) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < slots; i++)
      sb.append(i == 0 ? "" : " OR ").append(column).append(" BETWEEN ? AND ?");
    return sb.append(')').toString();
  }

  /** Binds the ranges from position {@code first}; returns the next free position. */
  int bind(PreparedStatement ps, int first) throws SQLException {
    int i = first;
    for (int k = 0; k < from.length; k++) {
      ps.setLong(i++, from[k]);
      ps.setLong(i++, to[k]);
    }
    return i;
  }
}
