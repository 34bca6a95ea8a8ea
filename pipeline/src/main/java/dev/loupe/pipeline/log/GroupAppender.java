package dev.loupe.pipeline.log;

import dev.loupe.storage.ApplyThreads;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.files.AppendFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;

/**
 * The {@link SegmentLog}'s group commit: callers queue encoded records and wait; one thread takes
 * everything queued (up to {@link #MAX_GROUP_BYTES}), numbers the records, writes them with one
 * gathering write, forces the segment once, publishes the new end to readers and answers the
 * callers. While a group syncs, the next one gathers. A failed write or sync cuts the group's bytes
 * off again and fails its callers; the next group starts from the last durable byte.
 */
final class GroupAppender {
  static final int MAX_GROUP_BYTES = 16 << 20;
  private static final Pending STOP = new Pending(new byte[0]);

  private final SegmentLog log;
  private final long rollBytes;
  private final SegmentLog.Opener opener;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final CRC32C crc = new CRC32C();
  private final ByteBuffer prefix = ByteBuffer.allocate(SegmentScan.PREFIX);
  private Segment tail;
  private AppendFile file;
  private volatile boolean closed;

  GroupAppender(
      SegmentLog log, long rollBytes, SegmentLog.Opener opener, Segment tail, AppendFile file) {
    this.log = log;
    this.rollBytes = rollBytes;
    this.opener = opener;
    this.tail = tail;
    this.file = file;
    this.thread = ApplyThreads.named("loupe-ingest-log").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Appends one record and waits until it is durable; returns its offset. */
  long append(byte[] record) {
    Pending p = new Pending(record);
    if (closed) throw SegmentLog.closed();
    queue.add(p);
    try {
      while (true) {
        try {
          return p.done.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          if (!thread.isAlive()) p.done.completeExceptionally(SegmentLog.closed());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for the ingest log", e, true);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LogFullException full)
        throw new LogFullException(full.getMessage(), full);
      if (e.getCause() instanceof StorageException s)
        throw new StorageException(s.getMessage(), s, true);
      throw new StorageException("ingest log append failed: " + e.getCause(), e.getCause(), true);
    }
  }

  /** Starts a new, empty segment at {@code base} (before the thread starts). */
  void rollTo(long base) throws IOException {
    roll(base);
    log.end = base;
  }

  void close() {
    closed = true;
    queue.add(STOP);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Pending p; (p = queue.poll()) != null; ) p.done.completeExceptionally(SegmentLog.closed());
    try {
      file.close();
    } catch (IOException e) {
      SegmentLog.LOG.warn("closing the ingest log failed", e);
    }
  }

  private void run() {
    try {
      for (boolean stop = false; !stop; ) {
        Pending first = queue.take();
        List<Pending> group = new ArrayList<>();
        stop = first == STOP;
        if (!stop) group.add(first);
        long bytes = first.record.length;
        for (Pending next; !stop && bytes < MAX_GROUP_BYTES && (next = queue.peek()) != null; ) {
          queue.poll();
          if (next == STOP) stop = true;
          else {
            group.add(next);
            bytes += next.record.length;
          }
        }
        if (!group.isEmpty()) write(group);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      SegmentLog.LOG.error("the ingest log's appender stopped; appends are refused", e);
    } finally {
      closed = true;
      for (Pending p; (p = queue.poll()) != null; )
        p.done.completeExceptionally(SegmentLog.closed());
    }
  }

  /** Writes and syncs one group, then answers its callers. */
  private void write(List<Pending> group) {
    long durable = tail.size();
    long first = log.end;
    try {
      long bytes = 0;
      for (Pending p : group) bytes += SegmentScan.HEADER + SegmentScan.PREFIX + p.record.length;
      if (durable > 0 && durable + bytes > rollBytes) {
        roll(first);
        durable = 0;
      }
      long millis = System.currentTimeMillis();
      for (int i = 0; i < group.size(); i++) append(first + i, millis, group.get(i).record);
      file.force();
      tail.size(durable + bytes);
      log.appendTimes.put(first, millis);
      log.end = first + group.size();
      log.appendedRecords.addAndGet(group.size());
      log.appendedBytes.addAndGet(bytes);
      log.syncs.incrementAndGet();
      log.error = null;
      log.signal();
      for (int i = 0; i < group.size(); i++) group.get(i).done.complete(first + i);
    } catch (IOException | RuntimeException e) {
      StorageException failure = failure(e, group.size());
      log.error = failure.getMessage();
      SegmentLog.LOG.warn("{}", failure.getMessage());
      cutBack(durable);
      for (Pending p : group) p.done.completeExceptionally(failure);
    }
  }

  /** Appends one record: its header (length, checksum), its prefix (offset, millis), its body. */
  private void append(long offset, long millis, byte[] record) throws IOException {
    prefix.clear();
    prefix.putLong(offset).putLong(millis);
    crc.reset();
    crc.update(prefix.array(), 0, SegmentScan.PREFIX);
    crc.update(record);
    file.appendInt(SegmentScan.PREFIX + record.length);
    file.appendInt((int) crc.getValue());
    file.append(prefix.array(), 0, SegmentScan.PREFIX);
    file.append(record, 0, record.length);
  }

  /**
   * Closes the tail (already synced) and starts a new segment whose first record is {@code base}.
   */
  private void roll(long base) throws IOException {
    Path path = log.dir.resolve(Segment.name(base));
    AppendFile next = opener.open(path);
    try {
      SegmentLog.syncDirectory(log.dir);
    } catch (IOException e) {
      next.close();
      throw e;
    }
    file.close();
    file = next;
    tail = new Segment(base, path, 0);
    log.segments.put(base, tail);
  }

  /** Removes a failed group's bytes, so that the next group follows the last durable record. */
  private void cutBack(long durable) {
    try {
      file.cutTo(durable);
    } catch (IOException e) {
      // the next group writes from the durable end anyway; stale bytes past a later end are cut on
      // open (they are not whole records following the last one)
      SegmentLog.LOG.debug("ingest log: cutting back a failed write failed: {}", e.getMessage());
    }
  }

  private StorageException failure(Exception e, int records) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String what = " (" + records + " appends in " + log.dir + "); nothing of them was acknowledged";
    if (why.contains("No space left") || why.contains("quota"))
      return new LogFullException(
          "ingest log: no space left on device" + what + ", retry later", e);
    return new StorageException("ingest log write failed: " + why + what, e, true);
  }

  private static final class Pending {
    final byte[] record;
    final CompletableFuture<Long> done = new CompletableFuture<>();

    Pending(byte[] record) {
      this.record = record;
    }
  }
}
