package dev.loupe.storage.duckdb;

import dev.loupe.storage.ApplyThreads;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit. {@link #accept} queues the batch and waits; one writer thread takes everything
 * queued (up to {@link #MAX_GROUP_ROWS}), writes it in one transaction, commits, and only then
 * completes the waiting callers. While a group commits, the next one gathers, so the cost of a
 * commit is shared by all callers that arrive during it; a batch that makes the group's transaction
 * fail fails alone (see {@link #commit}). When the writer has been idle for a while it checkpoints,
 * which frees the memory the WAL held, and compacts the payload log ({@link PayloadCompaction}): a
 * closed segment at most half live each idle period; while busy, one at most a tenth live a minute
 * at most, so the copy (26 MiB at most, ~0.2-0.3 s) stays a short pause of the writer. While the
 * writer is saturated, DuckDB runs without its worker threads and vacuum ({@link BacklogMode}).
 */
final class GroupCommitter {
  static final int MAX_GROUP_ROWS = 16_384;
  private static final long IDLE_CHECKPOINT_MILLIS = 5_000;

  /** A group of at least this many rows was a backlog ({@link BacklogMode}). */
  private static final int BACKLOG_ROWS = MAX_GROUP_ROWS / 4;

  /** Idle this long, the store gets its worker threads and vacuum back ({@link BacklogMode}). */
  private static final long IDLE_THREADS_MILLIS = 1_000;

  private static final double COMPACT_IDLE_SHARE = 0.5;
  private static final double COMPACT_BUSY_SHARE = 0.1;
  private static final long COMPACT_BUSY_NANOS = 60_000_000_000L;

  /** How long a retired payload segment stays for reads that found its rows before they moved. */
  static final java.time.Duration RETIRED_GRACE = java.time.Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final GroupWriter writer;
  private final Session session;
  private final PayloadCompaction compaction;
  private final Thread thread;
  private final CompletableFuture<@Nullable Void> ready = new CompletableFuture<>();

  /** Written since compaction last found nothing to do. */
  private boolean compactable = true;

  private long lastCompaction = System.nanoTime();
  private volatile boolean closed;
  private boolean dirty;
  private volatile long groups;
  private @Nullable BacklogMode backlog;

  GroupCommitter(GroupWriter writer, Session session, PayloadCompaction compaction) {
    this.writer = writer;
    this.session = session;
    this.compaction = compaction;
    this.thread = ApplyThreads.named("loupe-duckdb-writer").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Stores the batch durably, its merged observations through {@code onMerge}. */
  void accept(WriteBatch batch, MergeHook onMerge) {
    if (batch.isEmpty()) return;
    Request request = new Request(batch, onMerge, new CompletableFuture<>());
    if (closed) throw new StorageException("storage is closed", null);
    queue.add(request);
    try {
      while (!request.done.isDone()) {
        try {
          request.done.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          if (!thread.isAlive()) request.fail(new StorageException("storage is closed", null));
        }
      }
      request.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the write to commit", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StorageException se) {
        throw new StorageException(se.getMessage(), se, se.overCapacity());
      }
      throw new StorageException("write failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Completes once the writer has loaded what it needs (its key filters) and takes writes. */
  CompletableFuture<@Nullable Void> ready() {
    return ready;
  }

  /** Batches waiting for the writer. */
  int queued() {
    return queue.size();
  }

  /** Groups committed so far. */
  long groups() {
    return groups;
  }

  WriterStats stats() {
    return writer.stats();
  }

  boolean isRunning() {
    return thread.isAlive() && !closed;
  }

  /** Stops taking batches, commits what is queued, then stops the writer thread. */
  void close() {
    closed = true;
    queue.add(Request.STOP);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Request r; (r = queue.poll()) != null; )
      r.fail(new StorageException("storage is closed", null));
  }

  private void run() {
    try {
      try {
        writer.prepare();
        backlog = BacklogMode.of(session);
      } finally {
        ready.complete(null); // writes may go ahead (or fail as the writer does)
      }
      long idleMillis = 0;
      for (boolean stop = false; !stop; ) {
        Request first = queue.poll(IDLE_THREADS_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (backlog != null) backlog.idle();
          idleMillis += IDLE_THREADS_MILLIS;
          if (idleMillis >= IDLE_CHECKPOINT_MILLIS) {
            idleMillis = 0;
            checkpointIfDirty();
            compact(COMPACT_IDLE_SHARE);
          }
          continue;
        }
        idleMillis = 0;
        List<Request> group = new ArrayList<>();
        stop = first == Request.STOP;
        if (!stop) group.add(first);
        int rows = first.batch.size();
        for (Request next; !stop && rows < MAX_GROUP_ROWS && (next = queue.peek()) != null; ) {
          queue.poll();
          if (next == Request.STOP) stop = true;
          else {
            group.add(next);
            rows += next.batch.size();
          }
        }
        // the applier hands over what waits in the log, one batch at a time: a full-size group
        // means it is behind (at a sustained 15k spans/s, which it keeps up with, groups are ~1.5k
        // rows)
        if (backlog != null) backlog.beforeGroup(rows >= BACKLOG_ROWS);
        if (!group.isEmpty()) commit(group);
        if (System.nanoTime() - lastCompaction > COMPACT_BUSY_NANOS) compact(COMPACT_BUSY_SHARE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (SQLException | RuntimeException e) {
      LOG.error("the writer cannot start; writes are refused", e);
    } finally {
      // the checkpoint on close merges what saturated checkpoints left part full
      if (backlog != null) backlog.idle();
      closed = true;
      for (Request r; (r = queue.poll()) != null; )
        r.fail(new StorageException("storage is closed", null));
    }
  }

  /**
   * Writes the group in one transaction. When that transaction fails (a row the appender or the
   * database refuses), nothing of it is stored, and each of its batches is written again alone, in
   * arrival order: only a batch that fails by itself gets an error, and the others are stored and
   * acknowledged as if they had never met it.
   */
  private void commit(List<Request> group) {
    List<GroupWriter.Write> batches = new ArrayList<>(group.size());
    for (Request r : group) batches.add(new GroupWriter.Write(r.batch, r.onMerge));
    try {
      List<@Nullable RuntimeException> failures = writer.write(batches);
      dirty = true;
      compactable = true;
      groups++;
      for (int i = 0; i < group.size(); i++) {
        RuntimeException f = failures.get(i);
        if (f == null) group.get(i).done.complete(null);
        else group.get(i).fail(new StorageException("batch not stored: " + f.getMessage(), f));
      }
    } catch (SQLException | RuntimeException e) {
      if (group.size() > 1) {
        LOG.warn("write group of {} batches failed; writing them one by one", group.size(), e);
        for (Request r : group) commit(List.of(r));
      } else {
        LOG.warn("write failed", e);
        group.get(0).fail(new StorageException("write failed: " + e.getMessage(), e));
      }
    }
  }

  /** One compaction step when something was written since the last found nothing; never throws. */
  private void compact(double maxLiveShare) {
    lastCompaction = System.nanoTime();
    try {
      if (compactable) {
        PayloadCompaction.Step step = compaction.step(maxLiveShare);
        if (step.segment() == 0) compactable = false;
        else
          LOG.debug(
              "payload segment {} ({} bytes) compacted: {} live records, {} bytes copied",
              step.segment(),
              step.segmentBytes(),
              step.copiedRecords(),
              step.copiedBytes());
      }
      compaction.deleteRetired();
    } catch (SQLException | java.io.IOException | RuntimeException e) {
      LOG.warn("payload log compaction skipped: {}", e.getMessage());
    }
  }

  private void checkpointIfDirty() {
    if (!dirty) return;
    try {
      session.execute("CHECKPOINT");
      dirty = false;
    } catch (SQLException e) {
      LOG.debug("idle checkpoint skipped: {}", e.getMessage());
    }
  }

  private record Request(
      WriteBatch batch, MergeHook onMerge, CompletableFuture<@Nullable Void> done) {
    static final Request STOP =
        new Request(WriteBatch.of(List.of(), List.of()), MergeHook.NONE, new CompletableFuture<>());

    void fail(StorageException e) {
      done.completeExceptionally(e);
    }
  }
}
