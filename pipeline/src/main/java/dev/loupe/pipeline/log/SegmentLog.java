package dev.loupe.pipeline.log;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.files.AppendFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ingest log: one partition of segment files in a directory ({@code
 * LOUPE_DATA_DIR/ingest-log/}), named by the offset of their first record ({@code
 * 00000000000000000000.log}, ...), rolled at {@link #ROLL_BYTES}. A record is {@code [int
 * length][int CRC32C of the body][body]}, the body {@code [long offset][long appended-at
 * millis][RecordCodec bytes]}.
 *
 * <p>Appends are group-committed: callers encode their record on their own thread and queue it; one
 * appender thread writes everything queued, forces it to disk once, then answers them all ({@link
 * GroupAppender}). Outcomes:
 *
 * <ul>
 *   <li><b>Full disk</b>: the group's appends fail with {@link LogFullException} (503, retry
 *       later); its bytes are cut off again, so what was acknowledged before is intact, and the
 *       next append succeeds once there is room. {@link LogState#error()} says why meanwhile.
 *   <li><b>Torn tail</b> (a crash during a write): on open, the last segment is cut after its last
 *       whole record. Those bytes were never synced, so never acknowledged.
 *   <li><b>Corrupt record</b> before whole ones (bad sector, bit rot): readers skip to the next
 *       whole record, log an error naming the file, the bytes and the offsets that follow, and
 *       count the bytes ({@link LogState#corruptBytes()}). The records in those bytes are lost
 *       either way; stopping would stop all ingest behind them.
 * </ul>
 *
 * <p>Compaction: when the applier reports its recorded position ({@link LogReader#applied}, after
 * each apply batch), every segment whose records are all below it is deleted; the segment being
 * written is kept.
 *
 * <pre>{@code
 * try (SegmentLog log = SegmentLog.open(dataDir.resolve("ingest-log"), storedNextOffset)) {
 *   log.append(priced); // durable
 * }
 * }</pre>
 */
public final class SegmentLog implements IngestLog {
  /** Size after which the next group starts a new segment. */
  public static final long ROLL_BYTES = 64L << 20;

  /** The name appliers record positions under. */
  public static final String NAME = "ingest";

  static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);
  private static final Pattern SEGMENT = Pattern.compile("\\d{20}\\.log");

  /** Write buffer of the segment being appended: a group is written in pieces of this size. */
  static final int WRITE_BUFFER = 1 << 20;

  /**
   * Opens the file a segment is appended through, at its current end (tests inject faults here).
   */
  interface Opener {
    AppendFile open(Path file) throws IOException;

    Opener FILES = file -> AppendFile.open(file, WRITE_BUFFER);
  }

  final Path dir;
  final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();

  /** First offset of each group synced (and of the backlog found at open) → its append millis. */
  final ConcurrentSkipListMap<Long, Long> appendTimes = new ConcurrentSkipListMap<>();

  final AtomicLong appendedRecords = new AtomicLong();
  final AtomicLong appendedBytes = new AtomicLong();
  final AtomicLong syncs = new AtomicLong();
  final AtomicLong compactedSegments = new AtomicLong();
  final AtomicLong compactedBytes = new AtomicLong();
  final AtomicLong corruptBytes = new AtomicLong();
  volatile @Nullable String error;

  private long signals; // guarded by this

  /** The offset the next record gets; raised after each sync. */
  volatile long end;

  private final GroupAppender appender;

  private SegmentLog(
      Path dir, long rollBytes, Opener opener, Segment tail, AppendFile file, long end) {
    this.dir = dir;
    this.end = end;
    this.appender = new GroupAppender(this, rollBytes, opener, tail, file);
  }

  /**
   * Opens (creating when needed) the log in {@code dir}, cutting a torn tail, and starts its
   * appender.
   *
   * @param nextOffsetAtLeast the highest position the store recorded for this log: when the log
   *     ends below it (its files were lost or replaced), numbering continues from it, so new
   *     records are never taken for applied ones
   * @throws UncheckedIOException when the directory or its files cannot be used
   */
  public static SegmentLog open(Path dir, long nextOffsetAtLeast) {
    return open(dir, nextOffsetAtLeast, ROLL_BYTES, Opener.FILES);
  }

  static SegmentLog open(Path dir, long nextOffsetAtLeast, long rollBytes, Opener opener) {
    requireNonNull(dir, "dir");
    try {
      boolean fresh = !Files.isDirectory(dir);
      Files.createDirectories(dir);
      if (fresh && dir.toAbsolutePath().getParent() != null)
        syncDirectory(dir.toAbsolutePath().getParent());
      ConcurrentSkipListMap<Long, Segment> found = list(dir);
      long base = found.isEmpty() ? nextOffsetAtLeast : found.lastKey();
      Path file = dir.resolve(Segment.name(base));
      AppendFile out = opener.open(file);
      long end;
      long size;
      try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
        SegmentScan scan = new SegmentScan(reader, 0, base - 1);
        long length = reader.size();
        while (scan.next(length) != null) {}
        size = scan.position();
        end = scan.lastOffset() + 1;
        if (size < length) {
          if (!AppendFile.onlyPadding(reader, size))
            LOG.warn(
                "ingest log {}: cut a torn tail of {} bytes after offset {} (never acknowledged)",
                file,
                length - size,
                end - 1);
          out.cutTo(size);
          out.force();
        }
      } catch (IOException | RuntimeException e) {
        out.close();
        throw e;
      }
      Segment tail = new Segment(base, file, size);
      found.put(base, tail);
      syncDirectory(dir);
      SegmentLog log = new SegmentLog(dir, rollBytes, opener, tail, out, end);
      log.segments.putAll(found);
      if (end < nextOffsetAtLeast) {
        LOG.warn(
            "ingest log {} ends at offset {} but the store applied up to {}: its records were"
                + " lost or replaced; numbering continues from {}",
            dir,
            end,
            nextOffsetAtLeast,
            nextOffsetAtLeast);
        log.appender.rollTo(nextOffsetAtLeast);
      }
      log.appender.start();
      return log;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the ingest log in " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Appended append(WriteBatch batch) {
    if (batch.size() == 0) return new Appended(Map.of(), 0);
    byte[] record = RecordCodec.encode(batch);
    long offset = appender.append(record);
    return new Appended(Map.of(0, offset), record.length + SegmentScan.HEADER + SegmentScan.PREFIX);
  }

  @Override
  public LogReader reader(IntToLongFunction start) {
    return new SegmentLogReader(this, start.applyAsLong(0));
  }

  @Override
  public Map<Integer, Long> end() {
    return Map.of(0, end);
  }

  @Override
  public Lag lag(Map<Integer, Long> applied) {
    long next = applied.getOrDefault(0, 0L);
    long records = end - next;
    if (records <= 0) return Lag.NONE;
    Map.Entry<Long, Long> oldest = appendTimes.floorEntry(next);
    if (oldest == null) oldest = appendTimes.ceilingEntry(next);
    if (oldest == null) return new Lag(records, Duration.ZERO);
    return new Lag(
        records, Duration.ofMillis(Math.max(0, System.currentTimeMillis() - oldest.getValue())));
  }

  @Override
  public LogState state() {
    long bytes = 0;
    int count = 0;
    for (Segment s : segments.values()) {
      bytes += s.size();
      count++;
    }
    return new LogState(
        count,
        bytes,
        appendedRecords.get(),
        appendedBytes.get(),
        syncs.get(),
        compactedSegments.get(),
        compactedBytes.get(),
        corruptBytes.get(),
        error);
  }

  /** Wakes readers waiting for records; the appender calls it after each sync and roll. */
  synchronized void signal() {
    signals++;
    notifyAll();
  }

  /** How many times {@link #signal} was called. */
  synchronized long signals() {
    return signals;
  }

  /** Waits up to {@code millis} for a {@link #signal} after the {@code seen}-th. */
  synchronized void awaitSignal(long seen, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    for (long left = millis;
        signals == seen && left > 0;
        left = deadline - System.currentTimeMillis()) wait(left);
  }

  /** Forgets append times below {@code next} and deletes the segments wholly below it. */
  void compact(long next) {
    Long keep = appendTimes.floorKey(next);
    if (keep != null) appendTimes.headMap(keep).clear();
    for (Map.Entry<Long, Segment> e = segments.firstEntry(); e != null; e = segments.firstEntry()) {
      Long following = segments.higherKey(e.getKey());
      if (following == null || following > next) return;
      Segment s = e.getValue();
      long size = s.size();
      try {
        Files.deleteIfExists(s.file);
      } catch (IOException ex) {
        LOG.warn("ingest log: cannot delete applied segment {}: {}", s.file, ex.getMessage());
        return;
      }
      segments.remove(e.getKey());
      compactedSegments.incrementAndGet();
      compactedBytes.addAndGet(size);
      LOG.debug("ingest log: deleted applied segment {} ({} bytes)", s.file, size);
    }
  }

  @Override
  public void close() {
    appender.close();
  }

  @Override
  public String toString() {
    return "SegmentLog{" + dir + "}";
  }

  static StorageException closed() {
    return new StorageException("the ingest log is closed", null, true);
  }

  private static ConcurrentSkipListMap<Long, Segment> list(Path dir) throws IOException {
    ConcurrentSkipListMap<Long, Segment> found = new ConcurrentSkipListMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (!SEGMENT.matcher(name).matches()) continue;
        long base = Long.parseLong(name.substring(0, 20));
        found.put(base, new Segment(base, p, Files.size(p)));
      }
    }
    return found;
  }

  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory; there a file's entry is durable once the file is forced
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) throw e;
    }
  }
}
