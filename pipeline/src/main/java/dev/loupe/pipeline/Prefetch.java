package dev.loupe.pipeline;

import dev.loupe.pipeline.log.LogEntry;
import dev.loupe.pipeline.log.LogReader;
import dev.loupe.storage.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and decodes the next apply batch on a thread of its own while the applier stores the
 * current one, so decoding never waits for the store nor the store for decoding. At most one batch
 * waits decoded: memory stays at two batches.
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
  private final ArrayBlockingQueue<Batch> ready = new ArrayBlockingQueue<>(1);
  private final Thread thread;
  private volatile boolean closed;
  private volatile @Nullable String error;
  private volatile boolean dead;

  Prefetch(LogReader reader, int maxRecords, long maxBytes) {
    this.reader = reader;
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.thread = Thread.ofPlatform().name("loupe-apply-reader").daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** The next batch, waiting up to 200 ms; null when none came. */
  @Nullable Batch take() throws InterruptedException {
    return ready.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
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
        List<LogEntry> entries;
        try {
          entries = reader.poll(maxRecords, maxBytes, POLL);
          error = null;
        } catch (RuntimeException e) {
          error = "cannot read the ingest log: " + e.getMessage();
          LOG.error("reading the ingest log failed; retrying in 1 s", e);
          Thread.sleep(1_000);
          continue;
        }
        if (entries.isEmpty()) continue;
        List<Item> items = new ArrayList<>(entries.size());
        for (LogEntry e : entries) items.add(decode(e));
        Batch batch = new Batch(items);
        while (!closed && !ready.offer(batch, POLL.toMillis(), TimeUnit.MILLISECONDS)) idle();
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
