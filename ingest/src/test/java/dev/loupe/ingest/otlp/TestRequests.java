package dev.loupe.ingest.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;

/** Protobuf requests built in code, covering every attribute value type, events and statuses. */
final class TestRequests {
  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String ROOT_ID = "b7ad6b7169203331";
  static final String CHILD_ID = "00f067aa0ba902b7";
  static final byte[] BYTES = {0, 1, 2, (byte) 0xfe, (byte) 0xff, 62, 63};

  private TestRequests() {}

  static ExportTraceServiceRequest everyValueType() {
    Span root =
        span(TRACE_ID, ROOT_ID, "", "handle-request")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(1_795_474_787_575_000_000L)
            .setEndTimeUnixNano(1_795_474_787_662_497_021L)
            .addAttributes(kv("str", string("héllo \"wörld\"\n\u2603")))
            .addAttributes(kv("bool", AnyValue.newBuilder().setBoolValue(true).build()))
            .addAttributes(kv("int", integer(Long.MAX_VALUE)))
            .addAttributes(kv("negative", integer(-42)))
            .addAttributes(kv("double", AnyValue.newBuilder().setDoubleValue(0.1 + 0.2).build()))
            .addAttributes(kv("nan", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()))
            .addAttributes(
                kv(
                    "bytes",
                    AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(BYTES)).build()))
            .addAttributes(kv("array", array(string("a"), integer(2), array(string("nested")))))
            .addAttributes(
                kv(
                    "kvlist",
                    AnyValue.newBuilder()
                        .setKvlistValue(
                            KeyValueList.newBuilder()
                                .addValues(kv("inner", string("x")))
                                .addValues(
                                    kv(
                                        "deeper",
                                        AnyValue.newBuilder()
                                            .setKvlistValue(
                                                KeyValueList.newBuilder()
                                                    .addValues(
                                                        kv(
                                                            "flag",
                                                            AnyValue.newBuilder()
                                                                .setBoolValue(false)
                                                                .build())))
                                            .build())))
                        .build()))
            .addAttributes(kv("empty.array", array()))
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
            .build();
    Span child =
        span(TRACE_ID, CHILD_ID, ROOT_ID, "polish-reply")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(1_795_474_787_643_000_000L)
            .setEndTimeUnixNano(1_795_474_787_659_241_383L)
            .addAttributes(kv("gen_ai.request.model", string("gpt-4o-mini")))
            .addEvents(
                Span.Event.newBuilder()
                    .setName("exception")
                    .setTimeUnixNano(1_795_474_787_659_000_001L)
                    .addAttributes(kv("exception.type", string("RateLimitError")))
                    .addAttributes(
                        kv("exception.escaped", AnyValue.newBuilder().setBoolValue(true).build())))
            .addEvents(
                Span.Event.newBuilder().setName("bare").setTimeUnixNano(1_795_474_787_659_000_002L))
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage("Rate limit exceeded"))
            .build();
    Span consumer =
        span("ffffffffffffffffffffffffffffffff", "ffffffffffffffff", "", "consume")
            .setKind(Span.SpanKind.SPAN_KIND_CONSUMER)
            .setStartTimeUnixNano(1L)
            .setEndTimeUnixNano(2L)
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(kv("service.name", string("support-bot")))
                        .addAttributes(kv("process.pid", integer(4242))))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder()
                                .setName("langfuse-sdk")
                                .setVersion("5.11.1"))
                        .addSpans(root)
                        .addSpans(child)))
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("queue"))
                        .addSpans(consumer)))
        .build();
  }

  static Span.Builder span(String traceId, String spanId, String parentSpanId, String name) {
    return Span.newBuilder()
        .setTraceId(hex(traceId))
        .setSpanId(hex(spanId))
        .setParentSpanId(hex(parentSpanId))
        .setName(name);
  }

  static ByteString hex(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static AnyValue string(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  static AnyValue integer(long i) {
    return AnyValue.newBuilder().setIntValue(i).build();
  }

  static AnyValue array(AnyValue... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (AnyValue v : values) array.addValues(v);
    return AnyValue.newBuilder().setArrayValue(array).build();
  }

  /**
   * {@code levels} values nested in each other around {@code innermost}: arrays ({@code kind} 0),
   * kvlists (1) or a mix (2).
   */
  static AnyValue chain(int levels, int kind, AnyValue innermost) {
    AnyValue v = innermost;
    for (int i = 1; i < levels; i++) {
      boolean array = kind == 0 || (kind == 2 && i % 2 == 0);
      AnyValue.Builder b = AnyValue.newBuilder();
      if (array) {
        b.setArrayValue(ArrayValue.newBuilder().addValues(v));
      } else {
        b.setKvlistValue(
            KeyValueList.newBuilder().addValues(KeyValue.newBuilder().setKey("k").setValue(v)));
      }
      v = b.build();
    }
    return v;
  }

  static ExportTraceServiceRequest request(Span... spans) {
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("test"));
    for (Span s : spans) scope.addSpans(s);
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }
}
