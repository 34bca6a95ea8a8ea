package dev.loupe.server.http;

import dev.loupe.ingest.BadPayloadException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Reads one request body within a deadline. The JDK server blocks a reader until the declared bytes
 * or the last chunk arrive, for as long as the client keeps the connection open; so the read runs
 * on its own virtual thread and the handler waits for it only until the deadline ({@link TimedOut}:
 * 408, after which the JDK's {@code maxReqTime} closes the connection). Broken framing (a bad
 * chunk, a connection closed early) is MALFORMED, naming what was wrong.
 *
 * <p>A budgeted ingest request's charge grows with what arrives (a body of unknown length) and, for
 * gzip, by what the body will inflate to.
 */
final class RequestBody {
  /** Deflate cannot expand more than about 1032:1. */
  static final long MAX_GZIP_RATIO = 1032;

  private static final int CHUNK = 64 * 1024;

  private final long declaredLength;
  private final boolean chunked;
  private final boolean gzip;
  private final long maxBodyBytes;
  private final long maxInflatedBytes;

  /**
   * @param declaredLength the Content-Length, or -1 when the body is chunked
   */
  RequestBody(
      long declaredLength,
      boolean chunked,
      @Nullable String contentEncoding,
      long maxBodyBytes,
      long maxInflatedBytes) {
    this.declaredLength = declaredLength;
    this.chunked = chunked;
    this.gzip =
        contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    this.maxBodyBytes = maxBodyBytes;
    this.maxInflatedBytes = maxInflatedBytes;
  }

  /** What a budgeted request is charged before its body is read. */
  long expectedBytes() {
    return chunked ? CHUNK : Math.max(CHUNK, declaredLength);
  }

  /** The body, read on its own thread until {@code deadlineNanos}. */
  byte[] read(InputStream in, IngestBudget.@Nullable Reservation reservation, long deadlineNanos)
      throws IOException, InterruptedException {
    FutureTask<byte[]> task = new FutureTask<>(() -> readAll(in, reservation));
    Thread.ofVirtual().name("loupe-body").start(task);
    try {
      return task.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new TimedOut(
          chunked
              ? "the chunked request body did not end (no last chunk) in time"
              : "the request body did not arrive in time: Content-Length is "
                  + declaredLength
                  + " bytes");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      // the JDK's chunk decoder throws IndexOutOfBounds on a chunk size beyond an int
      if (cause instanceof IOException || cause instanceof IndexOutOfBoundsException) {
        throw malformed((Exception) cause);
      }
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    }
  }

  private byte[] readAll(InputStream in, IngestBudget.@Nullable Reservation reservation)
      throws IOException, InterruptedException {
    byte[] body;
    if (!chunked) {
      // Known size: one array filled in place, no growing copies of a large body.
      body = new byte[(int) declaredLength];
      int read = in.readNBytes(body, 0, body.length);
      if (read < body.length) throw new IOException("the connection ended the body early");
    } else {
      body = new byte[CHUNK];
      int length = 0;
      while (true) {
        if (length == body.length) {
          if (length > maxBodyBytes) throw Exchange.tooLarge(maxBodyBytes);
          long next = Math.min(2L * length, maxBodyBytes + 1);
          if (reservation != null) reservation.growTo(next);
          body = Arrays.copyOf(body, (int) next);
        }
        int n = in.read(body, length, body.length - length);
        if (n < 0) break;
        length += n;
      }
      if (length > maxBodyBytes) throw Exchange.tooLarge(maxBodyBytes);
      body = Arrays.copyOf(body, length);
    }
    if (reservation != null && gzip)
      reservation.growTo(body.length + inflatedSize(body, maxInflatedBytes));
    return body;
  }

  /**
   * What a gzip body will inflate to: the size its trailer states (exact for a single member under
   * 4 GiB) when that is possible for its length, else the most it may inflate to here. A body whose
   * trailer understates its size is still stopped at {@code maxInflatedBytes} by the decoder.
   */
  static long inflatedSize(byte[] gzip, long maxInflatedBytes) {
    int n = gzip.length;
    long most = Math.min(maxInflatedBytes, n * MAX_GZIP_RATIO);
    if (n < 18) return most;
    long stated =
        (gzip[n - 4] & 0xffL)
            | (gzip[n - 3] & 0xffL) << 8
            | (gzip[n - 2] & 0xffL) << 16
            | (gzip[n - 1] & 0xffL) << 24;
    return stated <= most ? stated : most;
  }

  private BadPayloadException malformed(Exception e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new BadPayloadException(
        BadPayloadException.Reason.MALFORMED,
        chunked
            ? "malformed chunked request body: " + why
            : "request body shorter than its Content-Length of "
                + declaredLength
                + " bytes: "
                + why);
  }

  /** The body did not arrive before the deadline: 408, and the connection is closed. */
  static final class TimedOut extends RuntimeException {
    TimedOut(String message) {
      super(message);
    }
  }
}
