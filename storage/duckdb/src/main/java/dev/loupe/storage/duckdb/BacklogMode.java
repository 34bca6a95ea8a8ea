package dev.loupe.storage.duckdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;
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
 * nothing to write give the threads back. Vacuum comes back later: with a second with nothing to
 * write, or after {@link #VACUUM_CALM_NANOS} without saturation. A load near the writer's pace goes
 * in and out of saturation every few seconds, and when vacuum came back with the threads, the next
 * checkpoint merged every part-full row group inside a busy commit: one of 1.2-2.6 s after each
 * return, the tail of the visible delay at 30k spans/s. Owned by the writer thread; the settings
 * themselves are DuckDB's, for all connections.
 */
final class BacklogMode {
  /**
   * Consecutive full-size groups before the store gives its extras up, and smaller ones before they
   * come back.
   */
  static final int BUSY_GROUPS = 8;

  /**
   * Calm (not saturated) this long while ingest goes on, vacuum comes back; idle, at once. Not with
   * the threads: the first checkpoint with vacuum merges every part-full row group the saturated
   * ones left, and inside a busy commit that held the writer 1.2-2.6 s (RATIONALE.md).
   */
  static final long VACUUM_CALM_NANOS = 60_000_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(BacklogMode.class);

  private final Session session;
  private final int threads;
  private final long vacuumTasks;
  private final LongSupplier nanoTime;
  private boolean on;
  private boolean vacuumOff;
  private long calmSince;
  private int busyGroups;
  private int calmGroups;

  private BacklogMode(Session session, int threads, long vacuumTasks, LongSupplier nanoTime) {
    this.session = session;
    this.threads = threads;
    this.vacuumTasks = vacuumTasks;
    this.nanoTime = nanoTime;
  }

  /** The policy for the store {@code session} writes to, starting from its current settings. */
  static BacklogMode of(Session session) throws SQLException {
    return of(session, System::nanoTime);
  }

  /** As {@link #of(Session)}, timed by {@code nanoTime}. */
  static BacklogMode of(Session session, LongSupplier nanoTime) throws SQLException {
    try (Statement s = session.connection().createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('threads')::INTEGER,"
                    + " current_setting('max_vacuum_tasks')::BIGINT")) {
      rs.next();
      return new BacklogMode(session, Math.max(1, rs.getInt(1)), rs.getLong(2), nanoTime);
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
      // and vacuum once the calm has lasted: a load near the writer's pace goes in and out of
      // saturation every few seconds, and each return of vacuum cost a long commit
      if (!on && vacuumOff && nanoTime.getAsLong() - calmSince >= VACUUM_CALM_NANOS) vacuum(true);
    }
  }

  /** The writer had nothing to do for a while: everything back at once. */
  void idle() {
    busyGroups = 0;
    calmGroups = 0;
    if (on) set(false);
    if (vacuumOff) vacuum(true);
  }

  /** Whether the store runs saturated now: one thread, no vacuum. */
  boolean on() {
    return on;
  }

  private void set(boolean saturated) {
    try {
      session.execute("SET threads = " + (saturated ? 1 : threads));
      on = saturated;
      if (saturated) {
        LOG.info(
            "the writer is saturated: DuckDB runs on 1 thread (was {}) and without vacuum until it"
                + " catches up",
            threads);
        if (!vacuumOff) vacuum(false);
      } else {
        calmSince = nanoTime.getAsLong();
        LOG.info(
            "the writer caught up: DuckDB runs on {} threads again (vacuum after {} s of calm or"
                + " when idle)",
            threads,
            VACUUM_CALM_NANOS / 1_000_000_000L);
      }
    } catch (SQLException e) {
      LOG.warn("DuckDB settings for saturation={} not applied: {}", saturated, e.getMessage());
    }
  }

  private void vacuum(boolean enabled) {
    try {
      session.execute("SET max_vacuum_tasks = " + (enabled ? vacuumTasks : 0));
      vacuumOff = !enabled;
      if (enabled) LOG.info("vacuum of part-full row groups is back");
    } catch (SQLException e) {
      LOG.warn("DuckDB vacuum setting {} not applied: {}", enabled, e.getMessage());
    }
  }
}
