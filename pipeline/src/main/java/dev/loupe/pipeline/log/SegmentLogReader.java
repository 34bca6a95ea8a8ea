package dev.loupe.pipeline.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link SegmentLog} from an offset, segment after segment, up to the durable end of the
 * segment being written, skipping corrupt bytes with an error logged (see {@link SegmentScan}).
 */
final class SegmentLogReader implements LogReader {
  private final SegmentLog log;
  private final long start;
  private Segment segment;
  private @Nullable FileChannel channel;
  private SegmentScan scan;
  private boolean backlogNoted;

  SegmentLogReader(SegmentLog log, long start) {
    this.log = log;
    this.start = start;
    Map.Entry<Long, Segment> from = log.segments.floorEntry(start);
    if (from == null) {
      from = log.segments.firstEntry();
      SegmentLog.LOG.warn(
          "ingest log: the store applied up to offset {}, but the oldest record kept is at {};"
              + " reading from there",
          start,
          from.getKey());
    }
    this.segment = from.getValue();
    this.scan = open(segment);
  }

  @Override
  public List<LogEntry> poll(int maxRecords, long maxBytes, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    List<LogEntry> out = new ArrayList<>();
    long bytes = 0;
    try {
      while (out.size() < maxRecords && bytes < maxBytes) {
        long signals = log.signals();
        Segment following = next();
        long limit = segment.size();
        long before = scan.lastOffset();
        SegmentScan.Found f = scan.next(limit);
        if (f != null) {
          if (scan.skipped() > 0)
            corrupt(f.position() - scan.skipped(), f.position(), before, f.offset());
          if (f.offset() < start) continue;
          out.add(
              new LogEntry(0, f.offset(), Instant.ofEpochMilli(f.appendedAtMillis()), f.record()));
          bytes += f.record().length;
          noteBacklog(f);
          continue;
        }
        if (scan.position() < limit) {
          corrupt(scan.position(), limit, before, -1);
          scan.skipTo(limit);
        }
        if (following != null) {
          segment = following;
          scan = open(following);
          continue;
        }
        if (!out.isEmpty()) break;
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        log.awaitSignal(signals, Math.max(1, left / 1_000_000));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the ingest log " + segment + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public void applied(Map<Integer, Long> positions) {
    Long next = positions.get(0);
    if (next != null) log.compact(next);
  }

  @Override
  public void close() {
    closeChannel();
  }

  private @Nullable Segment next() {
    Map.Entry<Long, Segment> e = log.segments.higherEntry(segment.base);
    return e == null ? null : e.getValue();
  }

  private SegmentScan open(Segment s) {
    closeChannel();
    try {
      channel = FileChannel.open(s.file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open ingest log segment " + s.file, e);
    }
    return new SegmentScan(channel, 0, s.base - 1);
  }

  private void closeChannel() {
    if (channel == null) return;
    try {
      channel.close();
    } catch (IOException ignored) {
      // read-only: nothing to lose
    }
    channel = null;
  }

  /** The records found at open have no group time yet: the first one read stands for them. */
  private void noteBacklog(SegmentScan.Found f) {
    if (backlogNoted) return;
    backlogNoted = true;
    log.appendTimes.putIfAbsent(f.offset(), f.appendedAtMillis());
  }

  private void corrupt(long from, long to, long lastOffset, long nextOffset) {
    log.corruptBytes.addAndGet(to - from);
    SegmentLog.LOG.error(
        "ingest log {}: bytes {} to {} are corrupt (not whole records, or their checksum does not"
            + " match) and were skipped; {}",
        segment.file,
        from,
        to,
        nextOffset < 0
            ? "no whole record follows in this segment"
            : "the records after offset " + lastOffset + " and before " + nextOffset + " are lost");
  }
}
