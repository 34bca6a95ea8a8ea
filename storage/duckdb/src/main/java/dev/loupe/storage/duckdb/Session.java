package dev.loupe.storage.duckdb;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB connection with its prepared statements cached by SQL text. Used by one thread at a
 * time; callers close the result sets they open but never the cached statements.
 */
final class Session implements AutoCloseable {
  private static final int MAX_STATEMENTS = 64;

  private final DuckDBConnection connection;
  private final Map<String, PreparedStatement> statements =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() <= MAX_STATEMENTS) return false;
          closeQuietly(eldest.getValue());
          return true;
        }
      };

  Session(DuckDBConnection connection) {
    this.connection = connection;
  }

  DuckDBConnection connection() {
    return connection;
  }

  /**
   * The cached statement for this SQL, parameters cleared. One the driver closed (it does when a
   * table function of ours failed while the statement ran) is prepared again.
   */
  PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    } else {
      ps.clearParameters();
    }
    return ps;
  }

  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  Array longs(Collection<Long> values) throws SQLException {
    return connection.createArrayOf("BIGINT", values.toArray(Long[]::new));
  }

  Array strings(Collection<String> values) throws SQLException {
    return connection.createArrayOf("VARCHAR", values.toArray(String[]::new));
  }

  @Override
  public void close() {
    statements.values().forEach(Session::closeQuietly);
    statements.clear();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing: nothing left to do with it
    }
  }

  private static void closeQuietly(PreparedStatement ps) {
    try {
      ps.close();
    } catch (SQLException ignored) {
      // closing: nothing left to do with it
    }
  }
}
