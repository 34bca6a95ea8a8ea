package dev.loupe.ingest.convention;

import dev.loupe.ingest.otlp.SpanRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerfProbeTest {
  @Test
  void probe() {
    String msg = "x".repeat(700);
    SpanRecord lf = SeedTraceTest.draftReply()
        .attr("langfuse.observation.input", "[{\"role\":\"system\",\"content\":\"" + msg + "\"},{\"role\":\"user\",\"content\":\"" + msg + "\"}]")
        .attr("langfuse.observation.output", msg + " end").build();
    SpanRecord genai = Spans.span("chat gpt-4o").attr("gen_ai.operation.name", "chat").attr("gen_ai.request.model", "gpt-4o")
        .attr("gen_ai.response.model", "gpt-4o-2024").attr("gen_ai.usage.input_tokens", 100L).attr("gen_ai.usage.output_tokens", 10L)
        .attr("gen_ai.request.temperature", 0.2).resource("service.name", "svc").resource("telemetry.sdk.language", "java")
        .attr("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + msg + "\"}]}]")
        .attr("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + msg + "\"}]}]").build();
    SpanRecord tool = SeedTraceTest.lookupOrder().build();
    SpanNormalizer n = new SpanNormalizer();
    for (SpanRecord s : List.of(lf, genai, tool)) {
      for (int i = 0; i < 200_000; i++) n.normalize("p", s);
      long t0 = System.nanoTime();
      int N = 300_000;
      for (int i = 0; i < N; i++) n.normalize("p", s);
      long dt = System.nanoTime() - t0;
      System.out.printf("%s: %.2f us/span, %.0f spans/s/core%n", s.name(), dt / 1000.0 / N, N * 1e9 / dt);
    }
  }
}
