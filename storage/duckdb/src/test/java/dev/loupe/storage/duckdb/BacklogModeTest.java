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
 * The store gives up DuckDB's worker threads and vacuum only after a run of full-size groups, takes
 * them back after a run of smaller ones or when the writer idles, checkpoints while it is saturated
 * leave part-full row groups that the first checkpoint after it merges, and queries that run while
 * the settings change answer as they would otherwise.
 */
class BacklogModeTest {
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
    long vacuumBefore = vacuumTasks();
    assertThat(vacuumBefore).isPositive();
    BacklogMode mode = BacklogMode.of(session);

    for (int i = 1; i < BacklogMode.BUSY_GROUPS; i++) mode.beforeGroup(true);
    mode.beforeGroup(false); // caught up once: the run starts again
    for (int i = 1; i < BacklogMode.BUSY_GROUPS; i++) mode.beforeGroup(true);
    assertThat(setting()).isEqualTo(4);

    mode.beforeGroup(true);
    assertThat(setting()).isEqualTo(1);
    assertThat(vacuumTasks()).isZero();
    assertThat(mode.on()).isTrue();
    for (int i = 1; i < BacklogMode.BUSY_GROUPS; i++) mode.beforeGroup(false);
    mode.beforeGroup(true); // behind again: the calm run starts over
    for (int i = 1; i < BacklogMode.BUSY_GROUPS; i++) mode.beforeGroup(false);
    assertThat(setting()).isEqualTo(1);

    mode.beforeGroup(false); // caught up for a run of groups while ingest goes on: the threads
    assertThat(setting()).isEqualTo(4);
    assertThat(vacuumTasks()).isZero(); // not yet vacuum: only after a lasting calm

    for (int i = 0; i < BacklogMode.BUSY_GROUPS; i++) mode.beforeGroup(true);
    assertThat(setting()).isEqualTo(1);
    mode.idle(); // nothing to write: back at once
    assertThat(setting()).isEqualTo(4);
    assertThat(vacuumTasks()).isEqualTo(vacuumBefore);
  }

  @Test
  void beforeGroup_vacuumComesBackAfterALastingCalm_notEachTimeTheWriterCatchesUp()
      throws Exception {
    long vacuumBefore = vacuumTasks();
    long[] now = {0};
    BacklogMode mode = BacklogMode.of(session, () -> now[0]);
    for (int round = 0; round < 5; round++) { // in and out of saturation every few seconds
      for (int i = 0; i < BacklogMode.BUSY_GROUPS; i++) mode.beforeGroup(true);
      assertThat(mode.on()).isTrue();
      for (int i = 0; i < BacklogMode.BUSY_GROUPS; i++) {
        now[0] += 500_000_000L;
        mode.beforeGroup(false);
      }
      assertThat(mode.on()).isFalse();
      assertThat(setting()).isEqualTo(4);
      assertThat(vacuumTasks()).as("round %d", round).isZero();
    }
    now[0] += BacklogMode.VACUUM_CALM_NANOS - 1;
    mode.beforeGroup(false);
    assertThat(vacuumTasks()).isZero(); // calm since the last catch-up, not yet long enough
    now[0] += 1;
    mode.beforeGroup(false);
    assertThat(vacuumTasks()).isEqualTo(vacuumBefore);
  }

  @Test
  void checkpointsWhileSaturated_leavePartFullRowGroups_theFirstCheckpointAfterMergesThem()
      throws Exception {
    session.execute("CREATE TABLE t (a BIGINT, b VARCHAR)");
    BacklogMode mode = BacklogMode.of(session);
    for (int i = 0; i < BacklogMode.BUSY_GROUPS; i++) mode.beforeGroup(true);
    for (int i = 0; i < 5; i++) appendAndCheckpoint(i);
    assertThat(rowGroups()).isEqualTo(5); // a part-full row group per checkpoint

    mode.idle();
    appendAndCheckpoint(5);
    assertThat(rowGroups()).isLessThanOrEqualTo(2);
    assertThat(count("SELECT count(*) FROM t")).isEqualTo(6 * 3_000L);
    assertThat(count("SELECT count(DISTINCT a) FROM t")).isEqualTo(6 * 3_000L);
  }

  @Test
  void withoutTheMode_checkpointsMergePartFullRowGroupsAsTheyGo() throws Exception {
    session.execute("CREATE TABLE t (a BIGINT, b VARCHAR)");
    for (int i = 0; i < 5; i++) appendAndCheckpoint(i);
    assertThat(rowGroups()).isLessThanOrEqualTo(2);
  }

  private void appendAndCheckpoint(int round) throws SQLException {
    session.execute(
        "INSERT INTO t SELECT " + round * 3_000 + " + range, 'row ' || range FROM range(3000)");
    session.execute("CHECKPOINT");
  }

  private long rowGroups() throws SQLException {
    return count("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('t')");
  }

  private long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long vacuumTasks() throws SQLException {
    return count("SELECT current_setting('max_vacuum_tasks')::BIGINT");
  }

  @Test
  void queriesWhileTheSettingsChange_answerTheSame() throws Exception {
    session.execute("CREATE TABLE t AS SELECT range AS v, range % 97 AS g FROM range(2000000)");
    String query = "SELECT g, count(*), sum(v), quantile_cont(v, 0.5) FROM t GROUP BY g ORDER BY g";
    List<String> expected = rows(connection, query);
    BacklogMode mode = BacklogMode.of(session);
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
        for (int b = 0; b < BacklogMode.BUSY_GROUPS; b++) mode.beforeGroup(true);
        mode.idle();
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
