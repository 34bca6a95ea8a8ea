package dev.loupe.server.http;

import java.time.Duration;

/**
 * Bounds the memory that ingest requests hold at once, so a flood slows its clients instead of
 * growing the heap without bound. Each request is charged the bytes its body may occupy — the raw
 * body, plus what a gzip body may inflate to — from before its body is read until it is answered.
 * When the budget is spent, a request waits up to {@code maxWait} for others to finish, then is
 * refused ({@link Exhausted}: 429 with Retry-After, which OTLP exporters and the Langfuse SDKs
 * retry on). A request larger than the whole budget gets in only when it is alone. Thread-safe.
 *
 * <pre>{@code
 * try (IngestBudget.Reservation reservation = budget.reserve(contentLength)) {
 *   reservation.growTo(bytesReadSoFar); // a body of unknown length, as it arrives
 *   ...
 * }
 * }</pre>
 */
public final class IngestBudget {
  /** The budget's share of the maximum heap; the rest is for decoded rows, queries and the UI. */
  static final int HEAP_FRACTION = 4;

  private final long budgetBytes;
  private final Duration maxWait;
  private long inFlight; // guarded by this
  private long waits; // guarded by this
  private long waitedNanos; // guarded by this
  private long refusals; // guarded by this

  public IngestBudget(long budgetBytes, Duration maxWait) {
    if (budgetBytes < 1) throw new IllegalArgumentException("budgetBytes < 1");
    this.budgetBytes = budgetBytes;
    this.maxWait = maxWait;
  }

  /** A quarter of the JVM's maximum heap; waits up to a second. */
  public static IngestBudget forHeap() {
    return new IngestBudget(
        Runtime.getRuntime().maxMemory() / HEAP_FRACTION, Duration.ofSeconds(1));
  }

  /** The bound on ingest bytes in flight. */
  public long budgetBytes() {
    return budgetBytes;
  }

  /** Bytes charged to requests in flight now. */
  public synchronized long inFlightBytes() {
    return inFlight;
  }

  /** Charges that had to wait for room since start (then got in or were refused). */
  public synchronized long waits() {
    return waits;
  }

  /** Time those charges spent waiting, in total. */
  public synchronized long waitedNanos() {
    return waitedNanos;
  }

  /** Requests refused since start ({@link Exhausted}, answered 429). */
  public synchronized long refusals() {
    return refusals;
  }

  /**
   * Charges {@code bytes}, waiting up to {@code maxWait} for room.
   *
   * @throws Exhausted when there is no room in time
   */
  Reservation reserve(long bytes) throws InterruptedException {
    Reservation reservation = new Reservation();
    reservation.growTo(bytes);
    return reservation;
  }

  private synchronized void acquire(long held, long more, long deadlineNanos)
      throws InterruptedException {
    if (inFlight + more > budgetBytes && inFlight > held) {
      long start = System.nanoTime();
      waits++;
      try {
        while (inFlight + more > budgetBytes && inFlight > held) {
          long left = deadlineNanos - System.nanoTime();
          if (left <= 0) {
            refusals++;
            throw new Exhausted(budgetBytes);
          }
          wait(Math.max(1, left / 1_000_000));
        }
      } finally {
        waitedNanos += System.nanoTime() - start;
      }
    }
    inFlight += more;
  }

  private synchronized void release(long bytes) {
    inFlight -= bytes;
    notifyAll();
  }

  /**
   * One request's charge; closing it gives the bytes back. Its body may be read (and the charge
   * grown) on another thread than the one that closes it.
   */
  final class Reservation implements AutoCloseable {
    private long charged;
    private boolean closed;

    /** Raises the charge to {@code total} bytes (never lowers it), waiting up to maxWait. */
    synchronized void growTo(long total) throws InterruptedException {
      if (closed) throw new IllegalStateException("reservation closed");
      if (total <= charged) return;
      acquire(charged, total - charged, System.nanoTime() + maxWait.toNanos());
      charged = total;
    }

    @Override
    public synchronized void close() {
      if (closed) return;
      closed = true;
      release(charged);
    }
  }

  /** No room for the request in time: answered 429 with Retry-After. */
  static final class Exhausted extends RuntimeException {
    Exhausted(long budgetBytes) {
      super(
          "too many ingest requests in flight (their bodies fill the "
              + (budgetBytes >> 20)
              + " MiB budget); retry after 1 s");
    }
  }
}
