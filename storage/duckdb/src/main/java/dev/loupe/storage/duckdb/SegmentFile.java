package dev.loupe.storage.duckdb;

import dev.loupe.storage.files.AppendFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * One segment of the payload log, open for appending by the writer thread. A record is {@code [int
 * length] [int CRC32C of the body][body]}; appends are buffered and reach the file on {@link
 * #flush} (directly from the buffer where the file system allows: see {@link AppendFile}), and the
 * disk on {@link #force}. Opening an existing segment drops a torn or corrupt tail (records after
 * the last whole one were never acknowledged: the log is forced before the commit that references
 * them), and the padding a direct write leaves after the last record.
 */
final class SegmentFile implements AutoCloseable {
  static final int HEADER = 8;
  private static final int BUFFER = 1 << 20;

  private final int number;
  private final AppendFile file;
  private final CRC32C crc = new CRC32C();

  private SegmentFile(int number, AppendFile file) {
    this.number = number;
    this.file = file;
  }

  /**
   * Opens (creating when absent) segment {@code number} at {@code file}, truncated after its last
   * whole record.
   */
  static SegmentFile open(int number, Path path) throws IOException {
    AppendFile file = AppendFile.open(path, BUFFER);
    try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
      long end = validEnd(reader);
      if (end < reader.size()) {
        file.cutTo(end);
        file.force();
      }
      return new SegmentFile(number, file);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  int number() {
    return number;
  }

  /** Bytes in the segment, buffered ones included. */
  long size() {
    return file.size();
  }

  /**
   * Appends one record, the first {@code length} bytes of {@code body}; returns the offset of its
   * header.
   */
  long append(byte[] body, int length) throws IOException {
    crc.reset();
    crc.update(body, 0, length);
    long at = file.size();
    file.appendInt(length);
    file.appendInt((int) crc.getValue());
    file.append(body, 0, length);
    return at;
  }

  /** Writes the buffered records to the file. */
  void flush() throws IOException {
    file.flush();
  }

  /** Flushes, then forces the data to the disk. */
  void force() throws IOException {
    file.force();
  }

  @Override
  public void close() throws IOException {
    file.close();
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
