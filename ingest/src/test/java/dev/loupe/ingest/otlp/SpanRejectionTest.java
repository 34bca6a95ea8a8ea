package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.JsonBodies.goodSpan;
import static dev.loupe.ingest.otlp.JsonBodies.span;
import static dev.loupe.ingest.otlp.TestRequests.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.loupe.ingest.IngestResult.Rejection;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import org.junit.jupiter.api.Test;

/** A span with unusable ids is rejected with a reason; the other spans of the request are kept. */
class SpanRejectionTest {
  private static final String TRACE = "5b8efff798038103d269b633813fc60c";

  @Test
  void protobuf_badIdsRejectOnlyTheirSpan() {
    ExportTraceServiceRequest request =
        TestRequests.request(
            TestRequests.span(TRACE, "1111111111111111", "", "first").build(),
            TestRequests.span("abcdef", "2222222222222222", "", "short-trace").build(),
            TestRequests.span(TRACE, "0000000000000000", "", "zero-span").build(),
            TestRequests.span(TRACE, "3333333333333333", "", "no-trace")
                .setTraceId(ByteString.EMPTY)
                .build(),
            TestRequests.span(TRACE, "4444444444444444", "", "odd-parent")
                .setParentSpanId(hex("0102"))
                .build(),
            TestRequests.span(
                    "00000000000000000000000000000000", "5555555555555555", "", "zero-trace")
                .build(),
            TestRequests.span(TRACE, "6666666666666666", "1111111111111111", "last").build());

    DecodedSpans decoded = new ProtobufTraceDecoder().decode(request.toByteArray());

    assertThat(decoded.spans()).extracting(SpanRecord::name).containsExactly("first", "last");
    assertThat(decoded.rejected())
        .containsExactly(
            new Rejection(
                "2222222222222222",
                "span #1 \"short-trace\": traceId must be 16 bytes (32 hex characters), got \"abcdef\""),
            new Rejection(
                "span #2", "span #2 \"zero-span\": spanId is all zeros, which is not a valid id"),
            new Rejection("3333333333333333", "span #3 \"no-trace\": traceId is missing"),
            new Rejection(
                "4444444444444444",
                "span #4 \"odd-parent\": parentSpanId must be 8 bytes (16 hex characters), got \"0102\""),
            new Rejection(
                "5555555555555555",
                "span #5 \"zero-trace\": traceId is all zeros, which is not a valid id"));
  }

  @Test
  void json_badIdsRejectOnlyTheirSpan() {
    byte[] body =
        JsonBodies.spans(
            goodSpan("1111111111111111", "first"),
            span(
                "'traceId':'" + TRACE.replace('5', 'z') + "','spanId':'2222222222222222'",
                "non-hex-trace"),
            span(
                "'traceId':'" + TRACE.substring(1) + "','spanId':'3333333333333333'",
                "short-trace"),
            span("'traceId':'" + TRACE + "'", "no-span"),
            span("'traceId':'" + TRACE + "','spanId':'444444444444444g'", "non-hex-span"),
            span(
                "'traceId':'" + TRACE + "','spanId':'5555555555555555','parentSpanId':'xyz'",
                "bad-parent"),
            span(
                "'traceId':'"
                    + TRACE
                    + "','spanId':'6666666666666666','parentSpanId':'12345678901234ZZ'",
                "hexless"),
            goodSpan("7777777777777777", "last"));

    DecodedSpans decoded = new JsonTraceDecoder().decode(body);

    assertThat(decoded.spans()).extracting(SpanRecord::name).containsExactly("first", "last");
    assertThat(decoded.rejected())
        .extracting(Rejection::item)
        .containsExactly(
            "2222222222222222",
            "3333333333333333",
            "span #3",
            "span #4",
            "5555555555555555",
            "6666666666666666");
    assertThat(decoded.rejected())
        .extracting(Rejection::reason)
        .containsExactly(
            "span #1 \"non-hex-trace\": traceId is not hex: \"" + TRACE.replace('5', 'z') + "\"",
            "span #2 \"short-trace\": traceId must be 16 bytes (32 hex characters), got \""
                + TRACE.substring(1)
                + "\"",
            "span #3 \"no-span\": spanId is missing",
            "span #4 \"non-hex-span\": spanId is not hex: \"444444444444444g\"",
            "span #5 \"bad-parent\": parentSpanId must be 8 bytes (16 hex characters), got \"xyz\"",
            "span #6 \"hexless\": parentSpanId is not hex: \"12345678901234ZZ\"");
  }

  @Test
  void json_spanIndexCountsAcrossResourcesAndScopes() {
    byte[] body =
        JsonBodies.json(
            "{'resourceSpans':["
                + "{'scopeSpans':[{'spans':["
                + goodSpan("1111111111111111", "a")
                + "]},"
                + "{'spans':["
                + goodSpan("2222222222222222", "b")
                + "]}]},"
                + "{'scopeSpans':[{'spans':["
                + span("'spanId':'3333333333333333'", "c")
                + "]}]}]}");

    DecodedSpans decoded = new JsonTraceDecoder().decode(body);

    assertThat(decoded.spans()).extracting(SpanRecord::name).containsExactly("a", "b");
    assertThat(decoded.rejected())
        .containsExactly(new Rejection("3333333333333333", "span #2 \"c\": traceId is missing"));
  }

  @Test
  void rejection_quotesOnlyTheStartOfAHugeId() {
    String huge = "a".repeat(10_000);
    DecodedSpans decoded =
        new JsonTraceDecoder()
            .decode(
                JsonBodies.spans(
                    span("'traceId':'" + huge + "','spanId':'1111111111111111'", "huge")));

    assertThat(decoded.rejected())
        .singleElement()
        .extracting(Rejection::reason)
        .asString()
        .hasSizeLessThan(200)
        .contains("traceId must be 16 bytes", "(10000 characters)");
  }
}
