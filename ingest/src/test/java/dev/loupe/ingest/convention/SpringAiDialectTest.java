package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spring AI chat model observations: gen_ai.operation.name=chat, content as events or attributes.
 */
class SpringAiDialectTest {
  private static JsonNode json(String text) {
    return Json.parse(text);
  }

  private Spans chat() {
    return span("chat gpt-4o")
        .scope("org.springframework.boot", "3.4.0")
        .resource("service.name", "support-service")
        .resource("service.version", "0.9.1")
        .attr("gen_ai.operation.name", "chat")
        .attr("gen_ai.system", "openai")
        .attr("gen_ai.request.model", "gpt-4o")
        .attr("gen_ai.request.temperature", 0.7)
        .attr("gen_ai.response.model", "gpt-4o-2024-08-06")
        .attr("gen_ai.response.id", "chatcmpl-1")
        .attr("gen_ai.response.finish_reasons", List.of("STOP"))
        .attr("gen_ai.usage.input_tokens", 25L)
        .attr("gen_ai.usage.output_tokens", 9L)
        .attr("gen_ai.usage.total_tokens", 34L);
  }

  @Test
  void chatWithContentEvents() {
    Observation o =
        chat()
            .event("gen_ai.content.prompt", "gen_ai.prompt", "[\"Tell me a joke\"]")
            .event("gen_ai.content.completion", "gen_ai.completion", "[\"Why did...\"]")
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(o.usageDetails()).isEqualTo(Map.of("input", 25L, "output", 9L, "total", 34L));
    assertThat(json(o.input()).get(0).asText()).isEqualTo("Tell me a joke");
    assertThat(json(o.output()).get(0).asText()).isEqualTo("Why did...");
    assertThat(json(o.modelParameters())).isEqualTo(json("{\"temperature\":0.7}"));
    assertThat(o.version()).isEqualTo("0.9.1");
  }

  @Test
  void chatWithPromptAndCompletionAttributes() {
    Observation o =
        chat()
            .attr("gen_ai.prompt", "Tell me a joke")
            .attr("gen_ai.completion", "Why did...")
            .normalize()
            .observation();
    assertThat(o.input()).isEqualTo("\"Tell me a joke\"");
    assertThat(o.output()).isEqualTo("\"Why did...\"");
    assertThat(o.mappingNotes().get("output")).isEqualTo("gen_ai.prompt.* / gen_ai.completion.*");
  }

  @Test
  void failedChat_isAnErrorWithTheExceptionMessage() {
    Observation o =
        chat()
            .status(2, null)
            .event(
                "exception",
                "exception.type",
                "org.springframework.ai.retry.NonTransientAiException",
                "exception.message",
                "401 - invalid api key")
            .normalize()
            .observation();
    assertThat(o.level()).isEqualTo(Level.ERROR);
    assertThat(o.statusMessage())
        .isEqualTo("org.springframework.ai.retry.NonTransientAiException: 401 - invalid api key");
  }
}
