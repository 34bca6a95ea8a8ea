package dev.loupe.server.fuzz;

import static dev.loupe.server.fuzz.Valid.pick;

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
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * OTLP/protobuf export bodies, and the ways one span can be wrong while the message stays
 * parseable: ids of the wrong length, absurd times, enums out of range, extreme or NaN numbers, bad
 * attribute content, huge strings, nesting the parser accepts.
 */
final class OtlpProtoBodies {
  private OtlpProtoBodies() {}

  static byte[] request(List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder().addAttributes(keyValue("service.name", string("fuzz"))))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(
                            InstrumentationScope.newBuilder()
                                .setName("langfuse-sdk")
                                .setVersion("5.11.1"))
                        .addAllSpans(spans)))
        .build()
        .toByteArray();
  }

  static Span.Builder span(Valid.Span s) {
    Span.Builder b =
        Span.newBuilder()
            .setTraceId(bytes(s.traceId()))
            .setSpanId(bytes(s.spanId()))
            .setName(s.name())
            .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
            .setStartTimeUnixNano(s.startNanos())
            .setEndTimeUnixNano(s.endNanos())
            .setStatus(Status.newBuilder());
    if (!s.parentId().isEmpty()) b.setParentSpanId(bytes(s.parentId()));
    s.attributes().forEach((k, v) -> b.addAttributes(keyValue(k, string(v))));
    return b;
  }

  /** Applies one random item-level mutation; returns its description. */
  static String mutate(Random r, Span.Builder span) {
    switch (r.nextInt(8)) {
      case 0 -> {
        int length = pick(r, List.of(0, 1, 3, 7, 9, 15, 17, 32));
        ByteString id = ByteString.copyFrom(new byte[length]);
        if (r.nextBoolean()) {
          span.setTraceId(id);
          return "traceId of " + length + " bytes";
        }
        span.setSpanId(id);
        return "spanId of " + length + " bytes";
      }
      case 1 -> {
        long v = pick(r, List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 253402300800L));
        if (r.nextBoolean()) span.setStartTimeUnixNano(v);
        else span.setEndTimeUnixNano(v);
        return "a span time of " + Long.toUnsignedString(v) + " ns";
      }
      case 2 -> {
        span.setName(Weird.huge(r));
        return "name of " + span.getName().length() + " chars";
      }
      case 3 -> {
        span.setKindValue(pick(r, List.of(-1, 6, 99, Integer.MAX_VALUE)));
        span.setStatus(Status.newBuilder().setCodeValue(pick(r, List.of(-7, 3, 99))));
        return "kind " + span.getKindValue() + ", status code " + span.getStatus().getCodeValue();
      }
      case 4 -> {
        String key = pick(r, List.of("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens"));
        long v = pick(r, List.of(Long.MAX_VALUE, Long.MIN_VALUE, -5L, 1L << 62));
        span.addAttributes(keyValue(key, AnyValue.newBuilder().setIntValue(v).build()));
        return "attribute " + key + "=" + v;
      }
      case 5 -> {
        double v = pick(r, List.of(Double.NaN, Double.POSITIVE_INFINITY, -1e300, 1e300));
        String key = pick(r, List.of("gen_ai.usage.cost", "gen_ai.request.temperature"));
        span.addAttributes(keyValue(key, AnyValue.newBuilder().setDoubleValue(v).build()));
        return "attribute " + key + "=" + v;
      }
      case 6 -> {
        Map.Entry<String, String> a = Weird.attributeText(r);
        span.addAttributes(keyValue(a.getKey(), string(a.getValue())));
        return "attribute " + a.getKey() + "=" + Weird.abbreviate(a.getValue());
      }
      default -> {
        // three messages per level: protobuf's parser allows 100 levels in all
        int depth = 5 + r.nextInt(20);
        span.addAttributes(keyValue("deep", nested(depth)));
        return "attribute value nested " + depth + " levels";
      }
    }
  }

  /** Key-value lists nested {@code depth} levels (beyond ~30 the parser refuses the message). */
  static AnyValue nested(int depth) {
    AnyValue v = string("x");
    for (int i = 0; i < depth; i++) {
      v =
          i % 2 == 0
              ? AnyValue.newBuilder()
                  .setKvlistValue(KeyValueList.newBuilder().addValues(keyValue("k", v)))
                  .build()
              : AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(v)).build();
    }
    return v;
  }

  static KeyValue keyValue(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static AnyValue string(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }
}
