package dev.loupe.ingest.otlp;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One OTLP span as decoded from protobuf or OTLP/JSON, before any convention is applied. Ids are
 * lowercase hex. Attribute values are {@code String}, {@code Long}, {@code Double}, {@code
 * Boolean}, {@code byte[]}, {@code List<Object>} (array) or {@code Map<String, Object>} (kvlist),
 * in wire order.
 *
 * @param statusCode OTel status: 0 unset, 1 ok, 2 error
 */
public record SpanRecord(
    String traceId,
    String spanId,
    @Nullable String parentSpanId,
    String name,
    int kind,
    long startEpochNanos,
    long endEpochNanos,
    Map<String, Object> attributes,
    List<SpanEvent> events,
    int statusCode,
    @Nullable String statusMessage,
    Map<String, Object> resourceAttributes,
    String scopeName,
    @Nullable String scopeVersion) {

  /** A span event (e.g. {@code gen_ai.user.message}, {@code exception}). */
  public record SpanEvent(String name, long epochNanos, Map<String, Object> attributes) {}
}
