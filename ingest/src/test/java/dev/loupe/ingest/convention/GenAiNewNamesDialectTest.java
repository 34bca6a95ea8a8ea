package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OTel GenAI with the current names: gen_ai.provider.name, gen_ai.input.messages,
 * gen_ai.usage.input_tokens.
 */
class GenAiNewNamesDialectTest {
  private static JsonNode json(String text) {
    return Json.parse(text);
  }

  @Test
  void chat_isAGenerationWithMessagesInstructionsAndExclusiveUsage() {
    NormalizedSpan n =
        span("chat gpt-4o")
            .scope("openai-instrumentation", "2.0")
            .attr("gen_ai.operation.name", "chat")
            .attr("gen_ai.provider.name", "openai")
            .attr("gen_ai.request.model", "gpt-4o")
            .attr("gen_ai.response.model", "gpt-4o-2024-08-06")
            .attr("gen_ai.response.finish_reasons", List.of("stop"))
            .attr("gen_ai.conversation.id", "conv-42")
            .attr(
                "gen_ai.system_instructions",
                "[{\"type\":\"text\",\"content\":\"You are terse.\"}]")
            .attr(
                "gen_ai.input.messages",
                "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]")
            .attr(
                "gen_ai.output.messages",
                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
                    + "\"Hello\"}],\"finish_reason\":\"stop\"}]")
            .attr("gen_ai.usage.input_tokens", 1200L)
            .attr("gen_ai.usage.output_tokens", 80L)
            .attr("gen_ai.usage.cache_read.input_tokens", 1000L)
            .normalize();
    Observation o = n.observation();
    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.mappingNotes().get("type")).isEqualTo("gen_ai.operation.name=chat");
    assertThat(o.usageDetails())
        .isEqualTo(Map.of("input", 200L, "input_cached_tokens", 1000L, "output", 80L));
    assertThat(o.mappingNotes().get("usage")).contains("exclusive");
    assertThat(json(o.input()).get(0).get("role").asText()).isEqualTo("system");
    assertThat(json(o.input()).get(1).get("role").asText()).isEqualTo("user");
    assertThat(json(o.output()).get(0).get("finish_reason").asText()).isEqualTo("stop");
    assertThat(n.trace().sessionId()).isEqualTo("conv-42");
  }

  @Test
  void executeTool_isAToolNamedAfterTheTool() {
    Observation o =
        span("execute_tool get_weather")
            .attr("gen_ai.operation.name", "execute_tool")
            .attr("gen_ai.tool.name", "get_weather")
            .attr("gen_ai.tool.call.id", "call_1")
            .attr("gen_ai.tool.call.arguments", "{\"city\":\"Paris\"}")
            .attr("gen_ai.tool.call.result", "21C")
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.TOOL);
    assertThat(o.name()).isEqualTo("get_weather");
    assertThat(o.input()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(o.output()).isEqualTo("\"21C\"");
    assertThat(o.mappingNotes()).doesNotContainKey("model");
  }

  @Test
  void invokeAgent_isAnAgent() {
    Observation o =
        span("invoke_agent planner")
            .attr("gen_ai.operation.name", "invoke_agent")
            .attr("gen_ai.agent.name", "planner")
            .attr("gen_ai.request.model", "claude-sonnet-4")
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.AGENT);
    assertThat(o.model()).isEqualTo("claude-sonnet-4");
  }
}
