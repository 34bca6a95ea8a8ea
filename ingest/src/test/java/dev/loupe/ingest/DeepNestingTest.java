package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest.BatchResult;
import dev.loupe.model.Bounds;
import dev.loupe.model.Observation;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Values nested deep, read on a thread with the 512 KiB stack the launcher gives (~330 levels of
 * OTLP/JSON once overflowed it): a value nested deeper than {@link Bounds#MAX_DEPTH} is its span's
 * or event's error, the rest of the request is kept, and a body deeper than the parsers read is a
 * 400 for the body. Never a {@link StackOverflowError}.
 */
class DeepNestingTest {
  static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  final OtlpIngest otlp = new OtlpIngest();
  final LangfuseBatchIngest langfuse = new LangfuseBatchIngest();

  @Test
  void otlpJson_aSpanWithValuesNestedTooDeepIsRejectedAlone() throws Exception {
    String body =
        otlpJson(
            span("00000000000000a1", "fine", jsonArrays(Bounds.MAX_DEPTH)),
            span("00000000000000a2", "deep", jsonArrays(330)),
            span("00000000000000a3", "kvlist", jsonKvlists(Bounds.MAX_DEPTH + 1)),
            span("00000000000000a4", "after", jsonArrays(1)));

    IngestResult r = onSmallStack(() -> otlp.ingest("p", utf8(body), "application/json", null));

    assertThat(r.observations()).extracting(Observation::name).containsExactly("fine", "after");
    assertThat(r.rejected())
        .extracting(IngestResult.Rejection::reason)
        .containsExactly(
            "span #1 \"deep\": attributes \"nested\": values nested deeper than 64 levels",
            "span #2 \"kvlist\": attributes \"nested\": values nested deeper than 64 levels");
  }

  @Test
  void otlpJson_deeperThanTheParserReadsIsABadBody() {
    String body = otlpJson(span("00000000000000a1", "deep", jsonArrays(5_000)));

    assertThatThrownBy(
            () -> onSmallStack(() -> otlp.ingest("p", utf8(body), "application/json", null)))
        .isInstanceOf(BadPayloadException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void otlpJson_resourceAttributesNestedTooDeepRejectTheResourcesSpans() throws Exception {
    String body =
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"r\",\"value\":"
            + jsonArrays(100)
            + "}]},\"scopeSpans\":[{\"spans\":["
            + span("00000000000000a1", "mine", jsonArrays(1))
            + "]}]},{\"scopeSpans\":[{\"spans\":["
            + span("00000000000000a2", "other", jsonArrays(1))
            + "]}]}]}";

    IngestResult r = onSmallStack(() -> otlp.ingest("p", utf8(body), "application/json", null));

    assertThat(r.observations()).extracting(Observation::name).containsExactly("other");
    assertThat(r.rejected().get(0).reason())
        .contains("resource.attributes \"r\": values nested deeper than 64 levels");
  }

  @Test
  void protobuf_aSpanWithValuesNestedTooDeepIsRejectedAlone() throws Exception {
    ExportTraceServiceRequest request =
        request(
            protoSpan("00000000000000b1", "fine", protoKvlists(Bounds.MAX_DEPTH)),
            protoSpan("00000000000000b2", "deep", protoKvlists(Bounds.MAX_DEPTH + 1)),
            protoSpan("00000000000000b3", "arrays", protoArrays(90)),
            protoSpan("00000000000000b4", "after", protoArrays(1)));

    IngestResult r =
        onSmallStack(() -> otlp.ingest("p", request.toByteArray(), "application/x-protobuf", null));

    assertThat(r.observations()).extracting(Observation::name).containsExactly("fine", "after");
    assertThat(r.rejected())
        .extracting(IngestResult.Rejection::reason)
        .allMatch(reason -> reason.endsWith("values nested deeper than 64 levels"))
        .hasSize(2);
  }

  @Test
  void protobuf_deeperThanTheParserReadsIsABadBody() {
    byte[] body = request(protoSpan("00000000000000b1", "deep", protoArrays(500))).toByteArray();

    assertThatThrownBy(
            () -> onSmallStack(() -> otlp.ingest("p", body, "application/x-protobuf", null)))
        .isInstanceOf(BadPayloadException.class)
        .hasMessageContaining("nesting");
  }

  @Test
  void dottedAttributeKeys_thatWouldNestTooDeepRejectTheirSpan() throws Exception {
    String key = "gen_ai.prompt.0" + ".x".repeat(20_000);
    String body =
        otlpJson(
            "{\"traceId\":\""
                + TRACE_ID
                + "\",\"spanId\":\"00000000000000c1\",\"name\":\"dots\","
                + "\"startTimeUnixNano\":\"1767225600000000000\",\"attributes\":[{\"key\":\""
                + key
                + "\",\"value\":{\"stringValue\":\"hi\"}}]}",
            span("00000000000000c2", "after", jsonArrays(1)));

    IngestResult r = onSmallStack(() -> otlp.ingest("p", utf8(body), "application/json", null));

    assertThat(r.observations()).extracting(Observation::name).containsExactly("after");
    assertThat(r.rejected().get(0).reason()).contains("dotted levels, more than 64");
  }

  @Test
  void langfuse_anEventWithAFieldNestedTooDeepIsThatEventsError() throws Exception {
    String batch =
        "{\"batch\":["
            + event("e-fine", jsonNested(Bounds.MAX_DEPTH))
            + ","
            + event("e-deep", jsonNested(Bounds.MAX_DEPTH + 1))
            + ","
            + event("e-very-deep", jsonNested(900))
            + "]}";

    BatchResult r = onSmallStack(() -> langfuse.ingest("p", utf8(batch)));

    assertThat(r.successes()).containsExactly("e-fine");
    assertThat(r.errors())
        .extracting(LangfuseBatchIngest.EventError::message)
        .containsExactly(
            "body.input: nested deeper than 64 levels", "body.input: nested deeper than 64 levels");
  }

  @Test
  void langfuse_deeperThanTheParserReadsIsABadBody() {
    String batch = "{\"batch\":[" + event("e", jsonNested(5_000)) + "]}";

    assertThatThrownBy(() -> onSmallStack(() -> langfuse.ingest("p", utf8(batch))))
        .isInstanceOf(BadPayloadException.class)
        .hasMessageContaining("nesting depth");
  }

  // --- bodies ---

  /** An AnyValue of {@code depth} nested arrays in OTLP/JSON, a string at the bottom. */
  static String jsonArrays(int depth) {
    return "{\"arrayValue\":{\"values\":[".repeat(depth - 1)
        + "{\"stringValue\":\"x\"}"
        + "]}}".repeat(depth - 1);
  }

  /** An AnyValue of {@code depth} nested key-value lists in OTLP/JSON. */
  static String jsonKvlists(int depth) {
    return "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":".repeat(depth - 1)
        + "{\"intValue\":\"1\"}"
        + "}]}}".repeat(depth - 1);
  }

  static String span(String spanId, String name, String nestedValue) {
    return "{\"traceId\":\""
        + TRACE_ID
        + "\",\"spanId\":\""
        + spanId
        + "\",\"name\":\""
        + name
        + "\",\"startTimeUnixNano\":\"1767225600000000000\","
        + "\"attributes\":[{\"key\":\"nested\",\"value\":"
        + nestedValue
        + "}]}";
  }

  static String otlpJson(String... spans) {
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + String.join(",", spans) + "]}]}]}";
  }

  static AnyValue protoArrays(int depth) {
    AnyValue v = AnyValue.newBuilder().setStringValue("x").build();
    for (int i = 1; i < depth; i++) {
      v = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(v)).build();
    }
    return v;
  }

  static AnyValue protoKvlists(int depth) {
    AnyValue v = AnyValue.newBuilder().setIntValue(1).build();
    for (int i = 1; i < depth; i++) {
      v =
          AnyValue.newBuilder()
              .setKvlistValue(
                  KeyValueList.newBuilder()
                      .addValues(KeyValue.newBuilder().setKey("k").setValue(v)))
              .build();
    }
    return v;
  }

  static Span protoSpan(String spanId, String name, AnyValue nested) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
        .setName(name)
        .setStartTimeUnixNano(1_767_225_600_000_000_000L)
        .addAttributes(KeyValue.newBuilder().setKey("nested").setValue(nested))
        .build();
  }

  static ExportTraceServiceRequest request(Span... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span s : spans) scope.addSpans(s);
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.getDefaultInstance())
                .addScopeSpans(scope))
        .build();
  }

  /** A JSON value {@code depth} levels deep: arrays and objects in turn. */
  static String jsonNested(int depth) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < depth; i++) s.append(i % 2 == 0 ? "[" : "{\"k\":");
    s.append("1");
    for (int i = depth - 1; i >= 0; i--) s.append(i % 2 == 0 ? "]" : "}");
    return s.toString();
  }

  static String event(String id, String input) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"span-create\",\"timestamp\":\"2026-01-01T00:00:00Z\","
        + "\"body\":{\"id\":\""
        + id
        + "-span\",\"traceId\":\"t\",\"input\":"
        + input
        + "}}";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Runs {@code work} on a thread with a 512 KiB stack, as the launcher's {@code -Xss512k}. */
  static <T> T onSmallStack(Callable<T> work) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result.set(work.call());
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "small-stack",
            512 * 1024);
    t.start();
    t.join();
    Throwable e = failure.get();
    if (e instanceof StackOverflowError so) throw new AssertionError("stack overflow", so);
    if (e instanceof Exception ex) throw ex;
    if (e != null) throw new AssertionError(e);
    return result.get();
  }
}
