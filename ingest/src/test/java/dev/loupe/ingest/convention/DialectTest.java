package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One realistic span per dialect, normalized end to end. */
class DialectTest {
  private static JsonNode json(String text) {
    return Json.parse(text);
  }

  @Nested
  class GenAiOldNames {
    @Test
    void openLlmetryChat_isAGenerationWithFlattenedMessages() {
      Observation o = span("openai.chat").scope("opentelemetry.instrumentation.openai.v1", "0.33.9")
          .attr("llm.request.type", "chat").attr("gen_ai.system", "OpenAI").attr("gen_ai.request.model", "gpt-4o")
          .attr("gen_ai.request.temperature", 0.5).attr("gen_ai.response.model", "gpt-4o-2024-08-06")
          .attr("gen_ai.prompt.0.role", "user").attr("gen_ai.prompt.0.content", "2+2?")
          .attr("gen_ai.completion.0.role", "assistant").attr("gen_ai.completion.0.content", "4")
          .attr("gen_ai.completion.0.finish_reason", "stop")
          .attr("gen_ai.usage.prompt_tokens", 9L).attr("gen_ai.usage.completion_tokens", 1L)
          .attr("llm.usage.total_tokens", 10L).normalize().observation();
      assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
      assertThat(o.mappingNotes().get("type")).isEqualTo("model attribute gen_ai.request.model");
      assertThat(o.model()).isEqualTo("gpt-4o-2024-08-06");
      assertThat(o.usageDetails()).isEqualTo(Map.of("input", 9L, "output", 1L));
      assertThat(json(o.input())).isEqualTo(json("[{\"role\":\"user\",\"content\":\"2+2?\"}]"));
      assertThat(json(o.output()).get(0).get("content").asText()).isEqualTo("4");
      assertThat(json(o.modelParameters()).get("temperature").asDouble()).isEqualTo(0.5);
      assertThat(json(o.metadata()).get("attributes").has("gen_ai.prompt.0.content")).isFalse();
      assertThat(json(o.metadata()).get("attributes").get("llm.request.type").asText()).isEqualTo("chat");
    }
  }

  @Nested
  class GenAiNewNames {
    @Test
    void chat_isAGenerationWithMessagesInstructionsAndExclusiveUsage() {
      NormalizedSpan n = span("chat gpt-4o").scope("openai-instrumentation", "2.0")
          .attr("gen_ai.operation.name", "chat").attr("gen_ai.provider.name", "openai")
          .attr("gen_ai.request.model", "gpt-4o").attr("gen_ai.response.model", "gpt-4o-2024-08-06")
          .attr("gen_ai.response.finish_reasons", List.of("stop")).attr("gen_ai.conversation.id", "conv-42")
          .attr("gen_ai.system_instructions", "[{\"type\":\"text\",\"content\":\"You are terse.\"}]")
          .attr("gen_ai.input.messages", "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]")
          .attr("gen_ai.output.messages", "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":"
              + "\"Hello\"}],\"finish_reason\":\"stop\"}]")
          .attr("gen_ai.usage.input_tokens", 1200L).attr("gen_ai.usage.output_tokens", 80L)
          .attr("gen_ai.usage.cache_read.input_tokens", 1000L).normalize();
      Observation o = n.observation();
      assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
      assertThat(o.mappingNotes().get("type")).isEqualTo("gen_ai.operation.name=chat");
      assertThat(o.usageDetails()).isEqualTo(Map.of("input", 200L, "input_cached_tokens", 1000L, "output", 80L));
      assertThat(o.mappingNotes().get("usage")).contains("exclusive");
      assertThat(json(o.input()).get(0).get("role").asText()).isEqualTo("system");
      assertThat(json(o.input()).get(1).get("role").asText()).isEqualTo("user");
      assertThat(json(o.output()).get(0).get("finish_reason").asText()).isEqualTo("stop");
      assertThat(n.trace().sessionId()).isEqualTo("conv-42");
    }

    @Test
    void executeTool_isAToolNamedAfterTheTool() {
      Observation o = span("execute_tool get_weather").attr("gen_ai.operation.name", "execute_tool")
          .attr("gen_ai.tool.name", "get_weather").attr("gen_ai.tool.call.id", "call_1")
          .attr("gen_ai.tool.call.arguments", "{\"city\":\"Paris\"}").attr("gen_ai.tool.call.result", "21C")
          .normalize().observation();
      assertThat(o.type()).isEqualTo(ObservationType.TOOL);
      assertThat(o.name()).isEqualTo("get_weather");
      assertThat(o.input()).isEqualTo("{\"city\":\"Paris\"}");
      assertThat(o.output()).isEqualTo("\"21C\"");
      assertThat(o.mappingNotes()).doesNotContainKey("model");
    }

    @Test
    void invokeAgent_isAnAgent() {
      Observation o = span("invoke_agent planner").attr("gen_ai.operation.name", "invoke_agent")
          .attr("gen_ai.agent.name", "planner").attr("gen_ai.request.model", "claude-sonnet-4").normalize()
          .observation();
      assertThat(o.type()).isEqualTo(ObservationType.AGENT);
      assertThat(o.model()).isEqualTo("claude-sonnet-4");
    }
  }

  @Nested
  class VercelAiSdk {
    private Spans inner() {
      return span("ai.streamText.doStream").scope("ai", null).ids("bbbbbbbbbbbbbbbb", "aaaaaaaaaaaaaaaa")
          .attr("operation.name", "ai.streamText.doStream support-bot")
          .attr("ai.operationId", "ai.streamText.doStream").attr("ai.telemetry.functionId", "support-bot")
          .attr("ai.model.id", "gpt-4o-mini").attr("ai.model.provider", "openai.chat")
          .attr("gen_ai.system", "openai.chat").attr("gen_ai.request.model", "gpt-4o-mini")
          .attr("gen_ai.request.temperature", 0.0)
          .attr("ai.prompt.messages", "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]")
          .attr("ai.response.text", "Hello!").attr("ai.response.msToFirstChunk", 250.0)
          .attr("ai.usage.promptTokens", 12L).attr("gen_ai.usage.input_tokens", 12L)
          .attr("gen_ai.usage.output_tokens", 3L).attr("gen_ai.response.finish_reasons", List.of("stop"));
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
      NormalizedSpan n = span("ai.generateText").scope("ai", null).root()
          .attr("operation.name", "ai.generateText support-bot").attr("ai.operationId", "ai.generateText")
          .attr("ai.telemetry.functionId", "support-bot").attr("ai.model.id", "gpt-4o-mini")
          .attr("ai.prompt", "{\"prompt\":\"Hi\"}").attr("ai.response.text", "Hello!")
          .attr("ai.usage.promptTokens", 12L).attr("ai.usage.completionTokens", 3L)
          .attr("ai.telemetry.metadata.userId", "user-7").attr("ai.telemetry.metadata.sessionId", "chat-3")
          .attr("ai.telemetry.metadata.tags", List.of("web")).attr("ai.telemetry.metadata.plan", "pro").normalize();
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
      Observation o = span("ai.toolCall").scope("ai", null).attr("operation.name", "ai.toolCall support-bot")
          .attr("ai.operationId", "ai.toolCall").attr("ai.toolCall.name", "lookupOrder")
          .attr("ai.toolCall.id", "call_9").attr("ai.toolCall.args", "{\"orderId\":\"A-1\"}")
          .attr("ai.toolCall.result", "{\"status\":\"shipped\"}").normalize().observation();
      assertThat(o.type()).isEqualTo(ObservationType.TOOL);
      assertThat(o.name()).isEqualTo("lookupOrder");
      assertThat(o.input()).isEqualTo("{\"orderId\":\"A-1\"}");
      assertThat(o.output()).isEqualTo("{\"status\":\"shipped\"}");
    }
  }

  @Nested
  class OpenInference {
    @Test
    void llm_isAGenerationWithFlattenedMessagesAndTokenCounts() {
      Observation o = span("ChatOpenAI").scope("openinference.instrumentation.langchain", "0.1.50")
          .attr("openinference.span.kind", "LLM").attr("llm.model_name", "gpt-4o")
          .attr("llm.provider", "openai").attr("llm.invocation_parameters", "{\"model\":\"gpt-4o\",\"temperature\":0.1}")
          .attr("llm.input_messages.0.message.role", "system")
          .attr("llm.input_messages.0.message.content", "You help.")
          .attr("llm.input_messages.1.message.role", "user").attr("llm.input_messages.1.message.content", "Hi")
          .attr("llm.output_messages.0.message.role", "assistant")
          .attr("llm.output_messages.0.message.content", "Hello")
          .attr("llm.token_count.prompt", 20L).attr("llm.token_count.completion", 2L)
          .attr("llm.token_count.total", 22L).attr("input.value", "{\"messages\":[]}")
          .attr("output.value", "{\"generations\":[]}").normalize().observation();
      assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
      assertThat(o.model()).isEqualTo("gpt-4o");
      assertThat(o.usageDetails()).isEqualTo(Map.of("input", 20L, "output", 2L, "total", 22L));
      assertThat(json(o.modelParameters()).get("temperature").asDouble()).isEqualTo(0.1);
      assertThat(o.mappingNotes().get("input")).isEqualTo("input.value / output.value");
      assertThat(json(o.input()).has("messages")).isTrue();
    }

    @Test
    void llmWithoutInputValue_usesTheFlattenedMessages() {
      Observation o = span("llm").attr("openinference.span.kind", "LLM").attr("llm.model_name", "gpt-4o")
          .attr("llm.input_messages.0.message.role", "user").attr("llm.input_messages.0.message.content", "Hi")
          .normalize().observation();
      assertThat(json(o.input())).isEqualTo(json("[{\"role\":\"user\",\"content\":\"Hi\"}]"));
      assertThat(o.mappingNotes().get("usage")).startsWith("missing: GENERATION has model gpt-4o but no usage");
    }

    @Test
    void tool_isAToolWithInputAndOutputValue() {
      Observation o = span("search_docs").attr("openinference.span.kind", "TOOL").attr("tool.name", "search_docs")
          .attr("input.value", "{\"query\":\"refunds\"}").attr("input.mime_type", "application/json")
          .attr("output.value", "3 documents").normalize().observation();
      assertThat(o.type()).isEqualTo(ObservationType.TOOL);
      assertThat(o.name()).isEqualTo("search_docs");
      assertThat(o.input()).isEqualTo("{\"query\":\"refunds\"}");
      assertThat(o.output()).isEqualTo("\"3 documents\"");
    }

    @Test
    void chainRoot_carriesSessionUserTagsToTheTrace() {
      NormalizedSpan n = span("RunnableSequence").root().scope("openinference.instrumentation.langchain", "0.1.50")
          .attr("openinference.span.kind", "CHAIN").attr("input.value", "{\"question\":\"refund?\"}")
          .attr("output.value", "You can get a refund within 30 days.").attr("session.id", "sess-1")
          .attr("user.id", "u-1").attr("tag.tags", List.of("prod", "rag"))
          .attr("metadata", "{\"ls_run_depth\":0}").normalize();
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

  @Nested
  class SpringAi {
    private Spans chat() {
      return span("chat gpt-4o").scope("org.springframework.boot", "3.4.0")
          .resource("service.name", "support-service").resource("service.version", "0.9.1")
          .attr("gen_ai.operation.name", "chat").attr("gen_ai.system", "openai")
          .attr("gen_ai.request.model", "gpt-4o").attr("gen_ai.request.temperature", 0.7)
          .attr("gen_ai.response.model", "gpt-4o-2024-08-06").attr("gen_ai.response.id", "chatcmpl-1")
          .attr("gen_ai.response.finish_reasons", List.of("STOP"))
          .attr("gen_ai.usage.input_tokens", 25L).attr("gen_ai.usage.output_tokens", 9L)
          .attr("gen_ai.usage.total_tokens", 34L);
    }

    @Test
    void chatWithContentEvents() {
      Observation o = chat().event("gen_ai.content.prompt", "gen_ai.prompt", "[\"Tell me a joke\"]")
          .event("gen_ai.content.completion", "gen_ai.completion", "[\"Why did...\"]").normalize().observation();
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
      Observation o = chat().attr("gen_ai.prompt", "Tell me a joke").attr("gen_ai.completion", "Why did...")
          .normalize().observation();
      assertThat(o.input()).isEqualTo("\"Tell me a joke\"");
      assertThat(o.output()).isEqualTo("\"Why did...\"");
      assertThat(o.mappingNotes().get("output")).isEqualTo("gen_ai.prompt.* / gen_ai.completion.*");
    }

    @Test
    void failedChat_isAnErrorWithTheExceptionMessage() {
      Observation o = chat().status(2, null).event("exception", "exception.type",
          "org.springframework.ai.retry.NonTransientAiException", "exception.message", "401 - invalid api key")
          .normalize().observation();
      assertThat(o.level()).isEqualTo(Level.ERROR);
      assertThat(o.statusMessage()).isEqualTo("org.springframework.ai.retry.NonTransientAiException: 401 - invalid api key");
    }
  }

  @Nested
  class LangChain4j {
    @Test
    void chatModelListenerAttributes_makeAGeneration() {
      Observation o = span("chat").scope("dev.langchain4j", "1.0.0").attr("gen_ai.system", "openai")
          .attr("gen_ai.request.model", "gpt-4o-mini").attr("gen_ai.request.temperature", 0.2)
          .attr("gen_ai.request.max_tokens", 256L).attr("gen_ai.response.id", "chatcmpl-9")
          .attr("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
          .attr("gen_ai.response.finish_reasons", List.of("STOP"))
          .attr("gen_ai.usage.input_tokens", 31L).attr("gen_ai.usage.output_tokens", 12L)
          .attr("gen_ai.prompt.0.role", "system").attr("gen_ai.prompt.0.content", "Be helpful")
          .attr("gen_ai.prompt.1.role", "user").attr("gen_ai.prompt.1.content", "Hello")
          .attr("gen_ai.completion.0.role", "assistant").attr("gen_ai.completion.0.content", "Hi!")
          .normalize().observation();
      assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
      assertThat(o.model()).isEqualTo("gpt-4o-mini-2024-07-18");
      assertThat(o.usageDetails()).isEqualTo(Map.of("input", 31L, "output", 12L));
      assertThat(json(o.input())).hasSize(2);
      assertThat(json(o.modelParameters())).isEqualTo(json("{\"temperature\":0.2,\"max_tokens\":256}"));
      assertThat(o.startTime()).isEqualTo(Instant.parse("2026-11-23T22:59:48.417Z"));
    }
  }
}
