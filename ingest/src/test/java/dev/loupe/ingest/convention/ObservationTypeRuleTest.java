package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.ObservationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObservationTypeRuleTest {
  private static ObservationType type(Spans s) {
    return ObservationTypeRule.apply(s.view()).value();
  }

  @ParameterizedTest
  @CsvSource({
    "span,SPAN",
    "generation,GENERATION",
    "event,EVENT",
    "embedding,EMBEDDING",
    "agent,AGENT",
    "tool,TOOL",
    "chain,CHAIN",
    "retriever,RETRIEVER",
    "guardrail,GUARDRAIL",
    "evaluator,EVALUATOR"
  })
  void langfuseType_mapsEveryValue(String wire, ObservationType expected) {
    assertThat(type(span("x").attr("langfuse.observation.type", wire))).isEqualTo(expected);
  }

  @Test
  void langfuseType_winsOverEveryOtherDialect() {
    Spans s =
        span("x")
            .attr("langfuse.observation.type", "tool")
            .attr("openinference.span.kind", "LLM")
            .attr("gen_ai.operation.name", "chat")
            .attr("gen_ai.request.model", "gpt-4o");
    assertThat(type(s)).isEqualTo(ObservationType.TOOL);
    assertThat(ObservationTypeRule.apply(s.view()).source()).isEqualTo("langfuse.observation.type");
  }

  @Test
  void pythonSdkUpTo33_spanWithGenerationAttributesIsAGeneration() {
    Spans s =
        span("llm")
            .scope("langfuse-sdk", "3.3.0")
            .resource("telemetry.sdk.language", "python")
            .attr("langfuse.observation.type", "span")
            .attr("langfuse.observation.usage_details", "{\"input\":1}");
    assertThat(type(s)).isEqualTo(ObservationType.GENERATION);
  }

  @Test
  void pythonSdkAfter33_spanStaysASpan() {
    Spans s =
        span("llm")
            .scope("langfuse-sdk", "3.4.1")
            .resource("telemetry.sdk.language", "python")
            .attr("langfuse.observation.type", "span")
            .attr("langfuse.observation.model.name", "gpt-4o");
    assertThat(type(s)).isEqualTo(ObservationType.SPAN);
  }

  @Test
  void pythonOverride_needsThePythonResource() {
    Spans s =
        span("llm")
            .scope("langfuse-sdk", "3.0.0")
            .resource("telemetry.sdk.language", "nodejs")
            .attr("langfuse.observation.type", "span")
            .attr("langfuse.observation.model.name", "gpt-4o");
    assertThat(type(s)).isEqualTo(ObservationType.SPAN);
  }

  @ParameterizedTest
  @CsvSource({
    "LLM,GENERATION",
    "CHAIN,CHAIN",
    "RETRIEVER,RETRIEVER",
    "EMBEDDING,EMBEDDING",
    "AGENT,AGENT",
    "TOOL,TOOL",
    "GUARDRAIL,GUARDRAIL",
    "EVALUATOR,EVALUATOR"
  })
  void openInferenceKind_maps(String kind, ObservationType expected) {
    assertThat(type(span("x").attr("openinference.span.kind", kind))).isEqualTo(expected);
  }

  @Test
  void openInferenceReranker_isUnmappedSoLaterRulesDecide() {
    assertThat(type(span("x").attr("openinference.span.kind", "RERANKER")))
        .isEqualTo(ObservationType.SPAN);
    assertThat(
            type(
                span("x")
                    .attr("openinference.span.kind", "RERANKER")
                    .attr("llm.model_name", "rerank-1")))
        .isEqualTo(ObservationType.GENERATION);
  }

  @ParameterizedTest
  @CsvSource({
    "chat,GENERATION",
    "completion,GENERATION",
    "text_completion,GENERATION",
    "generate_content,GENERATION",
    "generate,GENERATION",
    "embeddings,EMBEDDING",
    "invoke_agent,AGENT",
    "create_agent,AGENT",
    "execute_tool,TOOL"
  })
  void genAiOperation_maps(String operation, ObservationType expected) {
    assertThat(type(span("x").attr("gen_ai.operation.name", operation))).isEqualTo(expected);
  }

  @Test
  void openInference_beatsGenAiOperation() {
    assertThat(
            type(
                span("x")
                    .attr("gen_ai.operation.name", "chat")
                    .attr("openinference.span.kind", "CHAIN")))
        .isEqualTo(ObservationType.CHAIN);
  }

  @ParameterizedTest
  @CsvSource({
    "model,GENERATION",
    "background-model,GENERATION",
    "embedder,EMBEDDING",
    "tool,TOOL",
    "tool.v2,TOOL",
    "retriever,RETRIEVER",
    "evaluator,EVALUATOR"
  })
  void genkitSubtype_maps(String subtype, ObservationType expected) {
    assertThat(type(span("x").attr("genkit:metadata:subtype", subtype))).isEqualTo(expected);
  }

  @Test
  void vercelModelCall_isAGenerationOnlyWithAModelAttribute() {
    Spans withModel =
        span("ai.generateText.doGenerate")
            .scope("ai", null)
            .attr("operation.name", "ai.generateText.doGenerate my-fn")
            .attr("ai.operationId", "ai.generateText.doGenerate")
            .attr("ai.model.id", "gpt-4o");
    assertThat(type(withModel)).isEqualTo(ObservationType.GENERATION);
    Spans withoutModel =
        span("ai.streamText.doStream")
            .scope("ai", null)
            .attr("ai.operationId", "ai.streamText.doStream");
    assertThat(type(withoutModel)).isEqualTo(ObservationType.SPAN);
  }

  @Test
  void vercelEmbed_isAnEmbedding() {
    assertThat(
            type(
                span("x")
                    .attr("ai.operationId", "ai.embedMany.doEmbed")
                    .attr("ai.model.id", "text-embedding-3")))
        .isEqualTo(ObservationType.EMBEDDING);
  }

  @Test
  void vercelOuterSpan_staysASpanEvenWithAModel() {
    Spans outer =
        span("ai.generateText")
            .scope("ai", null)
            .attr("operation.name", "ai.generateText")
            .attr("ai.operationId", "ai.generateText")
            .attr("ai.model.id", "gpt-4o");
    assertThat(type(outer))
        .as("ai.model.id alone does not make a generation")
        .isEqualTo(ObservationType.SPAN);
  }

  @Test
  void vercelToolCall_isATool() {
    assertThat(
            type(
                span("ai.toolCall")
                    .attr("operation.name", "ai.toolCall")
                    .attr("ai.toolCall.name", "weather")))
        .isEqualTo(ObservationType.TOOL);
  }

  @Test
  void genAiToolNameOrCallId_isATool() {
    assertThat(type(span("x").attr("gen_ai.tool.name", "search"))).isEqualTo(ObservationType.TOOL);
    assertThat(type(span("x").attr("gen_ai.tool.call.id", "call_1")))
        .isEqualTo(ObservationType.TOOL);
  }

  @Test
  void flueAndLiveKitSpanNames_map() {
    assertThat(type(span("flue.tool"))).isEqualTo(ObservationType.TOOL);
    assertThat(type(span("flue.task"))).isEqualTo(ObservationType.AGENT);
    assertThat(type(span("agent_turn").scope("livekit-agents", "1.0")))
        .isEqualTo(ObservationType.AGENT);
    assertThat(type(span("function_tool").scope("livekit-agents", "1.0")))
        .isEqualTo(ObservationType.TOOL);
    assertThat(type(span("agent_turn")))
        .as("only in LiveKit's scope")
        .isEqualTo(ObservationType.SPAN);
  }

  @ParameterizedTest
  @CsvSource({
    "langfuse.observation.model.name",
    "gen_ai.request.model",
    "gen_ai.response.model",
    "llm.model_name",
    "model"
  })
  void anyModelAttribute_makesAGeneration(String key) {
    var m = ObservationTypeRule.apply(span("x").attr(key, "gpt-4o").view());
    assertThat(m.value()).isEqualTo(ObservationType.GENERATION);
    assertThat(m.source()).isEqualTo("model attribute " + key);
  }

  @Test
  void nothing_fallsBackToSpan() {
    var m = ObservationTypeRule.apply(span("x").attr("http.method", "GET").view());
    assertThat(m.value()).isEqualTo(ObservationType.SPAN);
    assertThat(m.source()).startsWith("fallback SPAN");
  }

  @Test
  void emptyValues_doNotCount() {
    assertThat(
            type(span("x").attr("langfuse.observation.type", "").attr("gen_ai.request.model", "")))
        .isEqualTo(ObservationType.SPAN);
  }
}
