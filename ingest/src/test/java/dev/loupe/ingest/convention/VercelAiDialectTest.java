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

/** Vercel AI SDK telemetry (scope ai): outer ai.generateText, model-call doStream, ai.toolCall. */
class VercelAiDialectTest {
  private static JsonNode json(String text) {
    return Json.parse(text);
  }

  private Spans inner() {
    return span("ai.streamText.doStream")
        .scope("ai", null)
        .ids("bbbbbbbbbbbbbbbb", "aaaaaaaaaaaaaaaa")
        .attr("operation.name", "ai.streamText.doStream support-bot")
        .attr("ai.operationId", "ai.streamText.doStream")
        .attr("ai.telemetry.functionId", "support-bot")
        .attr("ai.model.id", "gpt-4o-mini")
        .attr("ai.model.provider", "openai.chat")
        .attr("gen_ai.system", "openai.chat")
        .attr("gen_ai.request.model", "gpt-4o-mini")
        .attr("gen_ai.request.temperature", 0.0)
        .attr(
            "ai.prompt.messages",
            "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]")
        .attr("ai.response.text", "Hello!")
        .attr("ai.response.msToFirstChunk", 250.0)
        .attr("ai.usage.promptTokens", 12L)
        .attr("gen_ai.usage.input_tokens", 12L)
        .attr("gen_ai.usage.output_tokens", 3L)
        .attr("gen_ai.response.finish_reasons", List.of("stop"));
  }

  @Test
  void doStream_isAGenerationWithTtftUsageAndMessages() {
    Observation o = inner().normalize().observation();
    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.name()).isEqualTo("support-bot:ai.streamText.doStream");
    assertThat(o.model()).isEqualTo("gpt-4o-mini");
    assertThat(o.usageDetails()).isEqualTo(Map.of("input", 12L, "output", 3L));
    assertThat(o.timeToFirstToken()).hasMillis(250);
    assertThat(json(o.input()).get(0).get("role").asText()).isEqualTo("user");
    assertThat(o.output()).isEqualTo("\"Hello!\"");
    assertThat(json(o.modelParameters()).get("system").asText()).isEqualTo("openai.chat");
  }

  @Test
  void outerGenerateText_isTheRootSpanWithTelemetryMetadata() {
    NormalizedSpan n =
        span("ai.generateText")
            .scope("ai", null)
            .root()
            .attr("operation.name", "ai.generateText support-bot")
            .attr("ai.operationId", "ai.generateText")
            .attr("ai.telemetry.functionId", "support-bot")
            .attr("ai.model.id", "gpt-4o-mini")
            .attr("ai.prompt", "{\"prompt\":\"Hi\"}")
            .attr("ai.response.text", "Hello!")
            .attr("ai.usage.promptTokens", 12L)
            .attr("ai.usage.completionTokens", 3L)
            .attr("ai.telemetry.metadata.userId", "user-7")
            .attr("ai.telemetry.metadata.sessionId", "chat-3")
            .attr("ai.telemetry.metadata.tags", List.of("web"))
            .attr("ai.telemetry.metadata.plan", "pro")
            .normalize();
    Observation o = n.observation();
    assertThat(o.type()).isEqualTo(ObservationType.SPAN);
    assertThat(o.usageDetails()).as("counted on the inner model call").isEmpty();
    Trace t = n.trace();
    assertThat(t.name()).isEqualTo("support-bot:ai.generateText");
    assertThat(t.userId()).isEqualTo("user-7");
    assertThat(t.sessionId()).isEqualTo("chat-3");
    assertThat(t.tags()).containsExactly("web");
    assertThat(json(t.metadata())).isEqualTo(json("{\"plan\":\"pro\"}"));
    assertThat(t.input()).isEqualTo("{\"prompt\":\"Hi\"}");
    assertThat(t.output()).isEqualTo("\"Hello!\"");
  }

  @Test
  void toolCall_isAToolWithArgsAndResult() {
    Observation o =
        span("ai.toolCall")
            .scope("ai", null)
            .attr("operation.name", "ai.toolCall support-bot")
            .attr("ai.operationId", "ai.toolCall")
            .attr("ai.toolCall.name", "lookupOrder")
            .attr("ai.toolCall.id", "call_9")
            .attr("ai.toolCall.args", "{\"orderId\":\"A-1\"}")
            .attr("ai.toolCall.result", "{\"status\":\"shipped\"}")
            .normalize()
            .observation();
    assertThat(o.type()).isEqualTo(ObservationType.TOOL);
    assertThat(o.name()).isEqualTo("lookupOrder");
    assertThat(o.input()).isEqualTo("{\"orderId\":\"A-1\"}");
    assertThat(o.output()).isEqualTo("{\"status\":\"shipped\"}");
  }
}
