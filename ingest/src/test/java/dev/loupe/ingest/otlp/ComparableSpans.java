package dev.loupe.ingest.otlp;

import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SpanRecords with {@code byte[]} values replaced by {@link ByteBuffer}s, so that equals compares
 * content.
 */
final class ComparableSpans {
  private ComparableSpans() {}

  static List<SpanRecord> of(List<SpanRecord> spans) {
    return spans.stream().map(ComparableSpans::of).toList();
  }

  static SpanRecord of(SpanRecord s) {
    List<SpanEvent> events =
        s.events().stream()
            .map(e -> new SpanEvent(e.name(), e.epochNanos(), map(e.attributes())))
            .toList();
    return new SpanRecord(
        s.traceId(),
        s.spanId(),
        s.parentSpanId(),
        s.name(),
        s.kind(),
        s.startEpochNanos(),
        s.endEpochNanos(),
        map(s.attributes()),
        events,
        s.statusCode(),
        s.statusMessage(),
        map(s.resourceAttributes()),
        s.scopeName(),
        s.scopeVersion());
  }

  static Map<String, Object> map(Map<String, Object> attributes) {
    Map<String, Object> out = new LinkedHashMap<>();
    attributes.forEach((k, v) -> out.put(k, value(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object value(Object v) {
    if (v instanceof byte[] bytes) return ByteBuffer.wrap(bytes);
    if (v instanceof List<?> list) return list.stream().map(ComparableSpans::value).toList();
    if (v instanceof Map<?, ?> map) return map((Map<String, Object>) map);
    return v;
  }
}
