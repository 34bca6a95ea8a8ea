package dev.loupe.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.ingest.BadPayloadException.Reason;
import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.IngestResult.Rejection;
import dev.loupe.ingest.OtlpIngest;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OtlpIngestTest {
  private final OtlpIngest ingest = new OtlpIngest();

  @Test
  void ingest_seedFixtureYieldsSixObservationsOfItsTrace() {
    IngestResult result =
        ingest.ingest("p1", Fixtures.bytes("langfuse-ts-seed.json"), "application/json", null);

    assertThat(result.rejected()).isEmpty();
    assertThat(result.observations())
        .hasSize(6)
        .allSatisfy(o -> assertThat(o.traceId()).isEqualTo(Fixtures.JSON_TRACE_ID))
        .extracting(Observation::projectId)
        .containsOnly("p1");
    assertThat(result.observations())
        .extracting(Observation::name)
        .containsExactly(
            "cache-miss",
            "retrieve-context",
            "lookup-order",
            "draft-reply",
            "polish-reply",
            "handle-request");
    assertThat(result.traces())
        .isNotEmpty()
        .extracting(Trace::id)
        .containsOnly(Fixtures.JSON_TRACE_ID);
  }

  @Test
  void ingest_keepsTheDecodersRejections() {
    byte[] body = JsonBodies.spans(JsonBodies.span("'spanId':'1111111111111111'", "orphan"));

    IngestResult result = ingest.ingest("p1", body, "application/json", null);

    assertThat(result.observations()).isEmpty();
    assertThat(result.rejected())
        .containsExactly(
            new Rejection("1111111111111111", "span #0 \"orphan\": traceId is missing"));
  }

  @Test
  void ingest_capsTheInflatedSizeGivenToTheConstructor() {
    OtlpIngest small = new OtlpIngest(1024);
    byte[] body = OtlpBodyDecoderTest.gzip(OtlpBodyDecoderTest.paddedJson(1025));

    OtlpBodyDecoderTest.assertFails(
        () -> small.ingest("p1", body, "application/json", "gzip"),
        Reason.TOO_LARGE,
        "more than 1024 bytes");
  }

  @Test
  void response_withoutRejectionsIsEmpty() throws IOException {
    IngestResult ok = new IngestResult(List.of(), List.of(), List.of());

    assertThat(ExportTraceServiceResponse.parseFrom(ingest.response(ok, false)).hasPartialSuccess())
        .isFalse();
    assertThat(new ObjectMapper().readTree(ingest.response(ok, true)).isEmpty()).isTrue();
  }

  @Test
  void response_protobufCarriesPartialSuccess() throws IOException {
    ExportTraceServiceResponse response =
        ExportTraceServiceResponse.parseFrom(ingest.response(rejecting(2), false));

    assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
    assertThat(response.getPartialSuccess().getErrorMessage()).isEqualTo("reason 0; reason 1");
  }

  @Test
  void response_jsonCarriesPartialSuccessWithTheCountAsString() throws IOException {
    JsonNode response = new ObjectMapper().readTree(ingest.response(rejecting(7), true));

    JsonNode partial = response.get("partialSuccess");
    assertThat(response.size()).isEqualTo(1);
    assertThat(partial.get("rejectedSpans").isTextual()).isTrue();
    assertThat(partial.get("rejectedSpans").asText()).isEqualTo("7");
    assertThat(partial.get("errorMessage").asText())
        .isEqualTo("reason 0; reason 1; reason 2; reason 3; reason 4; and 2 more");
  }

  @Test
  void response_jsonEscapesTheReasons() throws IOException {
    IngestResult result =
        new IngestResult(
            List.of(),
            List.of(),
            List.of(new Rejection("span #0", "span #0 \"a\\b\": traceId is not hex: \"\n\"")));

    JsonNode partial =
        new ObjectMapper().readTree(ingest.response(result, true)).get("partialSuccess");

    assertThat(partial.get("errorMessage").asText())
        .isEqualTo("span #0 \"a\\b\": traceId is not hex: \"\n\"");
  }

  private static IngestResult rejecting(int n) {
    List<Rejection> rejected =
        IntStream.range(0, n).mapToObj(i -> new Rejection("span #" + i, "reason " + i)).toList();
    return new IngestResult(List.of(), List.of(), rejected);
  }
}
