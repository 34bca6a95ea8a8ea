package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestTemplatesTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void next_givesNewTracesWithFreshIdsLinkedAsTheGeneratorLinksThem() throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    RequestTemplates templates = new RequestTemplates(42, 512);
    Set<ByteString> spanIds = new HashSet<>();
    Set<String> traceIds = new HashSet<>();
    for (int request = 0; request < 20; request++) {
      Batch batch = templates.next(now + request * SECOND);
      List<Span> spans = spans(batch.body());
      assertThat(spans).hasSize(512);
      assertThat(batch.traceIds()).hasSize(512 / AgentTraceGenerator.SPANS_PER_TRACE);
      Map<ByteString, Span> byId = new HashMap<>();
      for (Span s : spans) {
        assertThat(spanIds.add(s.getSpanId())).as("span ids never repeat").isTrue();
        byId.put(s.getSpanId(), s);
      }
      Set<String> inBatch = new HashSet<>();
      for (Span s : spans) {
        inBatch.add(HexFormat.of().formatHex(s.getTraceId().toByteArray()));
        if (s.getParentSpanId().isEmpty()) continue;
        Span parent = byId.get(s.getParentSpanId());
        assertThat(parent).as("a parent is a span of the same request").isNotNull();
        assertThat(parent.getTraceId()).isEqualTo(s.getTraceId());
        assertThat(parent.getParentSpanId().isEmpty()).as("parents are the roots").isTrue();
        assertThat(s.getStartTimeUnixNano())
            .isBetween(parent.getStartTimeUnixNano(), parent.getEndTimeUnixNano());
      }
      assertThat(inBatch).containsExactlyInAnyOrderElementsOf(batch.traceIds());
      for (String id : batch.traceIds()) assertThat(traceIds.add(id)).isTrue();
    }
  }

  @Test
  void next_movesEveryTimestampToNowAndKeepsTheRestOfTheRequest() throws Exception {
    long built = System.currentTimeMillis() * 1_000_000L;
    RequestTemplates templates = new RequestTemplates(7, 64);
    List<Span> first = spans(templates.next(built).body());
    for (int i = 1; i < 8; i++) templates.next(built);
    // the 9th request is the first template again, an hour later
    List<Span> shifted = spans(templates.next(built + 3_600 * SECOND).body());
    assertThat(shifted).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      Span a = first.get(i), b = shifted.get(i);
      assertThat(b.getStartTimeUnixNano() - a.getStartTimeUnixNano()).isEqualTo(3_600 * SECOND);
      assertThat(b.getEndTimeUnixNano() - a.getEndTimeUnixNano()).isEqualTo(3_600 * SECOND);
      assertThat(b.getAttributesList()).isEqualTo(a.getAttributesList());
      assertThat(b.getName()).isEqualTo(a.getName());
      assertThat(b.getSpanId()).isNotEqualTo(a.getSpanId());
    }
  }

  private static List<Span> spans(byte[] body) throws Exception {
    List<Span> out = new ArrayList<>();
    ExportTraceServiceRequest.parseFrom(body)
        .getResourceSpansList()
        .forEach(r -> r.getScopeSpansList().forEach(s -> out.addAll(s.getSpansList())));
    return out;
  }
}
