package dev.loupe.storage.duckdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store gives up while the writer is saturated, and takes back once it has caught up:
 * DuckDB's worker threads and the vacuum of row groups at checkpoints.
 *
 * <p>Worker threads: a write group's statements are mostly one task each (the loads' source runs on
 * one thread), but DuckDB hands tasks to its worker threads as readily as to the writer, and the
 * writer then spins on the scheduler's lock until the worker is done: perf put 16% of the writer
 * thread's CPU in {@code TaskScheduler::GetTaskFromProducer} and {@code Executor::IdleState} under
 * the flat-out bench. With one thread (no workers) the server spent 9-24% less CPU per span in four
 * back-to-back pairs (RATIONALE.md). Dashboard queries need the workers, though: with one thread
 * the 10M-generation queries ran 2-2.7 times slower.
 *
 * <p>Vacuum: DuckDB checkpoints inside the commit that crosses its WAL threshold, and each
 * checkpoint leaves the tables' last row groups part full (the next appends start new ones); with
 * vacuum on, the next checkpoint merges those with the new ones, scanning and compressing them
 * again. Under the flat-out load that merge was half of the checkpoint's CPU (perf: 16% of the
 * writer thread's samples in {@code VacuumTask}) and the commit stage 2-3 us per span dearer. Off,
 * part-full row groups and deleted rows stay until a checkpoint after the writer caught up merges
 * them: at most one part-full group per table and saturated checkpoint.
 *
 * <p>Both are given up only while the writer is handed full-size groups ({@link #BUSY_GROUPS} in a
 * row: the applier is behind, ingest beyond what it applies, when the cores are what ingest is
 * short of); as many smaller groups in a row (caught up while ingest goes on) or a second with
 * nothing to write give them back. Owned by the writer thread; the settings themselves are
 * DuckDB's, for all connections.
 */
final class BacklogMode {
  /**
   * Consecutive full-size groups before the store gives its extras up, and smaller ones before they
   * come back.
   */
  static final int BUSY_GROUPS = 8;

  private static final Logger LOG = LoggerFactory.getLogger(BacklogMode.class);

  private final Session session;
  private final int threads;
  private final long vacuumTasks;
  private boolean on;
  private int busyGroups;
  private int calmGroups;

  private BacklogMode(Session session, int threads, long vacuumTasks) {
    this.session = session;
    this.threads = threads;
    this.vacuumTasks = vacuumTasks;
  }

  /** The policy for the store {@code session} writes to, starting from its current settings. */
  static BacklogMode of(Session session) throws SQLException {
    try (Statement s = session.connection().createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('threads')::INTEGER,"
                    + " current_setting('max_vacuum_tasks')::BIGINT")) {
      rs.next();
      return new BacklogMode(session, Math.max(1, rs.getInt(1)), rs.getLong(2));
    }
  }

  /**
   * Before each group: {@code backlog} when the group is as large as a caller that is behind sends.
   */
  void beforeGroup(boolean backlog) {
    if (backlog) {
      calmGroups = 0;
      if (++busyGroups >= BUSY_GROUPS && !on) set(true);
    } else {
      busyGroups = 0;
      // caught up and staying so (ingest went on, moderate): the queries get their threads back
      if (++calmGroups >= BUSY_GROUPS && on) set(false);
    }
  }

  /** The writer had nothing to do for a while: everything back at once. */
  void idle() {
    busyGroups = 0;
    calmGroups = 0;
    if (on) set(false);
  }

  /** Whether the store runs saturated now: one thread, no vacuum. */
  boolean on() {
    return on;
  }

  private void set(boolean saturated) {
    try {
      session.execute("SET threads = " + (saturated ? 1 : threads));
      session.execute("SET max_vacuum_tasks = " + (saturated ? 0 : vacuumTasks));
      on = saturated;
      if (saturated) {
        LOG.info(
            "the writer is saturated: DuckDB runs on 1 thread (was {}) and without vacuum until it"
                + " catches up",
            threads);
      } else {
        LOG.info("the writer caught up: DuckDB runs on {} threads with vacuum again", threads);
      }
    } catch (SQLException e) {
      LOG.warn("DuckDB settings for saturation={} not applied: {}", saturated, e.getMessage());
    }
  }
}
