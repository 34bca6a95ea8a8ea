package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.WireBodies.TRACE;
import static dev.loupe.ingest.otlp.WireBodies.attribute;
import static dev.loupe.ingest.otlp.WireBodies.decode;
import static dev.loupe.ingest.otlp.WireBodies.request;
import static dev.loupe.ingest.otlp.WireBodies.span;
import static dev.loupe.ingest.otlp.WireScrambler.concat;
import static dev.loupe.ingest.otlp.WireScrambler.lengthDelimited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bodies protobuf's serializer does not write but its parser reads, decoded by the streaming
 * decoder as by the reference ({@link WireBodies#decode}): fields repeated and merged, a resource
 * or scope after its spans.
 */
class StreamingDecoderWireTest {
  @Test
  void aValueGivenTwice_mergesAsProtobufJavaDoes() {
    KeyValue first = TestRequests.kv("k", TestRequests.array(TestRequests.string("a")));
    KeyValue replaced = KeyValue.newBuilder().setValue(TestRequests.string("x")).build();
    KeyValue again =
        KeyValue.newBuilder().setValue(TestRequests.array(TestRequests.string("b"))).build();
    KeyValue last = TestRequests.kv("k", TestRequests.string("later"));

    DecodeOutcome outcome =
        decode(
            request(
                concat(List.of(span("s"), attribute(first, replaced, again), attribute(last)))));

    // the builder of array_value keeps "a" while string_value is set, and "b" is added to it
    assertThat(outcome.spans().getFirst().attributes()).isEqualTo(Map.of("k", "later"));
    assertThat(
            decode(request(concat(List.of(span("s"), attribute(first, replaced, again)))))
                .spans()
                .getFirst()
                .attributes())
        .isEqualTo(Map.of("k", List.of("a", "b")));
  }

  /**
   * Values nested 60 deep, each given twice (the second occurrence empty): read once each, not
   * again with every merge (2^60 times).
   */
  @Test
  void aValueGivenTwiceAtEveryLevel_isReadInLinearTime() {
    byte[] value = TestRequests.string("x").toByteArray();
    for (int level = 1; level < 60; level++) {
      byte[] keyValue = twice(KeyValue.newBuilder().setKey("k").build().toByteArray(), value);
      value =
          lengthDelimited(
              AnyValue.KVLIST_VALUE_FIELD_NUMBER,
              lengthDelimited(KeyValueList.VALUES_FIELD_NUMBER, keyValue));
    }
    byte[] body =
        request(
            concat(
                List.of(
                    span("deep"),
                    lengthDelimited(
                        Span.ATTRIBUTES_FIELD_NUMBER,
                        twice(KeyValue.newBuilder().setKey("a").build().toByteArray(), value)))));

    Object attribute =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> decode(body))
            .spans()
            .getFirst()
            .attributes()
            .get("a");

    for (int level = 1; level < 60; level++) attribute = ((Map<?, ?>) attribute).get("k");
    assertThat(attribute).isEqualTo("x");
  }

  /** A {@code KeyValue} written as {@code key} and then its value twice, the second one empty. */
  private static byte[] twice(byte[] key, byte[] value) {
    return concat(
        List.of(
            key,
            lengthDelimited(KeyValue.VALUE_FIELD_NUMBER, value),
            lengthDelimited(KeyValue.VALUE_FIELD_NUMBER, new byte[0])));
  }

  @Test
  void aSpanWrittenTwice_isOneSpanWithTheLaterScalarsAndBothLists() {
    Span later =
        Span.newBuilder()
            .setName("later")
            .addAttributes(TestRequests.kv("b", TestRequests.integer(2)))
            .setStatus(Status.newBuilder().setMessage("why"))
            .build();
    byte[] first =
        TestRequests.span(TRACE, TestRequests.ROOT_ID, "", "first")
            .addAttributes(TestRequests.kv("a", TestRequests.integer(1)))
            .setStatus(Status.newBuilder().setCodeValue(2))
            .build()
            .toByteArray();

    SpanRecord span =
        decode(request(concat(List.of(first, later.toByteArray())))).spans().getFirst();

    assertThat(span.name()).isEqualTo("later");
    assertThat(span.attributes()).containsExactly(Map.entry("a", 1L), Map.entry("b", 2L));
    assertThat(span.statusCode()).isEqualTo(2);
    assertThat(span.statusMessage()).isEqualTo("why");
  }

  @Test
  void aResourceAndScopeAfterTheirSpans_andGivenTwice_applyToAllOfThem() {
    byte[] scope =
        lengthDelimited(
            ScopeSpans.SCOPE_FIELD_NUMBER,
            InstrumentationScope.newBuilder().setName("lib").build().toByteArray());
    byte[] version =
        lengthDelimited(
            ScopeSpans.SCOPE_FIELD_NUMBER,
            InstrumentationScope.newBuilder().setVersion("1.0").build().toByteArray());
    byte[] scopeSpans =
        concat(
            List.of(
                lengthDelimited(ScopeSpans.SPANS_FIELD_NUMBER, span("a")),
                scope,
                lengthDelimited(ScopeSpans.SPANS_FIELD_NUMBER, span("b")),
                version));
    byte[] resource1 = resource(TestRequests.kv("service.name", TestRequests.string("one")));
    byte[] resource2 =
        resource(
            TestRequests.kv("x", TestRequests.integer(1)),
            TestRequests.kv("service.name", TestRequests.string("two")));
    byte[] body =
        lengthDelimited(
            ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER,
            concat(
                List.of(
                    resource1,
                    lengthDelimited(ResourceSpans.SCOPE_SPANS_FIELD_NUMBER, scopeSpans),
                    resource2)));

    List<SpanRecord> spans = decode(body).spans();

    assertThat(spans).extracting(SpanRecord::name).containsExactly("a", "b");
    for (SpanRecord s : spans) {
      assertThat(s.scopeName()).isEqualTo("lib");
      assertThat(s.scopeVersion()).isEqualTo("1.0");
      assertThat(s.resourceAttributes())
          .containsExactly(Map.entry("service.name", "two"), Map.entry("x", 1L));
    }
  }

  private static byte[] resource(KeyValue... attributes) {
    return lengthDelimited(
        ResourceSpans.RESOURCE_FIELD_NUMBER,
        Resource.newBuilder().addAllAttributes(List.of(attributes)).build().toByteArray());
  }
}
