package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.ingest.otlp.SpanRecord;
import dev.loupe.model.CostSource;
import dev.loupe.model.ObservationType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SpanNormalizerTest {
  private final SpanNormalizer normalizer = new SpanNormalizer();

  @Test
  void mappingNotes_sayWhichRuleSetEachField() {
    var notes =
        span("chat gpt-4o")
            .attr("gen_ai.operation.name", "chat")
            .attr("gen_ai.request.model", "gpt-4o")
            .attr("gen_ai.usage.input_tokens", 3L)
            .attr("gen_ai.input.messages", "[]")
            .status(2, "boom")
            .normalize()
            .observation()
            .mappingNotes();
    assertThat(notes)
        .containsEntry("type", "gen_ai.operation.name=chat")
        .containsEntry("name", "span name")
        .containsEntry("level", "status.code=ERROR")
        .containsEntry("model", "gen_ai.request.model")
        .containsEntry("usage", "gen_ai.usage.*")
        .containsEntry("input", "gen_ai.input.messages / gen_ai.output.messages")
        .containsEntry("output", "none");
  }

  @Test
  void mappingNotes_explainAGenerationWithoutModel() {
    var notes =
        span("llm")
            .attr("langfuse.observation.type", "generation")
            .normalize()
            .observation()
            .mappingNotes();
    assertThat(notes.get("model")).startsWith("missing: no model attribute");
    assertThat(notes).doesNotContainKey("usage");
  }

  @Test
  void providedCost_isKeptWithSourceProvided() {
    var o =
        span("x")
            .attr("gen_ai.request.model", "gpt-4o")
            .attr("gen_ai.usage.cost", 0.25)
            .normalize()
            .observation();
    assertThat(o.costDetails()).isEqualTo(Map.of("total", new BigDecimal("0.25")));
    assertThat(o.costSource()).isEqualTo(CostSource.PROVIDED);
    assertThat(o.mappingNotes()).containsEntry("cost", "gen_ai.usage.cost");
  }

  @Test
  void times_areMicrosecondsAndAMissingEndStaysEmpty() {
    var o = span("x").times(1_795_474_788_417_123_999L, 0).normalize().observation();
    assertThat(o.startTime()).isEqualTo(Instant.parse("2026-11-23T22:59:48.417123Z"));
    assertThat(o.endTime()).isNull();
  }

  @Test
  void environmentAndRelease_reachObservationAndTrace() {
    var n =
        span("x")
            .root()
            .resource("deployment.environment.name", "Langfuse-Prod")
            .resource("langfuse.release", "2026.11")
            .normalize();
    assertThat(n.observation().environment()).isEqualTo("prod");
    assertThat(n.trace().environment()).isEqualTo("prod");
    assertThat(n.observation().release()).isEqualTo("2026.11");
    assertThat(n.trace().release()).isEqualTo("2026.11");
  }

  @Test
  void normalize_isThreadSafe() throws Exception {
    List<SpanRecord> spans =
        List.of(
            SeedTraceTest.handleRequest().build(),
            SeedTraceTest.draftReply().build(),
            SeedTraceTest.polishReply().build(),
            SeedTraceTest.lookupOrder().build(),
            SeedTraceTest.cacheMiss().build());
    List<NormalizedSpan> expected = spans.stream().map(s -> normalizer.normalize("p", s)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    int k = i % spans.size();
                    if (!normalizer.normalize("p", spans.get(k)).equals(expected.get(k)))
                      return false;
                  }
                  return true;
                }));
      }
      for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(expected.get(1).observation().type()).isEqualTo(ObservationType.GENERATION);
  }
}
