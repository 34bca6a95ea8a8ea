package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.loupe.model.Observation;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * OTLP spans with values outside {@link dev.loupe.model.Bounds}: each is rejected in the partial
 * success naming the field and why, beside a good span that is kept.
 */
class OtlpBoundsTest {
  static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  static final long START = 1_767_225_600_000_000_000L; // 2026-01-01
  final OtlpIngest ingest = new OtlpIngest();

  @Test
  void protobuf_anEndBeyond2262_isRejectedNotReadAsUnset() {
    IngestResult r =
        ingest(
            span("00000000000000a1", "good", START, START + 1_000_000_000L),
            span("00000000000000a2", "far", START, -1L)); // fixed64 max: 2554

    assertKeptAndRejected(
        r, "span 00000000000000a2 \"far\": endTime: 2554-07-21T23:34:33.709551Z is at or after");
  }

  @Test
  void aTimeToFirstTokenLongerThanAnyTrace_isRejectedNamingTheAttribute() {
    IngestResult r =
        ingest(
            span("00000000000000a1", "good", START, START + 1_000_000_000L),
            span("00000000000000a2", "ttft", START, START + 1_000_000_000L).toBuilder()
                .addAttributes(attr("ai.response.msToFirstChunk", "1e30"))
                .build());

    assertKeptAndRejected(
        r,
        "span 00000000000000a2 \"ttft\": ai.response.msToFirstChunk: 1E+30 ms is longer than any"
            + " trace can be");
  }

  @Test
  void costsOutOfBounds_areRejectedNamingTheField() {
    IngestResult r =
        ingest(
            span("00000000000000a1", "good", START, START + 1_000_000_000L),
            withAttr(span("00000000000000a2", "negative", START, 0), "gen_ai.usage.cost", "-5"),
            withAttr(
                span("00000000000000a3", "sums", START, 0),
                "langfuse.observation.cost_details",
                "{\"input\": 700000, \"output\": 700000}"));

    assertThat(r.observations()).extracting(Observation::name).containsExactly("good");
    assertThat(r.rejected())
        .extracting(IngestResult.Rejection::reason)
        .containsExactly(
            "span 00000000000000a2 \"negative\": costDetails.total: -5 is negative",
            "span 00000000000000a3 \"sums\": costDetails: the total cost 1400000 is above"
                + " 999999.999999999999 USD");
  }

  @Test
  void aTokenCountOfAHundredMillionDigits_isRejectedAtOnce() {
    long t0 = System.nanoTime();
    IngestResult r =
        ingest(
            span("00000000000000a1", "good", START, START + 1_000_000_000L),
            withAttr(
                withAttr(span("00000000000000a2", "tokens", START, 0), "gen_ai.request.model", "m"),
                "gen_ai.usage.input_tokens",
                "1e99999999"));

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertKeptAndRejected(
        r,
        "span 00000000000000a2 \"tokens\": usageDetails.input: 9223372036854775807 is above"
            + " 1000000000000");
  }

  @Test
  void otlpJson_unpairedSurrogatesInTextBecomeReplacementCharacters() {
    String body =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\""
            + TRACE_ID
            + "\",\"spanId\":\"00000000000000a1\",\"name\":\"a\\ud800b\","
            + "\"startTimeUnixNano\":\""
            + START
            + "\",\"attributes\":[{\"key\":\"langfuse.observation.input\","
            + "\"value\":{\"stringValue\":\"q\\udc00\"}}]}]}]}]}";

    IngestResult r =
        ingest.ingest("p", body.getBytes(StandardCharsets.UTF_8), "application/json", null);

    assertThat(r.rejected()).isEmpty();
    assertThat(r.observations().get(0).name()).isEqualTo("a\uFFFDb");
    assertThat(r.observations().get(0).input()).isEqualTo("\"q\uFFFD\"");
  }

  @Test
  void protobuf_surrogatePairsStayWhole_andAnEncodedLoneSurrogateIsNoText() {
    String emoji = "\uD83D\uDE00";
    IngestResult r =
        ingest(
            withAttr(
                withAttr(
                    span("00000000000000a1", "a" + emoji, START, START + 1_000_000_000L),
                    "langfuse.observation.input",
                    emoji + " in"),
                "langfuse.observation.metadata.k" + emoji,
                "v" + emoji));

    assertThat(r.rejected()).isEmpty();
    Observation o = r.observations().get(0);
    assertThat(o.name()).isEqualTo("a" + emoji);
    assertThat(o.input()).isEqualTo("\"" + emoji + " in\"");
    assertThat(o.metadata()).contains("k" + emoji).contains("v" + emoji);

    // ED A0 80 would be U+D800 alone, which UTF-8 cannot carry: the body is not OTLP
    byte[] body = request(span("00000000000000a2", "aQRS", START, 0)).toByteArray();
    int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("aQRS") + 1;
    body[at] = (byte) 0xED;
    body[at + 1] = (byte) 0xA0;
    body[at + 2] = (byte) 0x80;
    assertThatThrownBy(() -> ingest.ingest("p", body, "application/x-protobuf", null))
        .isInstanceOf(BadPayloadException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void aSpanWithoutTimes_startsAtTheEpochAsBefore() {
    IngestResult r = ingest(span("00000000000000a1", "untimed", 0, 0));

    assertThat(r.rejected()).isEmpty();
    assertThat(r.observations().get(0).startTime()).isEqualTo(Instant.EPOCH);
  }

  void assertKeptAndRejected(IngestResult r, String reasonStart) {
    assertThat(r.observations()).extracting(Observation::name).containsExactly("good");
    assertThat(r.rejected()).hasSize(1);
    assertThat(r.rejected().get(0).reason()).startsWith(reasonStart);
  }

  IngestResult ingest(Span... spans) {
    return ingest.ingest("p", request(spans).toByteArray(), "application/x-protobuf", null);
  }

  static ExportTraceServiceRequest request(Span... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span s : spans) scope.addSpans(s);
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope))
        .build();
  }

  static Span span(String spanId, String name, long start, long end) {
    return Span.newBuilder()
        .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE_ID)))
        .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
        .setName(name)
        .setStartTimeUnixNano(start)
        .setEndTimeUnixNano(end)
        .build();
  }

  static Span withAttr(Span s, String key, String value) {
    return s.toBuilder().addAttributes(attr(key, value)).build();
  }

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
