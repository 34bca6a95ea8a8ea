package dev.loupe.storage.duckdb;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * Opens the database file. The file is attached to an in-memory DuckDB as catalog {@value #CATALOG}
 * so that it can carry its own row group size: small row groups let zone maps narrow a trace lookup
 * to a few thousand rows.
 */
final class Database {
  static final String CATALOG = "loupe";

  /** Rows per row group; a multiple of DuckDB's vector size (2048). DuckDB's default is 122,880. */
  static final int ROW_GROUP_SIZE = 16_384;

  /**
   * DuckDB's buffer pool; beyond it, DuckDB spills to {@code loupe.duckdb.tmp}. Its default is 80%
   * of RAM. 1 GB once ran out on a 10M-generation dashboard query that overlapped the writer's
   * start-up key scan (quantile and hash-join state cannot spill); 2 GB did not.
   */
  static final String MEMORY_LIMIT = "2GB";

  /**
   * WAL size that triggers a checkpoint at commit; the writer also checkpoints when idle. The
   * commit that checkpoints holds the writer, and what it writes grows with the WAL: at 128 MB a
   * sustained 15k spans/s saw reads wait up to a second behind it (visible p99 754-1,060 ms), at 16
   * MB 307-377 ms for the same CPU per span; 4 MB checkpoints too often to keep up at 20k
   * (RATIONALE).
   */
  static final String CHECKPOINT_THRESHOLD = "16MB";

  private Database() {}

  static DuckDBConnection open(Path file) throws SQLException {
    DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute(
          "ATTACH '"
              + file.toString().replace("'", "''")
              + "' AS "
              + CATALOG
              + " (ROW_GROUP_SIZE "
              + ROW_GROUP_SIZE
              + ")");
      s.execute("USE " + CATALOG);
      s.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
      s.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** Another connection to the same database, in autocommit, using the Loupe catalog. */
  static DuckDBConnection duplicate(DuckDBConnection database) throws SQLException {
    DuckDBConnection c = database.duplicate();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("USE " + CATALOG);
    }
    return c;
  }
}
