package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OTel GenAI with the old names (OpenLLMetry/Traceloop): gen_ai.system, gen_ai.prompt.N.*,
 * gen_ai.usage.prompt_tokens.
 */
class GenAiOldNamesDialectTest {
  private static JsonNode json(String text) {
    return Json.parse(text);
  }

  @Test
  void openLlmetryChat_isAGenerationWithFlattenedMessages() {
    Observation o =
        span("openai.chat")
            .scope("opentelemetry.instrumentation.openai.v1", "0.33.9")
            .attr("llm.request.type", "chat")
            .attr("gen_ai.system", "OpenAI")
            .attr("gen_ai.request.model", "gpt-4o")
            .attr("gen_ai.request.temperature", 0.5)
            .attr("gen_ai.response.model", "gpt-4o-2024-08-06")
            .attr("gen_ai.prompt.0.role", "user")
            .attr("gen_ai.prompt.0.content", "2+2?")
            .attr("gen_ai.completion.0.role", "assistant")
            .attr("gen_ai.completion.0.content", "4")
            .attr("gen_ai.completion.0.finish_reason", "stop")
            .attr("gen_ai.usage.prompt_tokens", 9L)
            .attr("gen_ai.usage.completion_tokens", 1L)
            .attr("llm.usage.total_tokens", 10L)
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.mappingNotes().get("type")).isEqualTo("model attribute gen_ai.request.model");
    assertThat(o.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(o.usageDetails()).isEqualTo(Map.of("input", 9L, "output", 1L));
    assertThat(json(o.input())).isEqualTo(json("[{\"role\":\"user\",\"content\":\"2+2?\"}]"));
    assertThat(json(o.output()).get(0).get("content").asText()).isEqualTo("4");
    assertThat(json(o.modelParameters()).get("temperature").asDouble()).isEqualTo(0.5);
    assertThat(json(o.metadata()).get("attributes").has("gen_ai.prompt.0.content")).isFalse();
    assertThat(json(o.metadata()).get("attributes").get("llm.request.type").asText())
        .isEqualTo("chat");
  }
}
