package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenInference (LangChain via openinference-instrumentation-langchain): LLM, TOOL, CHAIN spans.
 */
class OpenInferenceDialectTest {
  private static JsonNode json(String text) {
    return Json.parse(text);
  }

  @Test
  void llm_isAGenerationWithFlattenedMessagesAndTokenCounts() {
    Observation o =
        span("ChatOpenAI")
            .scope("openinference.instrumentation.langchain", "0.1.50")
            .attr("openinference.span.kind", "LLM")
            .attr("llm.model_name", "gpt-4o")
            .attr("llm.provider", "openai")
            .attr("llm.invocation_parameters", "{\"model\":\"gpt-4o\",\"temperature\":0.1}")
            .attr("llm.input_messages.0.message.role", "system")
            .attr("llm.input_messages.0.message.content", "You help.")
            .attr("llm.input_messages.1.message.role", "user")
            .attr("llm.input_messages.1.message.content", "Hi")
            .attr("llm.output_messages.0.message.role", "assistant")
            .attr("llm.output_messages.0.message.content", "Hello")
            .attr("llm.token_count.prompt", 20L)
            .attr("llm.token_count.completion", 2L)
            .attr("llm.token_count.total", 22L)
            .attr("input.value", "{\"messages\":[]}")
            .attr("output.value", "{\"generations\":[]}")
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.model()).isEqualTo("gpt-4o");
    assertThat(o.usageDetails()).isEqualTo(Map.of("input", 20L, "output", 2L, "total", 22L));
    assertThat(json(o.modelParameters()).get("temperature").asDouble()).isEqualTo(0.1);
    assertThat(o.mappingNotes().get("input")).isEqualTo("input.value / output.value");
    assertThat(json(o.input()).has("messages")).isTrue();
  }

  @Test
  void llmWithoutInputValue_usesTheFlattenedMessages() {
    Observation o =
        span("llm")
            .attr("openinference.span.kind", "LLM")
            .attr("llm.model_name", "gpt-4o")
            .attr("llm.input_messages.0.message.role", "user")
            .attr("llm.input_messages.0.message.content", "Hi")
            .normalize()
            .observation();
    assertThat(json(o.input())).isEqualTo(json("[{\"role\":\"user\",\"content\":\"Hi\"}]"));
    assertThat(o.mappingNotes().get("usage"))
        .startsWith("missing: GENERATION has model gpt-4o but no usage");
  }

  @Test
  void tool_isAToolWithInputAndOutputValue() {
    Observation o =
        span("search_docs")
            .attr("openinference.span.kind", "TOOL")
            .attr("tool.name", "search_docs")
            .attr("input.value", "{\"query\":\"refunds\"}")
            .attr("input.mime_type", "application/json")
            .attr("output.value", "3 documents")
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.TOOL);
    assertThat(o.name()).isEqualTo("search_docs");
    assertThat(o.input()).isEqualTo("{\"query\":\"refunds\"}");
    assertThat(o.output()).isEqualTo("\"3 documents\"");
  }

  @Test
  void chainRoot_carriesSessionUserTagsToTheTrace() {
    NormalizedSpan n =
        span("RunnableSequence")
            .root()
            .scope("openinference.instrumentation.langchain", "0.1.50")
            .attr("openinference.span.kind", "CHAIN")
            .attr("input.value", "{\"question\":\"refund?\"}")
            .attr("output.value", "You can get a refund within 30 days.")
            .attr("session.id", "sess-1")
            .attr("user.id", "u-1")
            .attr("tag.tags", List.of("prod", "rag"))
            .attr("metadata", "{\"ls_run_depth\":0}")
            .normalize();
    assertThat(n.observation().type()).isEqualTo(ObservationType.CHAIN);
    Trace t = n.trace();
    assertThat(t.name()).isEqualTo("RunnableSequence");
    assertThat(t.sessionId()).isEqualTo("sess-1");
    assertThat(t.userId()).isEqualTo("u-1");
    assertThat(t.tags()).containsExactly("prod", "rag");
    assertThat(t.input()).isEqualTo("{\"question\":\"refund?\"}");
    assertThat(t.output()).isEqualTo("\"You can get a refund within 30 days.\"");
    assertThat(json(n.observation().metadata()).get("attributes").get("metadata").asText())
        .isEqualTo("{\"ls_run_depth\":0}");
  }
}
