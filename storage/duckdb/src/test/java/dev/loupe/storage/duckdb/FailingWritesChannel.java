package dev.loupe.storage.duckdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A segment file whose positional writes fail while {@code failing} is set, the way a disk that
 * fills up fails them: the first few bytes reach the file, then {@code No space left on device}.
 */
final class FailingWritesChannel extends FileChannel {
  private final FileChannel file;
  private final AtomicBoolean failing;

  private FailingWritesChannel(FileChannel file, AtomicBoolean failing) {
    this.file = file;
    this.failing = failing;
  }

  static SegmentFile.Opener opener(AtomicBoolean failing) {
    return path -> new FailingWritesChannel(SegmentFile.Opener.FILES.open(path), failing);
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    if (!failing.get()) return file.write(src, position);
    ByteBuffer part = src.duplicate();
    part.limit(part.position() + Math.min(part.remaining(), 12));
    src.position(src.position() + file.write(part, position));
    throw new IOException("No space left on device");
  }

  @Override
  public int write(ByteBuffer src) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) {
    throw new UnsupportedOperationException();
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
  public FileChannel truncate(long size) throws IOException {
    file.truncate(size);
    return this;
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
