package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputOutputRuleTest {
  private static InputOutputRule.Result io(Spans s) {
    return InputOutputRule.apply(s.view());
  }

  private static void assertJson(String actual, String expected) {
    assertThat(Json.parse(actual)).isEqualTo(Json.parse(expected));
  }

  @Test
  void langfuse_jsonIsKeptAndTextIsQuoted() {
    var r =
        io(
            span("x")
                .attr("langfuse.observation.input", "[{\"role\":\"user\",\"content\":\"hi\"}]")
                .attr("langfuse.observation.output", "hello there"));
    assertThat(r.input()).isEqualTo("[{\"role\":\"user\",\"content\":\"hi\"}]");
    assertThat(r.output()).isEqualTo("\"hello there\"");
  }

  @Test
  void langfuse_oneSideIsEnoughAndBeatsOtherDialects() {
    var r =
        io(
            span("x")
                .attr("langfuse.observation.input", "{\"q\":1}")
                .attr("input.value", "ignored")
                .attr("output.value", "ignored too"));
    assertThat(r.input()).isEqualTo("{\"q\":1}");
    assertThat(r.output()).isNull();
  }

  @Test
  void vercel_promptMessagesAndResponseText() {
    var r =
        io(
            span("x")
                .scope("ai", null)
                .attr(
                    "ai.prompt.messages",
                    "[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"Weather?\"}]}]")
                .attr("ai.response.text", "Sunny."));
    assertJson(
        r.input(), "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather?\"}]}]");
    assertThat(r.output()).isEqualTo("\"Sunny.\"");
    assertThat(r.source()).isEqualTo("Vercel AI SDK ai.prompt.messages / ai.response.text");
  }

  @Test
  void vercel_textWithToolCallsBecomesAnAssistantMessage() {
    var r =
        io(
            span("x")
                .scope("ai", null)
                .attr("ai.prompt", "{\"prompt\":\"go\"}")
                .attr("ai.response.text", "")
                .attr(
                    "ai.response.toolCalls",
                    "[{\"toolCallId\":\"c1\",\"toolName\":\"weather\",\"args\":\"{}\"}]"));
    assertJson(
        r.output(),
        "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
            + "[{\"toolCallId\":\"c1\",\"toolName\":\"weather\",\"args\":\"{}\"}]}");
    assertJson(r.input(), "{\"prompt\":\"go\"}");
  }

  @Test
  void vercel_toolCallArgsAndResult() {
    var r =
        io(
            span("ai.toolCall")
                .scope("ai", null)
                .attr("ai.toolCall.args", "{\"city\":\"Paris\"}")
                .attr("ai.toolCall.result", "{\"temp\":21}"));
    assertThat(r.input()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(r.output()).isEqualTo("{\"temp\":21}");
  }

  @Test
  void spanEvents_messagesAndSingleChoice() {
    var r =
        io(
            span("chat")
                .event("gen_ai.system.message", "content", "Be brief.")
                .event("gen_ai.user.message", "content", "Hi")
                .event(
                    "gen_ai.choice",
                    "index",
                    0L,
                    "finish_reason",
                    "stop",
                    "message",
                    "{\"content\":\"Hello\"}"));
    assertJson(
        r.input(),
        "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]");
    assertJson(
        r.output(),
        "{\"index\":0,\"finish_reason\":\"stop\",\"message\":\"{\\\"content\\\":\\\"Hello\\\"}\"}");
  }

  @Test
  void spanEvents_severalChoicesAreAnArray() {
    var r =
        io(span("chat").event("gen_ai.choice", "index", 0L).event("gen_ai.choice", "index", 1L));
    assertJson(r.output(), "[{\"index\":0},{\"index\":1}]");
    assertThat(r.input()).isNull();
  }

  @Test
  void springAiContentEvents() {
    var r =
        io(
            span("chat gpt-4o")
                .event("gen_ai.content.prompt", "gen_ai.prompt", "Tell me a joke")
                .event("gen_ai.content.completion", "gen_ai.completion", "Why did the chicken..."));
    assertThat(r.input()).isEqualTo("\"Tell me a joke\"");
    assertThat(r.output()).isEqualTo("\"Why did the chicken...\"");
  }

  @Test
  void openInference_inputValueOutputValue() {
    var r =
        io(
            span("chain")
                .attr("input.value", "{\"question\":\"why\"}")
                .attr("input.mime_type", "application/json")
                .attr("output.value", "because"));
    assertThat(r.input()).isEqualTo("{\"question\":\"why\"}");
    assertThat(r.output()).isEqualTo("\"because\"");
  }

  @Test
  void frameworkPairs_inSourceOrder() {
    assertThat(
            io(span("x")
                    .attr("gcp.vertex.agent.llm_request", "{}")
                    .attr("gcp.vertex.agent.tool_call_args", "{\"a\":1}"))
                .input())
        .as("Vertex {} request means a tool call")
        .isEqualTo("{\"a\":1}");
    assertThat(
            io(span("x").attr("mlflow.spanInputs", "{\"m\":1}").attr("input.value", "v")).input())
        .isEqualTo("{\"m\":1}");
    assertThat(io(span("x").attr("traceloop.entity.output", "done")).output())
        .isEqualTo("\"done\"");
    assertThat(
            io(span("x").attr("lk.user_transcript", "hello").attr("lk.response.text", "hi"))
                .source())
        .isEqualTo("LiveKit lk.*");
    assertThat(io(span("x").attr("final_result", "42")).output())
        .as("Pydantic AI only in its scope")
        .isNull();
    assertThat(io(span("x").scope("pydantic-ai", "1").attr("final_result", "done")).output())
        .isEqualTo("\"done\"");
  }

  @Test
  void logfireEventsArray_splitsChoiceFromInput() {
    var r =
        io(
            span("x")
                .attr(
                    "events",
                    "[{\"event.name\":\"gen_ai.user.message\",\"content\":\"q\"},"
                        + "{\"event.name\":\"gen_ai.choice\",\"message\":{\"content\":\"a\"}}]"));
    assertJson(r.input(), "[{\"event.name\":\"gen_ai.user.message\",\"content\":\"q\"}]");
    assertJson(r.output(), "{\"event.name\":\"gen_ai.choice\",\"message\":{\"content\":\"a\"}}");
  }

  @Test
  void genAiPromptCompletion_flattenedBecomeMessageArrays() {
    var r =
        io(
            span("openai.chat")
                .attr("gen_ai.prompt.0.role", "system")
                .attr("gen_ai.prompt.0.content", "Be kind.")
                .attr("gen_ai.prompt.1.role", "user")
                .attr("gen_ai.prompt.1.content", "Hi")
                .attr("gen_ai.completion.0.role", "assistant")
                .attr("gen_ai.completion.0.content", "Hello!")
                .attr("gen_ai.completion.0.finish_reason", "stop"));
    assertJson(
        r.input(),
        "[{\"role\":\"system\",\"content\":\"Be kind.\"},{\"role\":\"user\",\"content\":\"Hi\"}]");
    assertJson(
        r.output(), "[{\"role\":\"assistant\",\"content\":\"Hello!\",\"finish_reason\":\"stop\"}]");
  }

  @Test
  void genAiPromptCompletion_plainAttributes() {
    var r =
        io(span("chat").attr("gen_ai.prompt", "Tell me a joke").attr("gen_ai.completion", "No."));
    assertThat(r.input()).isEqualTo("\"Tell me a joke\"");
    assertThat(r.output()).isEqualTo("\"No.\"");
  }

  @Test
  void openInferenceMessages_flattenedAndUnwrapped() {
    var r =
        io(
            span("ChatOpenAI")
                .attr("llm.input_messages.0.message.role", "system")
                .attr("llm.input_messages.0.message.content", "Be kind.")
                .attr("llm.input_messages.1.message.role", "user")
                .attr("llm.input_messages.1.message.content", "Weather in Paris?")
                .attr("llm.output_messages.0.message.role", "assistant")
                .attr(
                    "llm.output_messages.0.message.tool_calls.0.tool_call.function.name", "weather")
                .attr(
                    "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments",
                    "{\"city\":\"Paris\"}"));
    assertJson(
        r.input(),
        "[{\"role\":\"system\",\"content\":\"Be kind.\"},"
            + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]");
    assertJson(
        r.output(),
        "[{\"role\":\"assistant\",\"tool_calls\":[{\"function\":{\"name\":\"weather\","
            + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]}]");
  }

  @Test
  void flattened_sparseIndicesKeepTheirOrder() {
    var r =
        io(
            span("x")
                .attr("gen_ai.prompt.10.content", "c")
                .attr("gen_ai.prompt.2.content", "b")
                .attr("gen_ai.prompt.0.content", "a"));
    assertJson(r.input(), "[{\"content\":\"a\"},{\"content\":\"b\"},{\"content\":\"c\"}]");
  }

  @Test
  void genAiMessages_withSystemInstructionsInFront() {
    var r =
        io(
            span("chat")
                .attr(
                    "gen_ai.input.messages",
                    "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\"," + "\"content\":\"Hi\"}]}]")
                .attr(
                    "gen_ai.system_instructions",
                    "[{\"type\":\"text\",\"content\":\"Be kind.\"},"
                        + "{\"type\":\"text\",\"content\":\"Be brief.\"}]")
                .attr(
                    "gen_ai.output.messages",
                    "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Hello\"}],\"finish_reason\":\"stop\"}]"));
    assertJson(
        r.input(),
        "[{\"role\":\"system\",\"content\":\"Be kind.\\nBe brief.\"},"
            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Hi\"}]}]");
    assertThat(Json.parse(r.output()).get(0).get("finish_reason").asText()).isEqualTo("stop");
  }

  @Test
  void systemInstructions_structuredPlainAndAlreadyPresent() {
    assertJson(
        io(span("x")
                .attr("gen_ai.input.messages", "[{\"role\":\"user\",\"content\":\"q\"}]")
                .attr(
                    "gen_ai.system_instructions",
                    "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"S\"}]}]"))
            .input(),
        "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"S\"}]},"
            + "{\"role\":\"user\",\"content\":\"q\"}]");
    assertJson(
        io(span("x").attr("gen_ai.system_instructions", "not valid json")).input(),
        "[{\"role\":\"system\",\"content\":\"not valid json\"}]");
    assertJson(
        io(span("x")
                .attr("gen_ai.input.messages", "[{\"role\":\"system\",\"content\":\"Mine\"}]")
                .attr("gen_ai.system_instructions", "\"Theirs\""))
            .input(),
        "[{\"role\":\"system\",\"content\":\"Mine\"}]");
    assertJson(
        io(span("x")
                .attr("gen_ai.input.messages", "[{\"role\":\"user\",\"content\":\"q\"}]")
                .attr("gen_ai.system_instructions", "[42,true,null]"))
            .input(),
        "[{\"role\":\"user\",\"content\":\"q\"}]");
  }

  @Test
  void genAiToolCall_argumentsAndResult() {
    var r =
        io(
            span("execute_tool weather")
                .attr("gen_ai.tool.call.arguments", "{\"city\":\"Paris\"}")
                .attr("gen_ai.tool.call.result", "{\"temp\":21}"));
    assertThat(r.input()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(r.output()).isEqualTo("{\"temp\":21}");
  }

  @Test
  void nonStringValues_areWrittenAsJson() {
    var r =
        io(span("x").attr("input.value", List.of("a", "b")).attr("output.value", Map.of("k", 1L)));
    assertThat(r.input()).isEqualTo("[\"a\",\"b\"]");
    assertThat(r.output()).isEqualTo("{\"k\":1}");
  }

  @Test
  void nothing_givesNoneAndIoKeysAreKnown() {
    assertThat(io(span("x").attr("http.method", "GET"))).isEqualTo(InputOutputRule.Result.NONE);
    assertThat(InputOutputRule.isIoKey("llm.input_messages.0.message.content")).isTrue();
    assertThat(InputOutputRule.isIoKey("gen_ai.completion.0.content")).isTrue();
    assertThat(InputOutputRule.isIoKey("ai.response.text")).isTrue();
    assertThat(InputOutputRule.isIoKey("input.value")).isTrue();
    assertThat(InputOutputRule.isIoKey("gen_ai.usage.input_tokens")).isFalse();
  }
}
