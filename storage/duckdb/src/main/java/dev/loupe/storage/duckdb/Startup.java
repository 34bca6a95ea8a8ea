package dev.loupe.storage.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** State the writer rebuilds from the file on open. */
final class Startup {
  private Startup() {}

  /**
   * A key filter over every key of {@code table} ("traces" or "observations"), with room to grow.
   */
  static KeyFilter keyFilter(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      long count;
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        count = rs.getLong(1);
      }
      KeyFilter filter = new KeyFilter(Math.max(1 << 20, count * 2));
      try (ResultSet rs = s.executeQuery("SELECT key FROM " + table)) {
        while (rs.next()) filter.add(rs.getLong(1));
      }
      return filter;
    }
  }

  /** The last write group's seq; seqs only grow. */
  static long lastSeq(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM trace_writes")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
