package dev.loupe.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic agent traces as the Langfuse SDK sends them: per trace a root span, 5 generations of
 * about 1.5 KB (chat input/output, model, usage) and 2 tool spans, with trace attributes propagated
 * to every span. Public for the JMH benchmarks ({@code dev.loupe.bench.jmh.ProtobufDecodeBench}).
 */
public final class AgentTraceGenerator {
  static final int SPANS_PER_TRACE = 8;
  private static final String[] MODELS = {
    "gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-pro"
  };
  private static final String FILLER =
      "Customer asks about the delivery status of a recent order and wants an ETA; policy allows a refund "
          + "after 14 days; the knowledge base says carriers update tracking within 24 hours of shipping. ";

  // Attributes every trace has alike, built once with their UTF-8 bytes: protobuf then neither
  // measures nor encodes their text for each request (the bench's CPU is the server's cores too).
  private static final KeyValue TOOL_TYPE = constant("langfuse.observation.type", "tool");
  private static final KeyValue TOOL_OUTPUT =
      constant("langfuse.observation.output", "{\"status\":\"shipped\",\"carrier\":\"UPS\"}");
  private static final KeyValue GENERATION_TYPE =
      constant("langfuse.observation.type", "generation");
  private static final KeyValue MODEL_PARAMETERS =
      constant("langfuse.observation.model.parameters", "{\"temperature\":0.2,\"max_tokens\":512}");
  private static final KeyValue GENERATION_INPUT =
      constant(
          "langfuse.observation.input",
          "[{\"role\":\"system\",\"content\":\"You are a concise, friendly support agent.\"},"
              + "{\"role\":\"user\",\"content\":\""
              + FILLER
              + FILLER
              + FILLER
              + FILLER
              + "\"}]");
  private static final KeyValue GENERATION_OUTPUT =
      constant("langfuse.observation.output", FILLER + FILLER);

  private final SplittableRandom random;

  public AgentTraceGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * A request of {@code spans} spans (rounded down to whole traces); trace ids are returned in
   * {@code traceIds}.
   */
  public byte[] request(int spans, long nowNanos, List<String> traceIds) {
    ScopeSpans.Builder scope =
        ScopeSpans.newBuilder()
            .setScope(
                InstrumentationScope.newBuilder().setName("langfuse-sdk").setVersion("5.11.1"));
    for (int t = 0; t < spans / SPANS_PER_TRACE; t++) {
      byte[] traceId = randomBytes(16);
      traceIds.add(HexFormat.of().formatHex(traceId));
      addTrace(scope, ByteString.copyFrom(traceId), nowNanos);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(
                    Resource.newBuilder()
                        .addAttributes(kv("service.name", "support-agent"))
                        .addAttributes(kv("telemetry.sdk.language", "nodejs")))
                .addScopeSpans(scope))
        .build()
        .toByteArray();
  }

  private void addTrace(ScopeSpans.Builder scope, ByteString traceId, long now) {
    ByteString root = ByteString.copyFrom(randomBytes(8));
    String user = "user-" + random.nextInt(5_000);
    long start = now - 5_000_000_000L;
    List<Span> children = new ArrayList<>();
    long t = start + 1_000_000;
    for (int i = 0; i < 2; i++) {
      children.add(
          span(traceId, root, "lookup-order", t, t + 12_000_000, user)
              .addAttributes(TOOL_TYPE)
              .addAttributes(
                  kv(
                      "langfuse.observation.input",
                      "{\"orderId\":\"A-" + random.nextInt(99_999) + "\"}"))
              .addAttributes(TOOL_OUTPUT)
              .build());
      t += 15_000_000;
    }
    for (int i = 0; i < 5; i++) {
      long end = t + 300_000_000L + random.nextInt(900_000_000);
      Span.Builder gen =
          span(traceId, root, "draft-reply-" + i, t, end, user)
              .addAttributes(GENERATION_TYPE)
              .addAttributes(
                  kv("langfuse.observation.model.name", MODELS[random.nextInt(MODELS.length)]))
              .addAttributes(
                  kv(
                      "langfuse.observation.usage_details",
                      "{\"input\":"
                          + (200 + random.nextInt(2_000))
                          + ",\"output\":"
                          + (20 + random.nextInt(400))
                          + "}"))
              .addAttributes(MODEL_PARAMETERS)
              .addAttributes(GENERATION_INPUT)
              .addAttributes(GENERATION_OUTPUT);
      if (random.nextInt(50) == 0) {
        gen.addAttributes(kv("langfuse.observation.level", "ERROR"))
            .setStatus(
                Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("429"));
      }
      children.add(gen.build());
      t = end + 1_000_000;
    }
    scope.addAllSpans(children);
    scope.addSpans(
        Span.newBuilder()
            .setTraceId(traceId)
            .setSpanId(root)
            .setName("handle-request")
            .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
            .setStartTimeUnixNano(start)
            .setEndTimeUnixNano(t + 1_000_000)
            .addAllAttributes(traceAttributes(user))
            .addAttributes(kv("langfuse.observation.type", "span"))
            .addAttributes(
                kv(
                    "langfuse.trace.input",
                    "{\"ticketId\":\"T-1001\",\"question\":\"Where is my order?\"}"))
            .addAttributes(kv("langfuse.trace.output", "Your order shipped yesterday."))
            .build());
  }

  private Span.Builder span(
      ByteString traceId, ByteString parent, String name, long start, long end, String user) {
    return Span.newBuilder()
        .setTraceId(traceId)
        .setSpanId(ByteString.copyFrom(randomBytes(8)))
        .setParentSpanId(parent)
        .setName(name)
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(end)
        .addAllAttributes(traceAttributes(user));
  }

  private List<KeyValue> traceAttributes(String user) {
    return List.of(
        kv("user.id", user),
        kv("session.id", "session-" + user),
        kv("langfuse.trace.name", "handle-request"),
        kv("langfuse.version", "1.0.0"),
        KeyValue.newBuilder()
            .setKey("langfuse.trace.tags")
            .setValue(
                AnyValue.newBuilder()
                    .setArrayValue(
                        ArrayValue.newBuilder()
                            .addValues(AnyValue.newBuilder().setStringValue("bench"))
                            .addValues(AnyValue.newBuilder().setStringValue("agent"))))
            .build(),
        kv("langfuse.trace.metadata.tenant", "acme"));
  }

  private static KeyValue constant(String key, String value) {
    return KeyValue.newBuilder()
        .setKeyBytes(ByteString.copyFromUtf8(key))
        .setValue(AnyValue.newBuilder().setStringValueBytes(ByteString.copyFromUtf8(value)))
        .build();
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
    if (b[0] == 0) b[0] = 1;
    return b;
  }
}
