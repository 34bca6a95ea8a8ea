package dev.loupe.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The Langfuse TS SDK seed trace as the SDK really sent it, in each encoding. */
class FixtureDecodingTest {
  private static final Set<String> NAMES =
      Set.of(
          "handle-request",
          "retrieve-context",
          "cache-miss",
          "lookup-order",
          "draft-reply",
          "polish-reply");

  private final OtlpBodyDecoder decoder = new OtlpBodyDecoder(1 << 20);

  private DecodedSpans decode(String file, String contentType, @Nullable String encoding) {
    return decoder.decode(Fixtures.bytes(file), contentType, encoding);
  }

  private DecodedSpans pb() {
    return decode("langfuse-ts-seed.pb", "application/x-protobuf", null);
  }

  private DecodedSpans json() {
    return decode("langfuse-ts-seed.json", "application/json", null);
  }

  @Test
  void gzipFixtures_haveTheStructureOfThePlainOnes() {
    // The captured .gz bodies come from their own runs (other ids and times), like .pb and .json.
    assertThat(shapes(decode("langfuse-ts-seed.pb.gz", "application/x-protobuf", "gzip").spans()))
        .isEqualTo(shapes(pb().spans()));
    assertThat(shapes(decode("langfuse-ts-seed.json.gz", "application/json", "gzip").spans()))
        .isEqualTo(shapes(json().spans()));
  }

  @Test
  void gzippedFixtures_decodeExactlyAsThePlainOnes() {
    byte[] pbGz = OtlpBodyDecoderTest.gzip(Fixtures.bytes("langfuse-ts-seed.pb"));
    byte[] jsonGz = OtlpBodyDecoderTest.gzip(Fixtures.bytes("langfuse-ts-seed.json"));

    assertThat(decoder.decode(pbGz, "application/x-protobuf", "gzip")).isEqualTo(pb());
    assertThat(decoder.decode(jsonGz, "application/json", "gzip")).isEqualTo(json());
  }

  @Test
  void protobufAndJson_decodeToTheSameTraceStructure() {
    assertThat(shapes(json().spans())).isEqualTo(shapes(pb().spans()));
  }

  @Test
  void json_decodesTheSeedTrace() {
    DecodedSpans decoded = json();

    assertThat(decoded.rejected()).isEmpty();
    List<SpanRecord> spans = decoded.spans();
    assertThat(spans).extracting(SpanRecord::name).containsExactlyInAnyOrderElementsOf(NAMES);
    assertThat(spans).extracting(SpanRecord::traceId).containsOnly(Fixtures.JSON_TRACE_ID);
    SpanRecord root = byName(spans, "handle-request");
    assertThat(root.parentSpanId()).isNull();
    assertThat(root.spanId()).isEqualTo("299e9305217e4fec");
    assertThat(root.startEpochNanos()).isEqualTo(1_795_474_787_575_000_000L);
    assertThat(root.endEpochNanos()).isEqualTo(1_795_474_787_662_497_021L);
    assertThat(root.attributes())
        .containsEntry("langfuse.internal.is_app_root", true)
        .containsEntry("langfuse.trace.tags", List.of("seed", "harness"));
    SpanRecord failed = byName(spans, "polish-reply");
    assertThat(failed.statusCode()).isEqualTo(2);
    assertThat(failed.statusMessage()).isEqualTo("Rate limit exceeded: fake upstream returned 429");
    assertThat(failed.kind()).isEqualTo(1);
    assertThat(byName(spans, "cache-miss").parentSpanId())
        .isEqualTo(byName(spans, "retrieve-context").spanId());
    assertThat(root.resourceAttributes()).containsEntry("telemetry.sdk.language", "nodejs");
  }

  @Test
  void protobuf_matchesTheHarnessDecodingOfTheSameBody() throws IOException {
    JsonNode dump =
        new ObjectMapper()
            .readTree(Fixtures.dir().resolve("langfuse-ts-seed.decoded.json").toFile());
    JsonNode expected = dump.path("requests").path(0).path("spans");
    List<SpanRecord> spans = pb().spans();

    assertThat(spans).hasSize(expected.size());
    for (int i = 0; i < spans.size(); i++) {
      SpanRecord span = spans.get(i);
      JsonNode e = expected.get(i);
      assertThat(span.name()).isEqualTo(e.get("name").asText());
      assertThat(span.traceId())
          .isEqualTo(Fixtures.PB_TRACE_ID)
          .isEqualTo(e.get("traceId").asText());
      assertThat(span.spanId()).isEqualTo(e.get("spanId").asText());
      assertThat(span.parentSpanId())
          .isEqualTo(e.hasNonNull("parentSpanId") ? e.get("parentSpanId").asText() : null);
      assertThat(span.startEpochNanos())
          .isEqualTo(Long.parseLong(e.get("startTimeUnixNano").asText()));
      assertThat(span.endEpochNanos()).isEqualTo(Long.parseLong(e.get("endTimeUnixNano").asText()));
      assertThat(span.scopeName()).isEqualTo(e.path("scope").path("name").asText());
      assertThat(span.scopeVersion()).isEqualTo(e.path("scope").path("version").asText());
      assertThat(span.attributes())
          .isEqualTo(new ObjectMapper().convertValue(e.get("attributes"), Map.class));
    }
  }

  private static SpanRecord byName(List<SpanRecord> spans, String name) {
    return spans.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** Everything but ids and times, keyed by span name; parents by name. */
  private static Map<String, Shape> shapes(List<SpanRecord> spans) {
    Map<String, String> nameById =
        spans.stream().collect(Collectors.toMap(SpanRecord::spanId, SpanRecord::name));
    assertThat(spans)
        .extracting(SpanRecord::traceId)
        .hasSize(6)
        .containsOnly(spans.get(0).traceId());
    Map<String, Shape> out = new TreeMap<>();
    for (SpanRecord s : spans) {
      String parent = s.parentSpanId() == null ? null : nameById.get(s.parentSpanId());
      if (s.parentSpanId() != null) assertThat(parent).as("parent of %s", s.name()).isNotNull();
      out.put(
          s.name(),
          new Shape(
              parent,
              s.kind(),
              s.statusCode(),
              s.statusMessage(),
              ComparableSpans.map(s.attributes()),
              s.events().size(),
              s.scopeName(),
              s.scopeVersion(),
              s.resourceAttributes().keySet()));
    }
    assertThat(out).containsOnlyKeys(NAMES);
    return out;
  }

  private record Shape(
      @Nullable String parent,
      int kind,
      int statusCode,
      @Nullable String statusMessage,
      Map<String, Object> attributes,
      int events,
      String scopeName,
      @Nullable String scopeVersion,
      Set<String> resourceKeys) {}
}
