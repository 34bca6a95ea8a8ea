package dev.loupe.pipeline.log;

import java.nio.file.Path;

/**
 * One segment file of a {@link SegmentLog}: {@code <base offset, 20 digits>.log}, holding the
 * records from offset {@code base} on. {@link #size()} is how many of its bytes are durable: the
 * appender raises it after each sync, readers read up to it.
 */
final class Segment {
  final long base;
  final Path file;
  private volatile long size;

  Segment(long base, Path file, long size) {
    this.base = base;
    this.file = file;
    this.size = size;
  }

  long size() {
    return size;
  }

  void size(long durable) {
    size = durable;
  }

  static String name(long base) {
    return "%020d.log".formatted(base);
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}
