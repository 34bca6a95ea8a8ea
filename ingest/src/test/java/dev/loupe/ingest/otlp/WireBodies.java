package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.WireScrambler.concat;
import static dev.loupe.ingest.otlp.WireScrambler.lengthDelimited;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** Protobuf bodies written field by field, and their decoding by both decoders. */
final class WireBodies {
  static final String TRACE = TestRequests.TRACE_ID;

  private WireBodies() {}

  /** The outcome of {@code body}, asserted the same for the streaming and reference decoders. */
  static DecodeOutcome decode(byte[] body) {
    DecodeOutcome streaming = DecodeOutcome.of(new ProtobufTraceDecoder()::decode, body);
    streaming.assertSameAs(DecodeOutcome.of(new ReferenceTraceDecoder()::decode, body), "body");
    return streaming;
  }

  /** A usable span named {@code name}, serialized. */
  static byte[] span(String name) {
    return TestRequests.span(TRACE, TestRequests.ROOT_ID, "", name).build().toByteArray();
  }

  /** A request of one resource and scope holding spans written as {@code spans}. */
  static byte[] request(byte[]... spans) {
    byte[] scopeSpans =
        concat(
            List.of(spans).stream()
                .map(s -> lengthDelimited(ScopeSpans.SPANS_FIELD_NUMBER, s))
                .toList());
    return lengthDelimited(
        ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER,
        lengthDelimited(ResourceSpans.SCOPE_SPANS_FIELD_NUMBER, scopeSpans));
  }

  /** One {@code attributes} field of a span, written as the {@code KeyValue}s given in turn. */
  static byte[] attribute(KeyValue... occurrences) {
    return lengthDelimited(
        Span.ATTRIBUTES_FIELD_NUMBER,
        concat(List.of(occurrences).stream().map(KeyValue::toByteArray).toList()));
  }
}
