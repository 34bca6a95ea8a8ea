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

  /** The next batch, waiting up to {@code millis}; null when none came. */
  @Nullable Batch poll(long millis) throws InterruptedException {
    return ready.poll(millis, TimeUnit.MILLISECONDS);
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
        while (!closed && !ready.offer(batch, POLL.toMillis(), TimeUnit.MILLISECONDS)) {}
      }
    } catch (InterruptedException e) {
      // closing
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
