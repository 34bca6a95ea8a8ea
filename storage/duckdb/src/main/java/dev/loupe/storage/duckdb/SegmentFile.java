package dev.loupe.storage.duckdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One segment of the payload log, open for appending by the writer thread. A record is {@code [int
 * length] [int CRC32C of the body][body]}; appends are buffered and handed to the log's {@link
 * WriteBehind} thread when a buffer is full or on {@link #flush}, which writes them to the file;
 * the disk has them after {@link #force} (on that thread too). Opening an existing segment drops a
 * torn or corrupt tail (records after the last whole one were never acknowledged: the log is forced
 * before the commit that references them).
 */
final class SegmentFile implements AutoCloseable {
  static final int HEADER = 8;

  private final int number;
  private final FileChannel channel;
  private final WriteBehind writes;
  private final CRC32C crc = new CRC32C();
  private @Nullable ByteBuffer buffer;
  private long bufferStart;
  private long size;

  private SegmentFile(int number, FileChannel channel, long size, WriteBehind writes) {
    this.number = number;
    this.channel = channel;
    this.size = size;
    this.writes = writes;
  }

  /**
   * Opens (creating when absent) segment {@code number} at {@code file}, truncated after its last
   * whole record; its writes go through {@code writes}.
   */
  static SegmentFile open(int number, Path file, WriteBehind writes, Opener opener)
      throws IOException {
    FileChannel channel = opener.open(file);
    try {
      long end = validEnd(channel);
      if (end < channel.size()) {
        channel.truncate(end);
        channel.force(false);
      }
      return new SegmentFile(number, channel, end, writes);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  int number() {
    return number;
  }

  /** Bytes in the segment, buffered ones included. */
  long size() {
    return size;
  }

  /**
   * Appends one record, the first {@code length} bytes of {@code body}; returns the offset of its
   * header.
   */
  long append(byte[] body, int length) throws IOException {
    crc.reset();
    crc.update(body, 0, length);
    long at = size;
    if (buffer != null && buffer.remaining() < HEADER + length) flush();
    if (HEADER + length > WriteBehind.BUFFER) {
      ByteBuffer record = ByteBuffer.allocate(HEADER + length);
      record.putInt(length).putInt((int) crc.getValue()).put(body, 0, length).flip();
      writes.write(channel, record, at, false);
    } else {
      if (buffer == null) {
        buffer = writes.take();
        bufferStart = at;
      }
      buffer.putInt(length).putInt((int) crc.getValue()).put(body, 0, length);
    }
    size += HEADER + length;
    return at;
  }

  /** Hands the buffered records to the write thread. */
  void flush() {
    ByteBuffer b = buffer;
    if (b == null) return;
    buffer = null;
    b.flip();
    writes.write(channel, b, bufferStart, true);
  }

  /** Forces the data written so far to the disk (on the write thread). */
  void force() throws IOException {
    channel.force(false);
  }

  /** Forces and closes the file (on the write thread, after {@link #flush}). */
  @Override
  public void close() throws IOException {
    try {
      force();
    } finally {
      channel.close();
    }
  }

  /** Opens a segment's file for reading and writing, creating it when absent. */
  interface Opener {
    Opener FILES =
        file ->
            FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);

    FileChannel open(Path file) throws IOException;
  }

  /** The end of the last whole record whose checksum matches, scanning from the start. */
  static long validEnd(FileChannel channel) throws IOException {
    long size = channel.size(), at = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    CRC32C crc = new CRC32C();
    while (at + HEADER <= size) {
      header.clear();
      if (!readFully(channel, header, at)) break;
      int length = header.getInt(0);
      if (length < 0 || at + HEADER + length > size) break;
      ByteBuffer body = ByteBuffer.allocate(length);
      if (!readFully(channel, body, at + HEADER)) break;
      crc.reset();
      crc.update(body.flip());
      if ((int) crc.getValue() != header.getInt(4)) break;
      at += HEADER + length;
    }
    return at;
  }

  static boolean readFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      int n = channel.read(b, at);
      if (n < 0) return false;
      at += n;
    }
    return true;
  }
}
