package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store gives up DuckDB's worker threads only after a run of full-size groups, takes them back
 * after a run of smaller ones or when the writer idles, and queries that run while the count
 * changes answer as they would otherwise.
 */
class StoreThreadsTest {
  @TempDir Path dir;
  DuckDBConnection connection;
  Session session;

  @BeforeEach
  void open() throws SQLException {
    connection = Database.open(dir.resolve("loupe.duckdb"));
    session = new Session(connection);
    session.execute("SET threads = 4");
  }

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void beforeGroup_dropsToOneThreadAfterARunOfBacklogs_aCalmRunOrIdleGivesThemBack()
      throws Exception {
    StoreThreads threads = StoreThreads.of(session);

    for (int i = 1; i < StoreThreads.BUSY_GROUPS; i++) threads.beforeGroup(true);
    threads.beforeGroup(false); // caught up once: the run starts again
    for (int i = 1; i < StoreThreads.BUSY_GROUPS; i++) threads.beforeGroup(true);
    assertThat(setting()).isEqualTo(4);

    threads.beforeGroup(true);
    assertThat(setting()).isEqualTo(1);
    assertThat(threads.current()).isEqualTo(1);
    for (int i = 1; i < StoreThreads.BUSY_GROUPS; i++) threads.beforeGroup(false);
    threads.beforeGroup(true); // behind again: the calm run starts over
    for (int i = 1; i < StoreThreads.BUSY_GROUPS; i++) threads.beforeGroup(false);
    assertThat(setting()).isEqualTo(1);

    threads.beforeGroup(false); // caught up for a run of groups while ingest goes on
    assertThat(setting()).isEqualTo(4);

    for (int i = 0; i < StoreThreads.BUSY_GROUPS; i++) threads.beforeGroup(true);
    assertThat(setting()).isEqualTo(1);
    threads.idle(); // nothing to write: back at once
    assertThat(setting()).isEqualTo(4);
  }

  @Test
  void queriesWhileTheThreadCountChanges_answerTheSame() throws Exception {
    session.execute("CREATE TABLE t AS SELECT range AS v, range % 97 AS g FROM range(2000000)");
    String query = "SELECT g, count(*), sum(v), quantile_cont(v, 0.5) FROM t GROUP BY g ORDER BY g";
    List<String> expected = rows(connection, query);
    StoreThreads threads = StoreThreads.of(session);
    ExecutorService readers = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(
            readers.submit(
                () -> {
                  try (DuckDBConnection c = Database.duplicate(connection)) {
                    return rows(c, query);
                  }
                }));
      }
      for (int i = 0; i < 40; i++) {
        for (int b = 0; b < StoreThreads.BUSY_GROUPS; b++) threads.beforeGroup(true);
        threads.idle();
      }
      for (Future<List<String>> a : answers) assertThat(a.get()).isEqualTo(expected);
    } finally {
      readers.shutdownNow();
    }
  }

  private int setting() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('threads')::INTEGER")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<String> rows(DuckDBConnection c, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next())
        out.add(
            rs.getLong(1) + "," + rs.getLong(2) + "," + rs.getString(3) + "," + rs.getDouble(4));
    }
    return out;
  }
}
