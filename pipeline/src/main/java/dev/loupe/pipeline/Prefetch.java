package dev.loupe.pipeline;

import dev.loupe.pipeline.log.LogEntry;
import dev.loupe.pipeline.log.LogReader;
import dev.loupe.storage.ApplyThreads;
import dev.loupe.storage.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and decodes the next apply batch on a thread of its own while the applier stores the
 * current one, so decoding never waits for the store nor the store for decoding. The waiting batch
 * grows with what arrives during the store write, up to the batch bounds (overshot by at most one
 * record), so a slow store gets larger writes instead of a queue of small ones: a Kafka poll hands
 * out at most one fetch (about 1 MiB a partition), and a store like ClickHouse pays a fixed cost
 * per insert. Memory stays at two batches.
 */
final class Prefetch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Prefetch.class);
  private static final Duration POLL = Duration.ofMillis(200);

  /** Records read together, each with its rows or why they cannot be decoded. */
  record Batch(List<Item> items) {
    List<LogEntry> entries() {
      return items.stream().map(Item::entry).toList();
    }
  }

  /** One record and its rows; {@code rows} is null when it cannot be decoded ({@code failure}). */
  record Item(
      LogEntry entry, @Nullable WriteBatch rows, @Nullable IllegalArgumentException failure) {
    WriteBatch decoded() {
      if (rows == null) throw requireNonNullFailure();
      return rows;
    }

    private IllegalArgumentException requireNonNullFailure() {
      return failure != null ? failure : new IllegalArgumentException("not decoded");
    }
  }

  private final LogReader reader;
  private final int maxRecords;
  private final long maxBytes;
  private final Object lock = new Object();
  private List<Item> waiting = new ArrayList<>(); // guarded by lock
  private long waitingBytes; // guarded by lock
  private final Thread thread;
  private volatile boolean closed;
  private volatile @Nullable String error;
  private volatile boolean dead;

  Prefetch(LogReader reader, int maxRecords, long maxBytes) {
    this.reader = reader;
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.thread = ApplyThreads.named("loupe-apply-reader").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /**
   * The next batch: every record read and not yet taken, waiting up to 200 ms for one; null when
   * none came.
   */
  @Nullable Batch take() throws InterruptedException {
    synchronized (lock) {
      long deadline = System.nanoTime() + POLL.toNanos();
      while (waiting.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return null;
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      Batch batch = new Batch(waiting);
      waiting = new ArrayList<>();
      waitingBytes = 0;
      lock.notifyAll();
      return batch;
    }
  }

  /** The items whose partitions the reader still holds ({@link LogReader#owns}). */
  List<Item> owned(List<Item> items) {
    for (Item i : items) {
      if (!reader.owns(i.entry().partition())) {
        return items.stream().filter(x -> reader.owns(x.entry().partition())).toList();
      }
    }
    return items;
  }

  /** The store recorded these positions: the log may reclaim what is below them. */
  void applied(Map<Integer, Long> positions) {
    reader.applied(positions);
  }

  @Override
  public void close() {
    closed = true;
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.close();
  }

  /**
   * True when the reading thread stopped on an unexpected error (out of memory, a bug): what it
   * read but did not hand over is lost to this reader, so the applier starts a new one from its
   * recorded position.
   */
  boolean dead() {
    return dead;
  }

  /** Why the last read of the log failed (it is retried every second), or null. */
  @Nullable String error() {
    return error;
  }

  private void run() {
    try {
      while (!closed) {
        int records;
        long bytes;
        synchronized (lock) {
          if (waiting.size() >= maxRecords || waitingBytes >= maxBytes)
            lock.wait(POLL.toMillis()); // full: the store is busy; a take wakes this
          records = maxRecords - waiting.size();
          bytes = maxBytes - waitingBytes;
        }
        if (records <= 0 || bytes <= 0) {
          idle();
          continue;
        }
        List<LogEntry> entries;
        try {
          entries = reader.poll(records, bytes, POLL);
          error = null;
        } catch (RuntimeException e) {
          error = "cannot read the ingest log: " + e.getMessage();
          LOG.error("reading the ingest log failed; retrying in 1 s", e);
          Thread.sleep(1_000);
          continue;
        }
        if (entries.isEmpty()) continue;
        List<Item> items = new ArrayList<>(entries.size());
        long read = 0;
        for (LogEntry e : entries) {
          items.add(decode(e));
          read += e.bytes();
        }
        synchronized (lock) {
          waiting.addAll(items);
          waitingBytes += read;
          lock.notifyAll();
        }
      }
    } catch (InterruptedException e) {
      // closing
    } catch (Throwable e) { // out of memory, a bug: the applier starts over from its position
      error = "reading the ingest log stopped: " + e;
      dead = true;
      LOG.error("reading the ingest log stopped; the applier starts over from its position", e);
    }
  }

  /** Lets the reader keep its place while the applier is busy; its failures are retried. */
  private void idle() {
    try {
      reader.idle();
    } catch (RuntimeException e) {
      LOG.warn("the ingest log reader failed while waiting for the applier: {}", e.toString());
    }
  }

  private static Item decode(LogEntry e) {
    try {
      return new Item(e, e.batch(), null);
    } catch (IllegalArgumentException failure) {
      return new Item(
          e,
          null,
          new IllegalArgumentException(
              "cannot decode the ingest log record at partition "
                  + e.partition()
                  + " offset "
                  + e.offset()
                  + ": "
                  + failure.getMessage(),
              failure));
    }
  }
}
