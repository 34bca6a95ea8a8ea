package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LangChain4j-style gen_ai attributes without an operation name. */
class LangChain4jDialectTest {
  private static JsonNode json(String text) {
    return Json.parse(text);
  }

  @Test
  void chatModelListenerAttributes_makeAGeneration() {
    Observation o =
        span("chat")
            .scope("dev.langchain4j", "1.0.0")
            .attr("gen_ai.system", "openai")
            .attr("gen_ai.request.model", "gpt-4o-mini")
            .attr("gen_ai.request.temperature", 0.2)
            .attr("gen_ai.request.max_tokens", 256L)
            .attr("gen_ai.response.id", "chatcmpl-9")
            .attr("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
            .attr("gen_ai.response.finish_reasons", List.of("STOP"))
            .attr("gen_ai.usage.input_tokens", 31L)
            .attr("gen_ai.usage.output_tokens", 12L)
            .attr("gen_ai.prompt.0.role", "system")
            .attr("gen_ai.prompt.0.content", "Be helpful")
            .attr("gen_ai.prompt.1.role", "user")
            .attr("gen_ai.prompt.1.content", "Hello")
            .attr("gen_ai.completion.0.role", "assistant")
            .attr("gen_ai.completion.0.content", "Hi!")
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(o.usageDetails()).isEqualTo(Map.of("input", 31L, "output", 12L));
    assertThat(json(o.input())).hasSize(2);
    assertThat(json(o.modelParameters()))
        .isEqualTo(json("{\"temperature\":0.2,\"max_tokens\":256}"));
    assertThat(o.startTime()).isEqualTo(Instant.parse("2026-11-23T22:59:48.417Z"));
  }
}
