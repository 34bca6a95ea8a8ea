package dev.loupe.storage.duckdb;

import dev.loupe.storage.ApplyThreads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The append-only log that holds the large payload text (input, output, metadata, ...) outside
 * DuckDB, in segment files {@code 000001.log, 000002.log, ...} of a directory. Only the writer
 * appends and syncs (its loader thread during a group, the writer thread around them: one at a
 * time, handed over through the group's future); any thread reads a record by its {@link
 * PayloadRef} with one positional read on a cached channel. The writer syncs the log before the
 * DuckDB commit that references its records, so every referenced record is durable; a crash in
 * between leaves only unreferenced bytes, and a torn tail is cut off on open.
 */
final class PayloadLog implements AutoCloseable {
  /** Segment size after which the next append starts a new segment. */
  static final long ROLL_BYTES = 256L << 20;

  private static final Pattern SEGMENT_NAME = Pattern.compile("\\d{6,}\\.log");

  private final Path dir;
  private final long rollBytes;
  private final Map<Integer, FileChannel> readers = new ConcurrentHashMap<>();
  private final List<SegmentFile> unsynced = new ArrayList<>();

  /** Segments no row references any more, by when: deleted after a grace period. */
  private final Map<Integer, Long> retired = new ConcurrentHashMap<>();

  private final ExecutorService syncer =
      Executors.newSingleThreadExecutor(ApplyThreads.named("loupe-payload-sync").factory());
  private SegmentFile current;
  private @Nullable Future<?> pending;
  private volatile boolean closed;

  private PayloadLog(Path dir, long rollBytes, SegmentFile current) {
    this.dir = dir;
    this.rollBytes = rollBytes;
    this.current = current;
  }

  static PayloadLog open(Path dir) throws IOException {
    return open(dir, ROLL_BYTES);
  }

  /** Opens (creating when needed) the log in {@code dir}; appends continue in its last segment. */
  static PayloadLog open(Path dir, long rollBytes) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      syncDirectory(dir.getParent());
    }
    int last = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (SEGMENT_NAME.matcher(name).matches())
          last = Math.max(last, Integer.parseInt(name.split("\\.")[0]));
      }
    }
    boolean fresh = last == 0;
    SegmentFile current = SegmentFile.open(Math.max(last, 1), dir.resolve(name(Math.max(last, 1))));
    if (fresh) syncDirectory(dir);
    return new PayloadLog(dir, rollBytes, current);
  }

  /**
   * Appends a record (one thread at a time: the writer's loader, or the writer between groups); it
   * is durable after the next {@link #sync}.
   */
  PayloadRef append(byte[] body) throws IOException {
    return append(body, body.length);
  }

  /** Appends the body {@code codec} holds. */
  PayloadRef append(PayloadCodec codec) throws IOException {
    return append(codec.buffer(), codec.size());
  }

  private PayloadRef append(byte[] body, int length) throws IOException {
    awaitPending();
    if (current.size() > 0 && current.size() + SegmentFile.HEADER + length > rollBytes) roll();
    long offset = current.append(body, length);
    return new PayloadRef(current.number(), offset, length);
  }

  /** Forces every record appended so far to the disk (writer thread only). */
  void sync() throws IOException {
    startSync();
    awaitPending();
  }

  /**
   * Starts forcing every record appended so far to the disk on the log's sync thread, so the writer
   * can do other work meanwhile; {@link #awaitSync} waits for it. The next append waits for it too.
   */
  void startSync() throws IOException {
    awaitPending();
    current.flush();
    List<SegmentFile> rolled = List.copyOf(unsynced);
    unsynced.clear();
    SegmentFile segment = current;
    pending =
        syncer.submit(
            () -> {
              for (SegmentFile s : rolled) s.close();
              segment.force();
              return null;
            });
  }

  /** Waits for the sync {@link #startSync} started; throws what it failed with. */
  void awaitSync() throws IOException {
    awaitPending();
  }

  /** The body of the record at {@code ref}; any thread. */
  byte[] read(PayloadRef ref) {
    ByteBuffer record = ByteBuffer.allocate(SegmentFile.HEADER + ref.length());
    try {
      if (!SegmentFile.readFully(reader(ref.segment()), record, ref.offset()))
        throw corrupt(ref, "ends early");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read payload " + ref + ": " + e.getMessage(), e);
    }
    if (record.getInt(0) != ref.length()) throw corrupt(ref, "length " + record.getInt(0));
    CRC32C crc = new CRC32C();
    crc.update(record.array(), SegmentFile.HEADER, ref.length());
    if ((int) crc.getValue() != record.getInt(4)) throw corrupt(ref, "checksum mismatch");
    byte[] body = new byte[ref.length()];
    System.arraycopy(record.array(), SegmentFile.HEADER, body, 0, body.length);
    return body;
  }

  /** The segment appends go to (writer thread). */
  int currentSegment() {
    return current.number();
  }

  /** The segments before the current one, with their sizes in bytes (writer thread). */
  Map<Integer, Long> closedSegments() throws IOException {
    Map<Integer, Long> out = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (!SEGMENT_NAME.matcher(name).matches()) continue;
        int n = Integer.parseInt(name.split("\\.")[0]);
        if (n < current.number() && !retired.containsKey(n)) out.put(n, Files.size(p));
      }
    }
    return out;
  }

  /**
   * Marks a closed segment as referenced by no committed row (writer thread); {@link
   * #deleteRetired} deletes it once no read that began before can still need it.
   */
  void retire(int segment) {
    if (segment >= current.number()) throw new IllegalArgumentException("segment is open");
    retired.putIfAbsent(segment, System.nanoTime());
  }

  /**
   * Deletes the segments retired at least {@code grace} ago (writer thread): a read that found a
   * row before its payload moved reads the old record within that time.
   *
   * @return the bytes deleted
   */
  long deleteRetired(java.time.Duration grace) throws IOException {
    long now = System.nanoTime(), bytes = 0;
    boolean deleted = false;
    for (Map.Entry<Integer, Long> e : List.copyOf(retired.entrySet())) {
      if (now - e.getValue() < grace.toNanos()) continue;
      int segment = e.getKey();
      FileChannel c;
      synchronized (readers) {
        c = readers.remove(segment);
      }
      if (c != null) c.close();
      Path file = dir.resolve(name(segment));
      if (Files.exists(file)) bytes += Files.size(file);
      deleted |= Files.deleteIfExists(file);
      retired.remove(segment);
    }
    if (deleted) syncDirectory(dir);
    return bytes;
  }

  /** Segments retired and not yet deleted. */
  int retiredSegments() {
    return retired.size();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    try {
      sync();
      current.close();
    } finally {
      syncer.shutdown();
      for (FileChannel c : readers.values()) c.close();
      readers.clear();
    }
  }

  private void awaitPending() throws IOException {
    Future<?> p = pending;
    if (p == null) return;
    pending = null;
    try {
      p.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while syncing the payload log");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      throw new IOException("payload log sync failed: " + e.getCause(), e.getCause());
    }
  }

  /** Starts the next segment; when it cannot be opened, appends go on in the current one. */
  private void roll() throws IOException {
    int next = current.number() + 1;
    SegmentFile opened = SegmentFile.open(next, dir.resolve(name(next)));
    current.flush();
    unsynced.add(current);
    current = opened;
    syncDirectory(dir);
  }

  private FileChannel reader(int segment) throws IOException {
    if (closed) throw new IllegalStateException("payload log is closed");
    FileChannel c = readers.get(segment);
    if (c != null) return c;
    synchronized (readers) {
      c = readers.get(segment);
      if (c == null) {
        c = FileChannel.open(dir.resolve(name(segment)), StandardOpenOption.READ);
        readers.put(segment, c);
      }
      return c;
    }
  }

  private static IllegalStateException corrupt(PayloadRef ref, String why) {
    return new IllegalStateException("payload record " + ref + " is corrupt: " + why);
  }

  static String name(int segment) {
    return "%06d.log".formatted(segment);
  }

  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // Windows cannot open a directory as a file; there the new entry is durable once the file is
      // forced
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) throw e;
    }
  }
}
