package dev.loupe.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

/**
 * Bodies nested around the limits, decoded by the streaming decoder as by the reference: a value
 * deeper than {@code Bounds.MAX_DEPTH} is its span's rejection (or its resource's spans'), a body
 * nested deeper than {@link ProtobufTraceDecoder#RECURSION_LIMIT} (values, or unknown groups) is
 * refused.
 */
class StreamingDecoderDepthTest {
  private final DecoderComparison decoders = new DecoderComparison();

  private DecodeOutcome compare(byte[] body, String what) {
    return decoders.compare(body, what);
  }

  @Test
  void valuesNestedAroundTheDepthAndRecursionLimits_inEveryPlace() {
    for (int levels = 1; levels <= 100; levels++) {
      for (int kind = 0; kind < 3; kind++) {
        AnyValue deep = TestRequests.chain(levels, kind, TestRequests.string("x"));
        KeyValue kv = TestRequests.kv("deep", deep);
        Span.Builder span = TestRequests.span(TestRequests.TRACE_ID, TestRequests.ROOT_ID, "", "s");
        String what = levels + " levels of kind " + kind + " in ";
        compare(request(span.clone().addAttributes(kv)).toByteArray(), what + "a span");
        compare(
            request(span.clone().addEvents(Span.Event.newBuilder().addAttributes(kv)))
                .toByteArray(),
            what + "an event");
        compare(
            request(span.clone().addLinks(Span.Link.newBuilder().addAttributes(kv))).toByteArray(),
            what + "a link");
        ResourceSpans.Builder resource =
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(kv))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().addAttributes(kv))
                        .addSpans(span));
        compare(
            ExportTraceServiceRequest.newBuilder().addResourceSpans(resource).build().toByteArray(),
            what + "a resource and a scope");
      }
    }
    decoders.assertRejected(
        "\": attributes \"", "\": event attributes \"", "\": resource.attributes \"");
    assertThat(decoders.malformed).isGreaterThan(100);
  }

  @Test
  void unknownGroupsNestedAroundTheRecursionLimit() {
    for (int depth = 190; depth <= 200; depth++) {
      UnknownFieldSet groups = UnknownFieldSet.getDefaultInstance();
      for (int i = 0; i < depth; i++) {
        groups =
            UnknownFieldSet.newBuilder()
                .addField(99, UnknownFieldSet.Field.newBuilder().addGroup(groups).build())
                .build();
      }
      Span span =
          TestRequests.span(TestRequests.TRACE_ID, TestRequests.ROOT_ID, "", "s")
              .setUnknownFields(groups)
              .build();
      DecodeOutcome outcome = compare(request(span).toByteArray(), depth + " groups");
      // the span is level 3: groups open at levels 4 to 3 + depth, up to RECURSION_LIMIT
      assertThat(outcome.isMalformed()).isEqualTo(3 + depth > ProtobufTraceDecoder.RECURSION_LIMIT);
    }
  }

  private static ExportTraceServiceRequest request(Span.Builder span) {
    return TestRequests.request(span.build());
  }

  private static ExportTraceServiceRequest request(Span span) {
    return TestRequests.request(span);
  }
}
