package dev.loupe.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.ingest.IngestResult.Rejection;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code ExportTraceServiceResponse} for an export request: empty when every span was accepted,
 * else {@code partial_success} with the number of rejected spans and the first few reasons.
 */
public final class OtlpResponse {
  static final int MAX_REASONS = 5;
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);

  private OtlpResponse() {}

  /**
   * Protobuf, or OTLP/JSON ({@code rejectedSpans} as a string, as OTLP/JSON writes 64-bit
   * integers).
   */
  public static byte[] encode(List<Rejection> rejected, boolean json) {
    if (rejected.isEmpty()) {
      return json
          ? EMPTY_JSON.clone()
          : ExportTraceServiceResponse.getDefaultInstance().toByteArray();
    }
    String message = errorMessage(rejected);
    return json
        ? json(rejected.size(), message)
        : ExportTraceServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(rejected.size())
                    .setErrorMessage(message))
            .build()
            .toByteArray();
  }

  static String errorMessage(List<Rejection> rejected) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(MAX_REASONS, rejected.size());
    for (int i = 0; i < shown; i++) {
      if (i > 0) out.append("; ");
      out.append(rejected.get(i).reason());
    }
    if (rejected.size() > shown)
      out.append("; and ").append(rejected.size() - shown).append(" more");
    return out.toString();
  }

  private static byte[] json(int rejectedSpans, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + message.length());
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("partialSuccess");
      g.writeStringField("rejectedSpans", Integer.toString(rejectedSpans));
      g.writeStringField("errorMessage", message);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
