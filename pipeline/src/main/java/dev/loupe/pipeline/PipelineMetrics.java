package dev.loupe.pipeline;

/**
 * What the ingest pipeline reports as it works, for a metrics registry to count and time. Every
 * method has an empty default, so {@link #NOOP} reports nothing and an implementation overrides
 * only what it records. Implementations must be thread-safe, quick and must not throw: they run on
 * request threads and on the applier thread, inside the ingest path.
 *
 * <p>Events, in the order a request's rows meet them:
 *
 * <ul>
 *   <li>request thread: {@link #acknowledged} (the rows are durable in the ingest log; the client
 *       is answered next) or {@link #refused} (nothing of the request was acknowledged; the reason
 *       says which answer it gets);
 *   <li>applier thread: {@link #applied} per apply batch stored, {@link #applyFailed} per failed
 *       attempt (retried, nothing lost), {@link #skipped} for a record the store refused on its own
 *       (logged with its position).
 * </ul>
 *
 * <p>Levels and running totals are not pushed: read {@link Ingestion#state()} (an {@link
 * IngestState} snapshot, cheap enough to read on every scrape) from gauges and function counters,
 * e.g. with Micrometer:
 *
 * <pre>{@code
 * Gauge.builder("loupe.apply.lag.records", ingestion, i -> i.state().lagRecords()).register(registry);
 * Gauge.builder("loupe.apply.lag.seconds", ingestion, i -> i.state().lagSeconds()).register(registry);
 * Gauge.builder("loupe.log.bytes", ingestion, i -> i.state().log().bytes()).register(registry);
 * Gauge.builder("loupe.log.segments", ingestion, i -> i.state().log().segments()).register(registry);
 * FunctionCounter.builder("loupe.log.compacted.segments", ingestion,
 *     i -> i.state().log().compactedSegments()).register(registry);
 * }</pre>
 */
public interface PipelineMetrics {
  /** Reports nothing. */
  PipelineMetrics NOOP = new PipelineMetrics() {};

  /** Why a request's rows were refused; none of them was acknowledged. */
  enum Refusal {
    /** The appliers are further behind than the configured bound: 429 with Retry-After. */
    LAGGING,
    /** The ingest log has no disk space left: 503 with Retry-After. */
    LOG_FULL,
    /** The ingest log failed otherwise (an I/O error, closed): 503 with Retry-After. */
    LOG_FAILED
  }

  /**
   * A request's rows are durable in the ingest log and acknowledged.
   *
   * @param traces trace rows of the request
   * @param observations observation rows (spans, generations, events, ...) of the request
   * @param bytes the size of the request's log record(s), encoded
   * @param nanos from the start of the append until it was durable (the wait for the log's fsync)
   */
  default void acknowledged(int traces, int observations, long bytes, long nanos) {}

  /**
   * A request's rows were refused before any of them was acknowledged.
   *
   * @param traces trace rows of the request
   * @param observations observation rows of the request
   */
  default void refused(Refusal reason, int traces, int observations) {}

  /**
   * One apply batch is stored, with the applier's position, in one store transaction.
   *
   * @param records log records in the batch (one per acknowledged request, embedded)
   * @param rows trace and observation rows in the batch
   * @param bytes the batch's log records, encoded
   * @param nanos the time the store took to write the batch durably (decoding excluded)
   */
  default void applied(int records, int rows, long bytes, long nanos) {}

  /** An attempt to store an apply batch failed; the applier retries it, its position unmoved. */
  default void applyFailed(Throwable cause) {}

  /**
   * A log record that the store refused on its own (while the records after it were stored) was
   * skipped; the applier logged it with its position and the store's reason.
   *
   * @param rows trace and observation rows of the skipped record
   */
  default void skipped(int rows, Throwable cause) {}
}
