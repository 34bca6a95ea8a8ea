package dev.loupe.storage.duckdb;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code trace_writes} directory: the write groups (seqs) that touched each trace, found by its
 * index on {@code key} ({@link SchemaV9}).
 */
final class TraceWrites {
  private static final String SEQS_BY_KEYS =
      "SELECT key, seq FROM trace_writes WHERE key = ANY(?::BIGINT[])";

  /** One key by equality: the index answers it in half the time of a one-element list. */
  private static final String SEQS_BY_KEY = "SELECT key, seq FROM trace_writes WHERE key = ?";

  private TraceWrites() {}

  /**
   * The seqs of every group that wrote rows of these traces, by trace key; absent keys were never
   * written.
   */
  static Map<Long, Set<Long>> seqs(Session s, Collection<Long> traceKeys) throws SQLException {
    Map<Long, Set<Long>> out = new HashMap<>();
    if (traceKeys.isEmpty()) return out;
    PreparedStatement ps;
    if (traceKeys.size() == 1) {
      ps = s.statement(SEQS_BY_KEY);
      ps.setLong(1, traceKeys.iterator().next());
    } else {
      ps = s.statement(SEQS_BY_KEYS);
      ps.setArray(1, s.longs(traceKeys));
    }
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getLong(2));
    }
    return out;
  }
}
