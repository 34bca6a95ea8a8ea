package dev.loupe.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.IngestResult;
import dev.loupe.ingest.OtlpIngest;
import dev.loupe.ingest.langfuse.LangfuseBatchIngest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rejection categories, from the messages the real readers write: a bad item sent through
 * {@link OtlpIngest} or {@link LangfuseBatchIngest} lands in the category its problem names.
 */
class RejectReasonTest {
  static final String TRACE = "0123456789abcdef0123456789abcdef";
  static final String NOW = "2026-01-01T00:00:00Z";

  @Test
  void otlpSpans() {
    assertThat(otlp(span("\"traceId\":\"abc\",\"spanId\":\"aaaaaaaaaaaaaaa1\""))).isEqualTo("ids");
    assertThat(otlp(span("\"traceId\":\"" + TRACE + "\""))).isEqualTo("ids");
    assertThat(otlp(span(ids() + ",\"parentSpanId\":\"zzzzzzzzzzzzzzzz\""))).isEqualTo("ids");
    assertThat(otlp(span(ids() + ",\"endTimeUnixNano\":\"18446744073709551615\"")))
        .isEqualTo("bounds");
    assertThat(
            otlp(span(ids() + ",\"attributes\":[{\"key\":\"deep\",\"value\":" + deep(70) + "}]")))
        .isEqualTo("too_deep");
    assertThat(
            otlp(
                span(
                    ids()
                        + ",\"attributes\":[{\"key\":\"gen_ai.prompt."
                        + "a.".repeat(70)
                        + "b\","
                        + "\"value\":{\"stringValue\":\"x\"}}]")))
        .isEqualTo("too_deep");
  }

  @Test
  void langfuseEvents() {
    assertThat(langfuse(event("span-create", NOW, "{\"id\":5,\"traceId\":\"t\"}")))
        .isEqualTo("ids");
    assertThat(
            langfuse(
                event(
                    "span-create", NOW, "{\"id\":\"s\",\"traceId\":\"" + "t".repeat(900) + "\"}")))
        .isEqualTo("ids");
    assertThat(
            langfuse(
                event("span-create", NOW, "{\"id\":\"s\",\"startTime\":\"0001-01-01T00:00:00Z\"}")))
        .isEqualTo("bounds");
    assertThat(
            langfuse(
                event(
                    "generation-create",
                    NOW,
                    "{\"id\":\"g\",\"model\":\"m\",\"costDetails\":{\"total\":1000000}}")))
        .isEqualTo("bounds");
    assertThat(langfuse(event("span-create", NOW, "{\"id\":\"s\",\"startTime\":\"yesterday\"}")))
        .isEqualTo("type");
    assertThat(langfuse(event("span-create", NOW, "{\"id\":\"s\",\"name\":5}"))).isEqualTo("type");
    assertThat(langfuse(event("span-create", NOW, "{\"id\":\"s\",\"metadata\":" + deep(70) + "}")))
        .isEqualTo("too_deep");
    // scores are taken since issue 14: one without a trace, observation, session or run is refused
    // for its ids
    assertThat(langfuse(event("score-create", NOW, "{\"id\":\"x\",\"name\":\"n\",\"value\":1}")))
        .isEqualTo("ids");
    assertThat(langfuse(event("bogus-create", NOW, "{\"id\":\"x\"}"))).isEqualTo("unsupported");
    assertThat(langfuse("{\"id\":\"e\",\"type\":\"span-create\",\"body\":{\"id\":\"s\"}}"))
        .isEqualTo("missing");
  }

  @Test
  void ourOwnFailure_isInternal_andAnythingElseIsOther() {
    assertThat(
            RejectReason.of("internal error while reading this item; see the server log").label())
        .isEqualTo("internal");
    assertThat(RejectReason.of("promptName and promptVersion must be sent together").label())
        .isEqualTo("other");
  }

  static String otlp(String span) {
    String body = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + span + "]}]}]}";
    IngestResult r =
        new OtlpIngest()
            .ingest("p", body.getBytes(StandardCharsets.UTF_8), "application/json", null);
    return only(r.rejected());
  }

  static String langfuse(String event) {
    String body = "{\"batch\":[" + event + "]}";
    IngestResult r =
        new LangfuseBatchIngest().ingest("p", body.getBytes(StandardCharsets.UTF_8)).toStore();
    return only(r.rejected());
  }

  static String only(List<IngestResult.Rejection> rejected) {
    assertThat(rejected).hasSize(1);
    return RejectReason.of(rejected.getFirst().reason()).label();
  }

  static String ids() {
    return "\"traceId\":\"" + TRACE + "\",\"spanId\":\"aaaaaaaaaaaaaaa1\"";
  }

  static String span(String fields) {
    return "{\"name\":\"s\",\"startTimeUnixNano\":\"1767225600000000000\"," + fields + "}";
  }

  static String event(String type, String timestamp, String body) {
    return "{\"id\":\"e\",\"type\":\""
        + type
        + "\",\"timestamp\":\""
        + timestamp
        + "\",\"body\":"
        + body
        + "}";
  }

  /** An OTLP AnyValue (and a JSON value) nested {@code levels} deep. */
  static String deep(int levels) {
    return "{\"arrayValue\":{\"values\":[".repeat(levels)
        + "{\"stringValue\":\"x\"}"
        + "]}}".repeat(levels);
  }
}
