package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Json;
import dev.loupe.model.Level;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Name, level, status message, model and model parameters. */
class FieldRulesTest {
  @Test
  void name_prefersTheToolName() {
    assertThat(
            NameRule.apply(span("execute_tool search").attr("gen_ai.tool.name", "search").view())
                .value())
        .isEqualTo("search");
  }

  @Test
  void name_usesGenkitThenLogfireThenVercelToolName() {
    assertThat(
            NameRule.apply(span("s").attr("genkit:name", "flow").attr("logfire.msg", "m").view())
                .value())
        .isEqualTo("flow");
    assertThat(NameRule.apply(span("s").attr("logfire.msg", "agent run").view()).value())
        .isEqualTo("agent run");
    assertThat(
            NameRule.apply(
                    span("ai.toolCall")
                        .attr("ai.toolCall.name", "weather")
                        .attr("ai.operationId", "ai.toolCall")
                        .view())
                .value())
        .isEqualTo("weather");
  }

  @Test
  void name_prefixesTheVercelOperationWithTheFunctionId() {
    Spans s =
        span("ai.generateText doGenerate")
            .attr("ai.operationId", "ai.generateText.doGenerate")
            .attr("ai.telemetry.functionId", "support-bot");
    assertThat(NameRule.apply(s.view()).value())
        .isEqualTo("support-bot:ai.generateText.doGenerate");
    assertThat(NameRule.apply(span("x").attr("ai.operationId", "ai.streamText").view()).value())
        .isEqualTo("ai.streamText");
  }

  @Test
  void name_fallsBackToTheSpanName() {
    var m = NameRule.apply(span("chat gpt-4o").view());
    assertThat(m.value()).isEqualTo("chat gpt-4o");
    assertThat(m.source()).isEqualTo("span name");
  }

  @ParameterizedTest
  @CsvSource({
    "WARN,WARNING",
    "warning,WARNING",
    "TRACE,DEBUG",
    "VERBOSE,DEBUG",
    "INFO,DEFAULT",
    "OK,DEFAULT",
    "FATAL,ERROR",
    "CRITICAL,ERROR",
    "ERROR,ERROR",
    "DEBUG,DEBUG"
  })
  void level_acceptsLangfuseLevelsAndAliases(String sent, Level expected) {
    assertThat(LevelRule.apply(span("x").attr("langfuse.observation.level", sent).view()).value())
        .isEqualTo(expected);
  }

  @Test
  void level_langfuseLevelWinsOverTheStatus() {
    assertThat(
            LevelRule.apply(
                    span("x")
                        .status(2, "boom")
                        .attr("langfuse.observation.level", "WARNING")
                        .view())
                .value())
        .isEqualTo(Level.WARNING);
  }

  @Test
  void level_statusErrorIsError() {
    var m = LevelRule.apply(span("x").status(2, "boom").view());
    assertThat(m.value()).isEqualTo(Level.ERROR);
    assertThat(m.source()).isEqualTo("status.code=ERROR");
  }

  @Test
  void level_unknownLangfuseLevelFallsThroughAndSaysSo() {
    var m = LevelRule.apply(span("x").attr("langfuse.observation.level", "LOUD").view());
    assertThat(m.value()).isEqualTo(Level.DEFAULT);
    assertThat(m.source()).contains("unknown langfuse.observation.level 'LOUD'");
  }

  @Test
  void level_liveKitInternalSpansAreDebug() {
    assertThat(LevelRule.apply(span("tts_node").scope("livekit-agents", "1").view()).value())
        .isEqualTo(Level.DEBUG);
    assertThat(LevelRule.apply(span("tts_node").view()).value()).isEqualTo(Level.DEFAULT);
  }

  @Test
  void statusMessage_prefersLangfuseThenOtelStatus() {
    assertThat(
            StatusMessageRule.apply(
                span("x")
                    .status(2, "otel")
                    .attr("langfuse.observation.status_message", "lf")
                    .view()))
        .isEqualTo("lf");
    assertThat(StatusMessageRule.apply(span("x").status(2, "otel").view())).isEqualTo("otel");
    assertThat(StatusMessageRule.apply(span("x").view())).isNull();
  }

  @Test
  void statusMessage_fallsBackToTheExceptionEventOfAnErrorSpan() {
    Spans s =
        span("x")
            .status(2, null)
            .event(
                "exception",
                "exception.type",
                "java.net.SocketTimeoutException",
                "exception.message",
                "Read timed out");
    assertThat(StatusMessageRule.apply(s.view()))
        .isEqualTo("java.net.SocketTimeoutException: Read timed out");
    Spans handled = span("x").event("exception", "exception.message", "retried");
    assertThat(StatusMessageRule.apply(handled.view()))
        .as("no error status: handled exception")
        .isNull();
  }

  @Test
  void model_followsTheSourceOrder() {
    Spans s =
        span("x")
            .attr("model", "m7")
            .attr("llm.model_name", "m6")
            .attr("llm.response.model", "m5")
            .attr("gen_ai.request.model", "m4")
            .attr("ai.model.id", "m3")
            .attr("gen_ai.response.model", "m2");
    assertThat(ModelRule.apply(s.view()).value()).isEqualTo("m2");
    assertThat(ModelRule.apply(s.attr("langfuse.observation.model.name", "m1").view()).value())
        .isEqualTo("m1");
    assertThat(
            ModelRule.apply(
                    span("x")
                        .attr("gen_ai.request.model", "gpt-4o")
                        .attr("gen_ai.response.model", "gpt-4o-2024-08-06")
                        .view())
                .value())
        .isEqualTo("gpt-4o-2024-08-06");
  }

  @Test
  void model_isNullWithoutAModelKey() {
    assertThat(ModelRule.apply(span("x").view())).isNull();
  }

  @Test
  void model_isSkippedOnVercelAgentSpans() {
    var m =
        ModelRule.apply(
            span("invoke_agent")
                .scope("ai", null)
                .attr("gen_ai.operation.name", "invoke_agent")
                .attr("gen_ai.request.model", "gpt-4o")
                .view());
    assertThat(m.value()).isNull();
    assertThat(m.source()).startsWith("skipped");
    var step =
        ModelRule.apply(
            span("step")
                .attr("ai.operationId", "ai.agent.step")
                .attr("gen_ai.operation.name", "agent_step")
                .attr("ai.model.id", "gpt-4o")
                .view());
    assertThat(step.value()).isNull();
  }

  @Test
  void model_isKeptOnOtherFrameworksAgentSpans() {
    assertThat(
            ModelRule.apply(
                    span("invoke_agent")
                        .attr("gen_ai.operation.name", "invoke_agent")
                        .attr("gen_ai.request.model", "gpt-4o")
                        .view())
                .value())
        .isEqualTo("gpt-4o");
  }

  @Test
  void modelParameters_langfuseJsonKeepsNumbersAndStringifiesTheRest() {
    String p =
        ModelParametersRule.apply(
            span("x")
                .attr(
                    "langfuse.observation.model.parameters",
                    "{\"temperature\":0.2,\"max_tokens\":256,\"stop\":[\"\\n\"],\"stream\":true,\"user\":\"u\",\"n\":null}")
                .view());
    assertThat(Json.parse(p))
        .isEqualTo(
            Json.parse(
                "{\"temperature\":0.2,\"max_tokens\":256,\"stop\":\"[\\\"\\\\n\\\"]\",\"stream\":\"true\",\"user\":\"u\"}"));
  }

  @Test
  void modelParameters_vercelSettingsForScopeAi() {
    Spans s =
        span("x")
            .scope("ai", null)
            .attr("ai.settings.maxSteps", 5L)
            .attr("gen_ai.request.max_tokens", 512L)
            .attr("gen_ai.request.temperature", 0.7)
            .attr("gen_ai.system", "openai.chat")
            .attr("gen_ai.response.finish_reasons", List.of("stop"))
            .attr("ai.settings.maxRetries", 2L);
    assertThat(Json.parse(ModelParametersRule.apply(s.view())))
        .isEqualTo(
            Json.parse(
                "{\"maxSteps\":5,"
                    + "\"maxTokens\":512,\"finishReason\":\"[\\\"stop\\\"]\",\"system\":\"openai.chat\",\"maxRetries\":2,"
                    + "\"temperature\":0.7}"));
  }

  @Test
  void modelParameters_openInferenceInvocationParameters() {
    assertThat(
            Json.parse(
                ModelParametersRule.apply(
                    span("x")
                        .attr(
                            "llm.invocation_parameters", "{\"model\":\"gpt-4o\",\"temperature\":0}")
                        .view())))
        .isEqualTo(Json.parse("{\"model\":\"gpt-4o\",\"temperature\":0}"));
    assertThat(
            Json.parse(
                ModelParametersRule.apply(
                    span("x").attr("model_config", "{\"top_p\":0.9}").view())))
        .isEqualTo(Json.parse("{\"top_p\":0.9}"));
  }

  @Test
  void modelParameters_genAiRequestKeysWithoutTheModel() {
    Spans s =
        span("x")
            .attr("gen_ai.request.model", "gpt-4o")
            .attr("gen_ai.request.temperature", 0.3)
            .attr("gen_ai.request.max_tokens", 100L)
            .attr("gen_ai.request.stop_sequences", List.of("END"));
    assertThat(Json.parse(ModelParametersRule.apply(s.view())))
        .isEqualTo(
            Json.parse(
                "{\"temperature\":0.3,\"max_tokens\":100,\"stop_sequences\":\"[\\\"END\\\"]\"}"));
  }

  @Test
  void modelParameters_nullWhenNoneAndInvalidJsonFallsThrough() {
    assertThat(ModelParametersRule.apply(span("x").attr("gen_ai.request.model", "gpt-4o").view()))
        .isNull();
    assertThat(
            Json.parse(
                ModelParametersRule.apply(
                    span("x")
                        .attr("langfuse.observation.model.parameters", "{oops")
                        .attr("gen_ai.request.top_p", 1.0)
                        .view())))
        .isEqualTo(Json.parse("{\"top_p\":1.0}"));
  }

  @Test
  void completionStartTime_readsIsoAndDoubleQuotedIso() {
    assertThat(
            CompletionStartTimeRule.apply(
                span("x")
                    .attr("langfuse.observation.completion_start_time", "2026-11-23T22:59:48.430Z")
                    .view()))
        .isEqualTo(Instant.parse("2026-11-23T22:59:48.430Z"));
    assertThat(
            CompletionStartTimeRule.apply(
                span("x")
                    .attr(
                        "langfuse.observation.completion_start_time",
                        "\"2025-10-01T08:45:26.112648Z\"")
                    .view()))
        .isEqualTo(Instant.parse("2025-10-01T08:45:26.112648Z"));
    assertThat(
            CompletionStartTimeRule.apply(
                span("x")
                    .attr(
                        "langfuse.observation.completion_start_time", "2025-10-01T10:45:26.5+02:00")
                    .view()))
        .isEqualTo(Instant.parse("2025-10-01T08:45:26.500Z"));
  }

  @Test
  void completionStartTime_isStartPlusMsToFirstChunk() {
    Instant start = Instant.parse("2026-11-23T22:59:48.417Z");
    assertThat(
            CompletionStartTimeRule.apply(
                span("x").attr("ai.response.msToFirstChunk", 120.5).view()))
        .isEqualTo(start.plusMillis(120).plusNanos(500_000));
    assertThat(
            CompletionStartTimeRule.apply(span("x").attr("ai.stream.msToFirstChunk", 80L).view()))
        .isEqualTo(start.plusMillis(80));
    assertThat(
            CompletionStartTimeRule.apply(
                span("x").attr("langfuse.observation.completion_start_time", "soon").view()))
        .isNull();
  }
}
