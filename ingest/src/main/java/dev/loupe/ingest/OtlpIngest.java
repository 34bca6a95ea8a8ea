package dev.loupe.ingest;

import org.jspecify.annotations.Nullable;

/**
 * OTLP/HTTP trace export bodies to the model. (Placeholder: body being written.)
 */
public final class OtlpIngest {
  /**
   * Decodes and normalizes one export request.
   *
   * @param contentType the request's Content-Type (protobuf when it contains {@code application/x-protobuf},
   *     JSON when it contains {@code application/json})
   * @param contentEncoding {@code gzip} or null/identity
   * @throws BadPayloadException when the body as a whole cannot be read
   */
  public IngestResult ingest(String projectId, byte[] body, @Nullable String contentType,
      @Nullable String contentEncoding) {
    throw new UnsupportedOperationException("not yet written");
  }

  /**
   * The OTLP {@code ExportTraceServiceResponse} for a result, with {@code partial_success} listing the rejected
   * spans, encoded as protobuf or OTLP/JSON to match the request.
   */
  public byte[] response(IngestResult result, boolean json) {
    throw new UnsupportedOperationException("not yet written");
  }
}
