package dev.loupe.storage.duckdb;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The payload log's I/O thread: it writes the buffers the writer thread has filled and forces the
 * segments, in the order they were handed over, so the copy into the page cache (a tenth of the
 * writer's time under load) runs beside the writer instead of on it. A small pool of buffers bounds
 * what is in flight; the writer waits for one only when the disk is slower than it.
 *
 * <p>The first I/O error is kept and the writes after it are skipped until the writer collects the
 * error ({@link #awaitLast}): they belong to the write group that error fails, whose records no
 * committed row can reference.
 */
final class WriteBehind implements AutoCloseable {
  /** Bytes of records per buffer. */
  static final int BUFFER = 1 << 20;

  private static final int BUFFERS = 4;

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("loupe-payload-sync").daemon().factory());
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
  private int allocated;
  private volatile @Nullable IOException failure;
  private @Nullable Future<?> last;

  /** An empty buffer to fill (writer thread); waits while every buffer is being written. */
  ByteBuffer take() throws IOException {
    ByteBuffer b = free.poll();
    if (b != null) return b;
    if (allocated < BUFFERS) {
      allocated++;
      return ByteBuffer.allocateDirect(BUFFER);
    }
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a payload log buffer");
    }
  }

  /**
   * Writes {@code records} (flipped) at {@code position} of {@code channel} on the I/O thread; a
   * buffer from {@link #take} goes back to the pool afterwards.
   */
  void write(FileChannel channel, ByteBuffer records, long position, boolean pooled) {
    last =
        thread.submit(
            () -> {
              try {
                if (failure == null) writeFully(channel, records, position);
              } catch (IOException e) {
                failure = e;
              } finally {
                if (pooled) {
                  records.clear();
                  free.add(records);
                }
              }
            });
  }

  /** Runs {@code io} on the I/O thread after everything handed over before it. */
  void run(IoTask io) {
    last =
        thread.submit(
            () -> {
              try {
                if (failure == null) io.run();
              } catch (IOException e) {
                failure = e;
              }
            });
  }

  /**
   * Waits until everything handed over so far is done (writer thread); throws the first error since
   * the last call, and forgets it.
   */
  void awaitLast() throws IOException {
    Future<?> f = last;
    last = null;
    if (f != null) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing the payload log");
      } catch (ExecutionException e) {
        throw new IOException("payload log write failed: " + e.getCause(), e.getCause());
      }
    }
    IOException e = failure;
    if (e != null) {
      failure = null;
      throw e;
    }
  }

  @Override
  public void close() {
    thread.shutdown();
  }

  static void writeFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
    long at = position;
    while (b.hasRemaining()) at += channel.write(b, at);
  }

  /** Work for the I/O thread. */
  interface IoTask {
    void run() throws IOException;
  }
}
