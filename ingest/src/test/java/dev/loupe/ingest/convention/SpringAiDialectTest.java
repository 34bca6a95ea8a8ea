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

  /** A tool execution as Spring AI 1.1.0's ToolCallingManager emits it (captured from a run). */
  private Spans toolCall() {
    return span("tool_call lookup-order")
        .scope("spring-ai-app", "")
        .attr("gen_ai.operation.name", "framework")
        .attr("gen_ai.system", "spring_ai")
        .attr("spring.ai.kind", "tool_call")
        .attr("spring.ai.tool.definition.name", "lookupOrder")
        .attr("spring.ai.tool.definition.description", "Looks up the shipping status of an order")
        .attr("spring.ai.tool.definition.schema", "{\"type\":\"object\"}");
  }

  @Test
  void toolCall_isAToolNamedByItsDefinitionWithArgumentsAndResult() {
    Observation o =
        toolCall()
            .attr("spring.ai.tool.call.arguments", "{\"orderId\":\"A-17\"}")
            .attr("spring.ai.tool.call.result", "\"order A-17 shipped\"")
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.TOOL);
    assertThat(o.name()).isEqualTo("lookupOrder");
    assertThat(json(o.input())).isEqualTo(json("{\"orderId\":\"A-17\"}"));
    assertThat(json(o.output()).asText()).isEqualTo("order A-17 shipped");
    assertThat(o.mappingNotes())
        .containsEntry("type", "spring.ai.kind=tool_call")
        .containsEntry("name", "spring.ai.tool.definition.name")
        .containsEntry("input", "spring.ai.tool.call.arguments / result");
  }

  @Test
  void toolCallWithoutContent_isStillANamedToolWithoutInputOutput() {
    Observation o = toolCall().normalize().observation();
    assertThat(o.type()).isEqualTo(ObservationType.TOOL);
    assertThat(o.name()).isEqualTo("lookupOrder");
    assertThat(o.input()).isNull();
    assertThat(o.output()).isNull();
  }

  @Test
  void otherFrameworkSpan_staysASpanWithItsSpanName() {
    Observation o =
        span("chat_client")
            .attr("gen_ai.operation.name", "framework")
            .attr("gen_ai.system", "spring_ai")
            .attr("spring.ai.kind", "chat_client")
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.SPAN);
    assertThat(o.name()).isEqualTo("chat_client");
  }

  @Test
  void failedChat_responseModelNoneFallsBackToTheRequestModel() {
    Observation o =
        span("chat gpt-4o")
            .attr("gen_ai.operation.name", "chat")
            .attr("gen_ai.system", "openai")
            .attr("gen_ai.request.model", "gpt-4o")
            .attr("gen_ai.response.model", "none")
            .status(2, "500 - server error")
            .normalize()
            .observation();
    assertThat(o.model()).isEqualTo("gpt-4o");
    assertThat(o.mappingNotes()).containsEntry("model", "gen_ai.request.model");
    assertThat(o.level()).isEqualTo(Level.ERROR);
  }

  @Test
  void responseModelNone_withoutRequestModel_givesNoModel() {
    Observation o =
        span("chat")
            .attr("gen_ai.operation.name", "chat")
            .attr("gen_ai.response.model", "none")
            .normalize()
            .observation();
    assertThat(o.model()).isNull();
  }
}
