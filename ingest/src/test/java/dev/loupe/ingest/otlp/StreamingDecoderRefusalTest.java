package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.WireBodies.TRACE;
import static dev.loupe.ingest.otlp.WireBodies.attribute;
import static dev.loupe.ingest.otlp.WireBodies.decode;
import static dev.loupe.ingest.otlp.WireBodies.request;
import static dev.loupe.ingest.otlp.WireBodies.span;
import static dev.loupe.ingest.otlp.WireScrambler.concat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Bodies both decoders refuse whole ({@link WireBodies#decode}): strings that are not UTF-8, even
 * where the decoder uses nothing, and broken tags.
 */
class StreamingDecoderRefusalTest {
  @Test
  void invalidUtf8_inStringsTheDecoderDoesNotUse_refusesTheBody() {
    List<UnaryOperator<Span.Builder>> places =
        List.of(
            s -> s.setTraceState("é"),
            s -> s.addLinks(Span.Link.newBuilder().setTraceState("é")),
            s ->
                s.addLinks(
                    Span.Link.newBuilder()
                        .addAttributes(TestRequests.kv("é", TestRequests.integer(1)))),
            s ->
                s.addAttributes(
                    TestRequests.kv("k", TestRequests.chain(70, 0, TestRequests.string("é")))));
    for (UnaryOperator<Span.Builder> place : places) {
      assertRefused(
          TestRequests.request(
                  place.apply(TestRequests.span(TRACE, TestRequests.ROOT_ID, "", "s")).build())
              .toByteArray());
    }
    ResourceSpans.Builder rs =
        ResourceSpans.newBuilder()
            .addScopeSpans(
                ScopeSpans.newBuilder()
                    .setScope(
                        InstrumentationScope.newBuilder()
                            .addAttributes(TestRequests.kv("k", TestRequests.string("é")))));
    assertRefused(
        ExportTraceServiceRequest.newBuilder().addResourceSpans(rs).build().toByteArray());
    assertRefused(
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(ResourceSpans.newBuilder().setSchemaUrl("é"))
            .build()
            .toByteArray());
    assertRefused(
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addEntityRefs(EntityRef.newBuilder().addIdKeys("é"))))
            .build()
            .toByteArray());
    // a value replaced by a later one is parsed all the same
    assertRefused(
        request(
            concat(
                List.of(
                    span("s"),
                    attribute(
                        TestRequests.kv("k", TestRequests.string("é")),
                        TestRequests.kv("k", TestRequests.string("ok")))))));
  }

  /** {@code body} with its "é" made invalid UTF-8 is refused by both decoders. */
  private static void assertRefused(byte[] body) {
    assertThat(decode(body).isMalformed()).isFalse();
    String utf8 = ByteString.copyFrom(body).toString(StandardCharsets.ISO_8859_1);
    int at = utf8.indexOf("\u00c3\u00a9");
    assertThat(at).isNotNegative();
    byte[] invalid = body.clone();
    invalid[at + 1] = '(';
    assertThat(decode(invalid).malformed()).contains("invalid UTF-8");
  }

  @Test
  void brokenTags_refuseTheBody() {
    byte[] good = request(span("s"));
    byte[][] bodies = {
      concat(List.of(good, new byte[] {0})), // field number 0
      concat(List.of(good, new byte[] {(byte) (15 << 3 | 4)})), // an end-group tag, no group open
      concat(List.of(good, new byte[] {(byte) (15 << 3 | 3)})), // a group never closed
      concat(
          List.of(
              good, new byte[] {(byte) (15 << 3 | 3), (byte) (14 << 3 | 4)})), // closed by another
      concat(List.of(good, new byte[] {(byte) (15 << 3 | 6)})), // wire type 6
      concat(List.of(good, new byte[] {(byte) (15 << 3 | 7), 0})), // wire type 7
      request(concat(List.of(span("s"), new byte[] {(byte) (15 << 3 | 4)}))), // end tag in a span
      concat(
          List.of(
              good,
              new byte[] {
                10, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f
              })), // negative length
    };
    for (byte[] body : bodies) assertThat(decode(body).isMalformed()).isTrue();
    byte[] group =
        concat(List.of(good, new byte[] {(byte) (15 << 3 | 3), 8, 1, (byte) (15 << 3 | 4)}));
    assertThat(decode(group).spans()).hasSize(1);
  }
}
