package dev.loupe.storage.duckdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The append-only log that holds the large payload text (input, output, metadata, ...) outside DuckDB, in segment
 * files {@code 000001.log, 000002.log, ...} of a directory. Only the writer thread appends and syncs; any thread
 * reads a record by its {@link PayloadRef} with one positional read on a cached channel. The writer syncs the log
 * before the DuckDB commit that references its records, so every referenced record is durable; a crash in between
 * leaves only unreferenced bytes, and a torn tail is cut off on open.
 */
final class PayloadLog implements AutoCloseable {
  /** Segment size after which the next append starts a new segment. */
  static final long ROLL_BYTES = 256L << 20;

  private final Path dir;
  private final long rollBytes;
  private final Map<Integer, FileChannel> readers = new ConcurrentHashMap<>();
  private final List<SegmentFile> unsynced = new ArrayList<>();
  private SegmentFile current;
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
        if (name.matches("\\d{6,}\\.log")) last = Math.max(last, Integer.parseInt(name.substring(0, name.length() - 4)));
      }
    }
    boolean fresh = last == 0;
    SegmentFile current = SegmentFile.open(Math.max(last, 1), dir.resolve(name(Math.max(last, 1))));
    if (fresh) syncDirectory(dir);
    return new PayloadLog(dir, rollBytes, current);
  }

  /** Appends a record (writer thread only); it is durable after the next {@link #sync}. */
  PayloadRef append(byte[] body) throws IOException {
    if (current.size() > 0 && current.size() + SegmentFile.HEADER + body.length > rollBytes) roll();
    long offset = current.append(body);
    return new PayloadRef(current.number(), offset, body.length);
  }

  /** Forces every record appended so far to the disk (writer thread only). */
  void sync() throws IOException {
    for (SegmentFile s : unsynced) s.close();
    unsynced.clear();
    current.force();
  }

  /** The body of the record at {@code ref}; any thread. */
  byte[] read(PayloadRef ref) {
    ByteBuffer record = ByteBuffer.allocate(SegmentFile.HEADER + ref.length());
    try {
      if (!SegmentFile.readFully(reader(ref.segment()), record, ref.offset())) throw corrupt(ref, "ends early");
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

  @Override
  public void close() throws IOException {
    closed = true;
    try {
      sync();
      current.close();
    } finally {
      for (FileChannel c : readers.values()) c.close();
      readers.clear();
    }
  }

  private void roll() throws IOException {
    current.flush();
    unsynced.add(current);
    int next = current.number() + 1;
    current = SegmentFile.open(next, dir.resolve(name(next)));
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
      // some file systems cannot open a directory for sync; the segment data itself is still forced
      if (!System.getProperty("os.name", "").toLowerCase().contains("win")) throw e;
    }
  }
}
