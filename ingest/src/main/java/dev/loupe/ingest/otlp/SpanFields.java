package dev.loupe.ingest.otlp;

import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One OTLP/JSON span as read, before its resource and scope are known (JSON does not order fields,
 * so a {@code resource} may follow its {@code scopeSpans}).
 */
final class SpanFields {
  final int index;
  @Nullable String traceId;
  @Nullable String spanId;
  @Nullable String parentSpanId;
  String name = "";
  int kind;
  long startNanos;
  long endNanos;
  Map<String, Object> attributes = Map.of();
  List<SpanEvent> events = List.of();
  int statusCode;
  @Nullable String statusMessage;

  /** Why the span cannot be taken though its fields were read (a value nested too deep). */
  @Nullable String problem;

  SpanFields(int index) {
    this.index = index;
  }

  void emit(
      SpanCollector out,
      Map<String, Object> resource,
      String scopeName,
      @Nullable String scopeVersion) {
    if (problem != null) {
      out.reject(index, name, spanId, problem);
      return;
    }
    try {
      out.accept(
          new SpanRecord(
              SpanIds.traceId(traceId),
              SpanIds.spanId(spanId),
              SpanIds.parentSpanId(parentSpanId),
              name,
              kind,
              startNanos,
              endNanos,
              attributes,
              events,
              statusCode,
              statusMessage == null || statusMessage.isEmpty() ? null : statusMessage,
              resource,
              scopeName,
              scopeVersion));
    } catch (InvalidSpanException e) {
      out.reject(index, name, spanId, e.getMessage());
    }
  }
}
