package dev.loupe.pipeline.log;

import dev.loupe.storage.files.AppendFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file channel on a disk of limited room: a write that would take the bytes of all such channels
 * past {@code room} writes what fits, then fails as a full disk does ({@code No space left on
 * device}), like Linux's {@code write(2)} returning {@code ENOSPC}. Truncating gives room back.
 */
final class FullDiskChannel extends FileChannel {
  private final FileChannel file;
  private final AtomicLong used;
  private final AtomicLong room;

  private FullDiskChannel(FileChannel file, AtomicLong used, AtomicLong room) {
    this.file = file;
    this.used = used;
    this.room = room;
  }

  /**
   * Opens segment files on a disk of {@code room} bytes, {@code used} shared among them, written
   * through the page cache (a direct write cannot stop mid-block as a full disk's write does).
   */
  static SegmentLog.Opener opener(AtomicLong used, AtomicLong room) {
    return path -> {
      FileChannel c = open(path, used, room);
      return AppendFile.wrap(c, false, AppendFile.MIN_BLOCK, SegmentLog.WRITE_BUFFER, c.size());
    };
  }

  private static FileChannel open(Path path, AtomicLong used, AtomicLong room) throws IOException {
    FileChannel c =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new FullDiskChannel(c, used, room);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    long at = file.position();
    int n = write(src, at);
    file.position(at + n);
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    long total = 0;
    for (int i = offset; i < offset + length; i++) {
      while (srcs[i].hasRemaining()) total += write(srcs[i]);
    }
    return total;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    long size = file.size();
    long fits = Math.max(0, room.get() - used.get()) + Math.max(0, size - position);
    if (src.remaining() <= fits) return grow(file.write(src, position), position, size);
    ByteBuffer part = src.duplicate();
    part.limit(part.position() + (int) fits);
    int n = grow(file.write(part, position), position, size);
    src.position(src.position() + n);
    throw new IOException("No space left on device");
  }

  private int grow(int written, long position, long sizeBefore) {
    used.addAndGet(Math.max(0, position + written - sizeBefore));
    return written;
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    long before = file.size();
    file.truncate(size);
    used.addAndGet(Math.min(0, size - before));
    return this;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return file.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return file.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return file.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    return file.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    file.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return file.size();
  }

  @Override
  public void force(boolean metaData) throws IOException {
    file.force(metaData);
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) {
    throw new UnsupportedOperationException();
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) {
    throw new UnsupportedOperationException();
  }

  @Override
  protected void implCloseChannel() throws IOException {
    file.close();
  }
}
