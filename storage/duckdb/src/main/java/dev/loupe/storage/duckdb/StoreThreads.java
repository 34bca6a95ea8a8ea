package dev.loupe.storage.duckdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DuckDB's worker threads, given up while the writer is saturated and taken back once it has caught
 * up.
 *
 * <p>A write group's statements are mostly one task each (the loads' source runs on one thread),
 * but DuckDB hands tasks to its worker threads as readily as to the writer, and the writer then
 * spins on the scheduler's lock until the worker is done: perf put 16% of the writer thread's CPU
 * in {@code TaskScheduler::GetTaskFromProducer} and {@code Executor::IdleState} under the flat-out
 * bench, and the worker thread took another 9% of the server's CPU for work the writer could have
 * done itself. With one thread (no workers) the server spent 9-24% less CPU per span in four
 * back-to-back pairs (RATIONALE.md). Dashboard queries need the workers, though: with one thread
 * the 10M-generation queries ran 2-2.7 times slower. So the store runs with all its threads, and
 * only while the writer is handed full-size groups ({@link #BUSY_GROUPS} in a row: the applier is
 * behind, ingest beyond what it applies, when the cores are what ingest is short of) does it drop
 * to one; as many smaller groups in a row (caught up while ingest goes on) or a second with nothing
 * to write give them back. Owned by the writer thread; the setting itself is DuckDB's, for all
 * connections.
 */
final class StoreThreads {
  /**
   * Consecutive full-size groups before the workers are given up, and smaller ones before they come
   * back.
   */
  static final int BUSY_GROUPS = 8;

  private static final Logger LOG = LoggerFactory.getLogger(StoreThreads.class);

  private final Session session;
  private final int all;
  private int current;
  private int busyGroups;
  private int calmGroups;

  private StoreThreads(Session session, int all) {
    this.session = session;
    this.all = all;
    this.current = all;
  }

  /** The policy for the store {@code session} writes to, starting from its current setting. */
  static StoreThreads of(Session session) throws SQLException {
    try (Statement s = session.connection().createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('threads')::INTEGER")) {
      rs.next();
      return new StoreThreads(session, Math.max(1, rs.getInt(1)));
    }
  }

  /**
   * Before each group: {@code backlog} when the group is as large as a caller that is behind sends.
   */
  void beforeGroup(boolean backlog) {
    if (backlog) {
      calmGroups = 0;
      if (++busyGroups >= BUSY_GROUPS && current != 1) set(1);
    } else {
      busyGroups = 0;
      // caught up and staying so (ingest went on, moderate): the queries get their threads back
      if (++calmGroups >= BUSY_GROUPS && current != all) set(all);
    }
  }

  /** The writer had nothing to do for a while: every thread back for the queries. */
  void idle() {
    busyGroups = 0;
    calmGroups = 0;
    if (current != all) set(all);
  }

  /** DuckDB's thread count now, as this policy set it. */
  int current() {
    return current;
  }

  private void set(int threads) {
    try {
      session.execute("SET threads = " + threads);
      LOG.info(
          threads == 1
              ? "the writer is saturated: DuckDB runs on 1 thread (was {}) until it catches up"
              : "the writer caught up: DuckDB runs on {} threads again",
          threads == 1 ? current : threads);
      current = threads;
    } catch (SQLException e) {
      LOG.warn("DuckDB threads not set to {}: {}", threads, e.getMessage());
    }
  }
}
