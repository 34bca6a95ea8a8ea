package dev.loupe.server.http;

import dev.loupe.ingest.IngestResult.Rejection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the HTTP layer reports as it works, for a metrics registry to count and time (the server's
 * {@code dev.loupe.server.metrics}). Every method has an empty default, so {@link #NOOP} reports
 * nothing. Implementations must be thread-safe, quick and must not throw: they run on request
 * threads, once or twice per request (never per span).
 */
public interface HttpMetrics {
  /** Reports nothing. */
  HttpMetrics NOOP = new HttpMetrics() {};

  /** The ingest wires, each counted on its own. */
  enum Wire {
    /** OTLP/HTTP trace export, protobuf or JSON, on any of its paths and ports. */
    OTLP_HTTP,
    /** The Langfuse batch API ({@code POST /api/public/ingestion}): one item per event. */
    LANGFUSE_BATCH
  }

  /**
   * A request was answered.
   *
   * @param method the request's method, as sent (an implementation bounds what it keeps)
   * @param route the matched route's template ({@code /api/public/traces/{traceId}}), or {@code
   *     null} when no route matched (404, 405)
   * @param status the status answered, or 0 when no answer could be sent
   * @param nanos from the start of handling until the exchange was closed
   * @param bodyBytes request body bytes read, as sent; 0 when the body was not read
   */
  default void answered(
      String method, @Nullable String route, int status, long nanos, long bodyBytes) {}

  /**
   * An ingest request's body was read into items: {@code accepted} go on to be stored, {@code
   * rejected} are answered as rejected (in OTLP's partial success, in the Langfuse 207's errors).
   */
  default void received(Wire wire, int accepted, List<Rejection> rejected) {}

  /** {@code items} of an ingest request are durable and acknowledged to the client. */
  default void acknowledged(Wire wire, int items) {}
}
