package dev.loupe.pipeline.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Walks the records of one segment file from a byte position, through a read window of about 1 MiB.
 * A record is {@code [int length][int CRC32C of the body][body]} and its body starts with {@code
 * [long offset][long appended-at millis]} (see {@link SegmentLog}); a record is whole when its
 * length fits, its checksum matches and its offset is above the last one seen.
 *
 * <p>When the bytes at the position are not a whole record, {@link #next} looks for the next whole
 * record after them: found, the bytes in between are corrupt ({@link #skipped()} says how many) and
 * that record is returned; not found, it returns null and stays put, and the caller decides what
 * the rest is (at open, a torn tail to cut; for a reader, corrupt bytes to skip).
 */
final class SegmentScan {
  static final int HEADER = 8;
  static final int PREFIX = 16;
  private static final int WINDOW = 1 << 20;

  /** A whole record: where it starts and ends in the file, and what it holds. */
  record Found(long position, long end, long offset, long appendedAtMillis, byte[] record) {}

  private final FileChannel channel;
  private final CRC32C crc = new CRC32C();
  private ByteBuffer window = ByteBuffer.allocate(WINDOW);
  private long windowStart = -1;
  private long position;
  private long lastOffset;
  private long skipped;

  /**
   * @param position where the next record starts
   * @param lastOffset the offset of the record before it (-1 when none): records must be above it
   */
  SegmentScan(FileChannel channel, long position, long lastOffset) {
    this.channel = channel;
    this.position = position;
    this.lastOffset = lastOffset;
  }

  long position() {
    return position;
  }

  long lastOffset() {
    return lastOffset;
  }

  /** Corrupt bytes the last {@link #next} call stepped over (0 when none). */
  long skipped() {
    return skipped;
  }

  /** Moves past corrupt bytes up to {@code to} that no whole record follows. */
  void skipTo(long to) {
    position = to;
  }

  /**
   * The next whole record that ends at or before {@code limit}, stepping over corrupt bytes before
   * it; null, with the position unchanged, when there is none.
   */
  @Nullable Found next(long limit) throws IOException {
    skipped = 0;
    Found f = at(position, limit);
    if (f == null) {
      for (long q = position + 1; q + HEADER + PREFIX <= limit && f == null; q++) f = at(q, limit);
      if (f == null) return null;
      skipped = f.position() - position;
    }
    position = f.end();
    lastOffset = f.offset();
    return f;
  }

  /** The whole record starting at {@code p}, or null. */
  private @Nullable Found at(long p, long limit) throws IOException {
    if (p + HEADER + PREFIX > limit || !load(p, HEADER + PREFIX, limit)) return null;
    int i = (int) (p - windowStart);
    int length = window.getInt(i);
    if (length < PREFIX || length > limit - p - HEADER) return null;
    long offset = window.getLong(i + HEADER);
    if (offset <= lastOffset || offset - lastOffset > limit) return null;
    if (!load(p, HEADER + length, limit)) return null;
    i = (int) (p - windowStart);
    crc.reset();
    crc.update(window.array(), i + HEADER, length);
    if ((int) crc.getValue() != window.getInt(i + 4)) return null;
    byte[] record = new byte[length - PREFIX];
    System.arraycopy(window.array(), i + HEADER + PREFIX, record, 0, record.length);
    return new Found(p, p + HEADER + length, offset, window.getLong(i + HEADER + 8), record);
  }

  /** Makes bytes [p, p + n) available in the window; false when the file ends first. */
  private boolean load(long p, int n, long limit) throws IOException {
    if (windowStart >= 0 && p >= windowStart && p + n <= windowStart + window.limit()) return true;
    int size = (int) Math.min(Math.max(n, WINDOW), limit - p);
    if (size < n) return false;
    if (window.capacity() < size || window.capacity() > Math.max(size, WINDOW) * 4L)
      window = ByteBuffer.allocate(Math.max(size, WINDOW));
    window.clear().limit(size);
    long at = p;
    while (window.hasRemaining()) {
      int read = channel.read(window, at);
      if (read < 0) {
        windowStart = -1;
        return false;
      }
      at += read;
    }
    windowStart = p;
    return true;
  }
}
