package dev.loupe.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProtobufJsonRoundTripTest {
  enum Form {
    LANGFUSE_JS(OtlpJsonWriter.Style.LANGFUSE_JS),
    SNAKE_CASE_NUMBERS_ENUM_NAMES(OtlpJsonWriter.Style.SNAKE_NUMBERS_NAMES),
    CAMEL_NUMBERS(new OtlpJsonWriter.Style(false, true, false)),
    SNAKE_STRINGS_ENUM_NUMBERS(new OtlpJsonWriter.Style(true, false, false));

    final OtlpJsonWriter.Style style;

    Form(OtlpJsonWriter.Style style) {
      this.style = style;
    }
  }

  private final ExportTraceServiceRequest request = TestRequests.everyValueType();
  private final List<SpanRecord> fromProtobuf =
      new ProtobufTraceDecoder().decode(request.toByteArray()).spans();

  @ParameterizedTest
  @EnumSource(Form.class)
  void jsonDecoder_readsTheSameSpansAsProtobuf(Form form) {
    byte[] json = OtlpJsonWriter.write(request, form.style);

    DecodedSpans fromJson = new JsonTraceDecoder().decode(json);

    assertThat(fromJson.rejected()).isEmpty();
    assertThat(ComparableSpans.of(fromJson.spans())).isEqualTo(ComparableSpans.of(fromProtobuf));
  }

  @Test
  void protobufDecoder_readsEveryField() {
    assertThat(fromProtobuf)
        .extracting(SpanRecord::name)
        .containsExactly("handle-request", "polish-reply", "consume");
    SpanRecord root = fromProtobuf.get(0);
    assertThat(root.traceId()).isEqualTo(TestRequests.TRACE_ID);
    assertThat(root.spanId()).isEqualTo(TestRequests.ROOT_ID);
    assertThat(root.parentSpanId()).isNull();
    assertThat(root.kind()).isEqualTo(2);
    assertThat(root.startEpochNanos()).isEqualTo(1_795_474_787_575_000_000L);
    assertThat(root.endEpochNanos()).isEqualTo(1_795_474_787_662_497_021L);
    assertThat(root.statusCode()).isEqualTo(1);
    assertThat(root.statusMessage()).isNull();
    assertThat(root.scopeName()).isEqualTo("langfuse-sdk");
    assertThat(root.scopeVersion()).isEqualTo("5.11.1");
    assertThat(root.resourceAttributes())
        .containsExactly(Map.entry("service.name", "support-bot"), Map.entry("process.pid", 4242L));
    assertThat(ComparableSpans.map(root.attributes()))
        .containsExactly(
            Map.entry("str", "héllo \"wörld\"\n\u2603"),
            Map.entry("bool", true),
            Map.entry("int", Long.MAX_VALUE),
            Map.entry("negative", -42L),
            Map.entry("double", 0.1 + 0.2),
            Map.entry("nan", Double.NaN),
            Map.entry("bytes", ByteBuffer.wrap(TestRequests.BYTES)),
            Map.entry("array", List.of("a", 2L, List.of("nested"))),
            Map.entry("kvlist", Map.of("inner", "x", "deeper", Map.of("flag", false))),
            Map.entry("empty.array", List.of()));

    SpanRecord child = fromProtobuf.get(1);
    assertThat(child.parentSpanId()).isEqualTo(TestRequests.ROOT_ID);
    assertThat(child.kind()).isEqualTo(3);
    assertThat(child.statusCode()).isEqualTo(2);
    assertThat(child.statusMessage()).isEqualTo("Rate limit exceeded");
    assertThat(child.events())
        .containsExactly(
            new SpanEvent(
                "exception",
                1_795_474_787_659_000_001L,
                Map.of("exception.type", "RateLimitError", "exception.escaped", true)),
            new SpanEvent("bare", 1_795_474_787_659_000_002L, Map.of()));

    SpanRecord consumer = fromProtobuf.get(2);
    assertThat(consumer.traceId()).isEqualTo("ffffffffffffffffffffffffffffffff");
    assertThat(consumer.kind()).isEqualTo(5);
    assertThat(consumer.scopeName()).isEqualTo("queue");
    assertThat(consumer.scopeVersion()).isNull();
    assertThat(consumer.resourceAttributes()).isEmpty();
  }
}
