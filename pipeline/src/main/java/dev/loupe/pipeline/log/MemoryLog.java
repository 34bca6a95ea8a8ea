package dev.loupe.pipeline.log;

import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * An ingest log in memory, for in-memory storage (nothing survives the process, so nothing needs to
 * reach a disk). It keeps the encoded records, like the {@link SegmentLog}, so every record passes
 * through the {@link RecordCodec} on both; applied records are dropped. One partition. Thread-safe.
 */
public final class MemoryLog implements IngestLog {
  private final Deque<LogEntry> records = new ArrayDeque<>(); // guarded by this
  private long end; // guarded by this
  private long appendedRecords; // guarded by this
  private long appendedBytes; // guarded by this
  private boolean closed; // guarded by this

  @Override
  public String name() {
    return SegmentLog.NAME;
  }

  @Override
  public Appended append(WriteBatch batch) {
    if (batch.size() == 0) return new Appended(Map.of(), 0);
    byte[] record = RecordCodec.encode(batch);
    synchronized (this) {
      if (closed) throw new StorageException("the ingest log is closed", null, true);
      long offset = end++;
      records.addLast(new LogEntry(0, offset, Instant.now(), record));
      appendedRecords++;
      appendedBytes += record.length;
      notifyAll();
      return new Appended(Map.of(0, offset), record.length);
    }
  }

  @Override
  public LogReader reader(IntToLongFunction start) {
    return new Reader(start.applyAsLong(0));
  }

  @Override
  public synchronized Map<Integer, Long> end() {
    return Map.of(0, end);
  }

  @Override
  public synchronized Lag lag(Map<Integer, Long> applied) {
    long next = applied.getOrDefault(0, 0L);
    if (next >= end) return Lag.NONE;
    for (LogEntry e : records) {
      if (e.offset() >= next) {
        return new Lag(end - next, Duration.between(e.appendedAt(), Instant.now()).abs());
      }
    }
    return new Lag(end - next, Duration.ZERO);
  }

  @Override
  public synchronized LogState state() {
    return new LogState(0, 0, appendedRecords, appendedBytes, appendedRecords, 0, 0, 0, null);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "MemoryLog{}";
  }

  private final class Reader implements LogReader {
    private long next;

    Reader(long start) {
      this.next = start;
    }

    @Override
    public List<LogEntry> poll(int maxRecords, long maxBytes, Duration wait)
        throws InterruptedException {
      long deadline = System.nanoTime() + wait.toNanos();
      synchronized (MemoryLog.this) {
        while (next >= end) {
          long left = deadline - System.nanoTime();
          if (left <= 0) return List.of();
          MemoryLog.this.wait(Math.max(1, left / 1_000_000));
        }
        List<LogEntry> out = new ArrayList<>();
        long bytes = 0;
        for (LogEntry e : records) {
          if (e.offset() < next) continue;
          if (out.size() >= maxRecords || (bytes >= maxBytes && !out.isEmpty())) break;
          out.add(e);
          bytes += e.bytes();
        }
        if (!out.isEmpty()) next = out.getLast().offset() + 1;
        return out;
      }
    }

    @Override
    public void applied(Map<Integer, Long> positions) {
      Long applied = positions.get(0);
      if (applied == null) return;
      synchronized (MemoryLog.this) {
        while (!records.isEmpty() && records.peekFirst().offset() < applied) records.pollFirst();
      }
    }

    @Override
    public void close() {}
  }
}
