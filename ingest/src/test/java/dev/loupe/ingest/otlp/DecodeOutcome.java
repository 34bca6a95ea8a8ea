package dev.loupe.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.ingest.BadPayloadException;
import dev.loupe.ingest.IngestResult.Rejection;
import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What decoding a body gave, in a form whose equals is exact: spans as lists of their fields, maps
 * as lists of entries in their order (a map's own equals ignores order), {@code byte[]} by content;
 * the rejections; or that the body was refused as malformed.
 *
 * @param spans the span records, compared with their own equals too ({@link ComparableSpans})
 */
record DecodeOutcome(
    List<SpanRecord> spans,
    List<Object> exactSpans,
    List<Rejection> rejected,
    @Nullable String malformed) {
  static final String PREFIX = "OTLP/protobuf body is not an ExportTraceServiceRequest: ";

  static DecodeOutcome of(Function<byte[], DecodedSpans> decoder, byte[] body) {
    DecodedSpans decoded;
    try {
      decoded = decoder.apply(body);
    } catch (BadPayloadException e) {
      assertThat(e.reason()).isEqualTo(BadPayloadException.Reason.MALFORMED);
      assertThat(e.getMessage()).startsWith(PREFIX);
      return new DecodeOutcome(List.of(), List.of(), List.of(), e.getMessage());
    }
    List<Object> exact = new ArrayList<>();
    for (SpanRecord s : decoded.spans()) exact.add(exact(s));
    return new DecodeOutcome(ComparableSpans.of(decoded.spans()), exact, decoded.rejected(), null);
  }

  boolean isMalformed() {
    return malformed != null;
  }

  /** Equal outcomes; the messages of two refusals may differ (only the first error is named). */
  void assertSameAs(DecodeOutcome reference, String what) {
    assertThat(isMalformed())
        .as("%s refused: %s, reference: %s", what, malformed, reference.malformed)
        .isEqualTo(reference.isMalformed());
    assertThat(spans).as("%s: span records", what).isEqualTo(reference.spans);
    assertThat(exactSpans).as("%s: span fields in order", what).isEqualTo(reference.exactSpans);
    assertThat(rejected).as("%s: rejections", what).isEqualTo(reference.rejected);
  }

  private static List<Object> exact(SpanRecord s) {
    List<Object> events = new ArrayList<>();
    for (SpanEvent e : s.events())
      events.add(List.of(e.name(), e.epochNanos(), exact(e.attributes())));
    unmodifiable(s.events());
    return Arrays.asList(
        s.traceId(),
        s.spanId(),
        s.parentSpanId(),
        s.name(),
        s.kind(),
        s.startEpochNanos(),
        s.endEpochNanos(),
        exact(s.attributes()),
        events,
        s.statusCode(),
        s.statusMessage(),
        exact(s.resourceAttributes()),
        s.scopeName(),
        s.scopeVersion());
  }

  /** A value in exact form; maps and lists must be unmodifiable, as the decoders give them. */
  @SuppressWarnings("unchecked")
  private static Object exact(Object value) {
    if (value instanceof byte[] bytes) return "bytes:" + HexFormat.of().formatHex(bytes);
    if (value instanceof Map<?, ?> map) {
      unmodifiable(map);
      List<Object> entries = new ArrayList<>();
      ((Map<String, Object>) map).forEach((k, v) -> entries.add(List.of(k, exact(v))));
      return entries;
    }
    if (value instanceof List<?> list) {
      unmodifiable(list);
      return list.stream().map(DecodeOutcome::exact).toList();
    }
    assertThat(value).isInstanceOfAny(String.class, Long.class, Double.class, Boolean.class);
    return value;
  }

  @SuppressWarnings("unchecked")
  private static void unmodifiable(Object container) {
    if (container instanceof Map<?, ?> map) {
      assertThatThrownBy(() -> ((Map<String, Object>) map).put("x", 1))
          .isInstanceOf(UnsupportedOperationException.class);
    } else {
      assertThatThrownBy(() -> ((List<Object>) container).add(1))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
