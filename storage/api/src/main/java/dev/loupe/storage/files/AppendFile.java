package dev.loupe.storage.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * A log file written only at its end, through one buffer. Where the file system allows, the file is
 * opened with {@code O_DIRECT}: the disk reads the bytes from the buffer itself, and the CPU does
 * not copy them into the page cache first (that copy was a third of the ingest log's and the
 * payload log's threads under load). A direct write covers whole blocks, so the last, partly filled
 * block is written with {@link #PADDING} after the end and again, fuller, by the next {@link
 * #flush}: after a crash (not after {@link #close}) the file may hold less than a block of padding
 * after its last record, which the logs' scans take for the end (a record's length is never
 * negative). Where direct I/O is refused (tmpfs, some container file systems), writes go through
 * the page cache as before.
 *
 * <p>One thread at a time appends, flushes and forces; readers open their own channels (a direct
 * write drops the page-cache copy of the blocks it covers, so a buffered read sees the new bytes).
 */
public final class AppendFile implements AutoCloseable {
  /**
   * What fills a direct write's last block after the end: a record starting with it would have a
   * negative length, so the logs' scans stop there.
   */
  public static final byte PADDING = (byte) 0xFF;

  /** The alignment used when the file store reports a smaller block. */
  public static final int MIN_BLOCK = 4096;

  /**
   * JDK's {@code com.sun.nio.file.ExtendedOpenOption.DIRECT}, looked up by name (javac warns on
   * every use of a {@code com.sun} class); null on a JDK without it.
   */
  private static final @Nullable OpenOption DIRECT = directOption();

  private final FileChannel channel;
  private final boolean direct;
  private final int block;
  private final ByteBuffer buffer;
  private long bufferStart;
  private long written;

  private AppendFile(FileChannel channel, boolean direct, int block, int capacity, long size) {
    this.channel = channel;
    this.direct = direct;
    this.block = block;
    this.buffer = allocate(capacity);
    this.bufferStart = size;
    this.written = size;
  }

  /** Opens {@code file} (creating it when absent) for appending at its current end. */
  public static AppendFile open(Path file, int capacity) throws IOException {
    FileChannel direct = openDirect(file);
    FileChannel channel = direct != null ? direct : openBuffered(file);
    return wrap(channel, direct != null, blockSize(file), capacity, channel.size());
  }

  /**
   * Whether the bytes of {@code file} from {@code from} on are only the {@link #PADDING} a direct
   * write leaves after the end (less than a block of it): no torn record, nothing to warn about.
   */
  public static boolean onlyPadding(FileChannel reader, long from) throws IOException {
    long length = reader.size() - from;
    if (length <= 0) return true;
    if (length >= 1 << 16) return false;
    ByteBuffer rest = ByteBuffer.allocate((int) length);
    while (rest.hasRemaining()) if (reader.read(rest, from + rest.position()) < 0) break;
    for (int i = 0; i < rest.position(); i++) if (rest.get(i) != PADDING) return false;
    return true;
  }

  /**
   * Appends through {@code channel} after its first {@code size} bytes (which it must have been
   * opened as: direct or not; tests pass channels that fail on purpose).
   */
  public static AppendFile wrap(
      FileChannel channel, boolean direct, int block, int capacity, long size) throws IOException {
    AppendFile f = new AppendFile(channel, direct, block, Math.max(capacity, 2 * block), size);
    f.cutTo(size);
    return f;
  }

  /**
   * A channel on {@code file} (created when absent) that writes with {@code O_DIRECT}; null when it
   * cannot be opened so (EINVAL on tmpfs, a JDK without the option): then {@link #openBuffered}
   * opens it, or reports why the file cannot be opened at all.
   */
  public static @Nullable FileChannel openDirect(Path file) {
    if (DIRECT == null) return null;
    try {
      return FileChannel.open(
          file,
          StandardOpenOption.CREATE,
          StandardOpenOption.READ,
          StandardOpenOption.WRITE,
          DIRECT);
    } catch (UnsupportedOperationException | IOException e) {
      return null;
    }
  }

  /** A channel for appending through the page cache. */
  public static FileChannel openBuffered(Path file) throws IOException {
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  /** The file store's block size, at least {@link #MIN_BLOCK}. */
  public static int blockSize(Path file) {
    try {
      return (int) Math.max(MIN_BLOCK, Files.getFileStore(file).getBlockSize());
    } catch (IOException | UnsupportedOperationException e) {
      return MIN_BLOCK;
    }
  }

  /** Whether writes bypass the page cache. */
  public boolean direct() {
    return direct;
  }

  /** Bytes appended, buffered ones included. */
  public long size() {
    return bufferStart + buffer.position();
  }

  /** Appends {@code length} bytes of {@code bytes} from {@code offset}. */
  public void append(byte[] bytes, int offset, int length) throws IOException {
    for (int done = 0; done < length; ) {
      if (!buffer.hasRemaining()) flush();
      int n = Math.min(buffer.remaining(), length - done);
      buffer.put(bytes, offset + done, n);
      done += n;
    }
  }

  /** Appends an int, big-endian. */
  public void appendInt(int v) throws IOException {
    if (buffer.remaining() < Integer.BYTES) flush();
    buffer.putInt(v);
  }

  /** Writes the buffered bytes to the file (not yet to the disk: {@link #force}). */
  public void flush() throws IOException {
    long end = size();
    if (written == end) return;
    int pending = buffer.position();
    if (!direct) {
      buffer.flip();
      writeFully(buffer, bufferStart);
      buffer.clear();
      bufferStart = written = end;
      return;
    }
    int whole = (pending + block - 1) / block * block;
    for (int i = pending; i < whole; i++) buffer.put(i, PADDING);
    buffer.limit(whole).position(0);
    writeFully(buffer, bufferStart);
    written = end;
    // keep the last, partly filled block: the next flush writes it again, fuller
    int tail = (int) (end % block);
    if (tail > 0) buffer.put(0, buffer, pending - tail, tail);
    buffer.clear().position(tail);
    bufferStart = end - tail;
  }

  /** Flushes, then forces the file's data to the disk. */
  public void force() throws IOException {
    flush();
    channel.force(false);
  }

  /**
   * Drops every byte after the first {@code end} (a failed write's, or a torn tail's), buffered
   * ones included; the next append follows them.
   */
  public void cutTo(long end) throws IOException {
    if (channel.size() > end) channel.truncate(end);
    buffer.clear();
    written = end;
    bufferStart = end;
    if (!direct || end % block == 0) return;
    // the next flush writes the last block again: read what it holds up to the end
    long at = end - end % block;
    buffer.limit(block);
    channel.read(buffer, at); // one aligned read: the file ends within this block
    if (buffer.position() < end - at)
      throw new IOException("cannot read back the last block of " + channel + " before " + end);
    buffer.clear().position((int) (end - at));
    bufferStart = at;
  }

  /**
   * Forces what was appended and closes; a closed file ends at its last byte (no padding after).
   */
  @Override
  public void close() throws IOException {
    try {
      force();
      if (channel.size() > size()) {
        channel.truncate(size());
        channel.force(false);
      }
    } finally {
      channel.close();
    }
  }

  private static @Nullable OpenOption directOption() {
    try {
      return (OpenOption)
          Class.forName("com.sun.nio.file.ExtendedOpenOption").getField("DIRECT").get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private ByteBuffer allocate(int capacity) {
    int rounded = (capacity + block - 1) / block * block;
    return ByteBuffer.allocateDirect(rounded + block).alignedSlice(block).limit(rounded).slice();
  }

  private void writeFully(ByteBuffer b, long position) throws IOException {
    long at = position;
    while (b.hasRemaining()) at += channel.write(b, at);
  }
}
