package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.UsageScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which spans report their descendants' usage, per dialect, with the attributes the real clients
 * send (Vercel AI SDK 6 built-in telemetry and 7's {@code @ai-sdk/otel}, Strands Agents,
 * OpenInference smolagents).
 */
class UsageScopeRuleTest {
  /** AI SDK 6 {@code generateText} outer span: the run's totals under {@code ai.usage.*}. */
  private static Spans vercelOuter(String op) {
    return span(op)
        .scope("ai", null)
        .root()
        .attr("operation.name", op + " weather-bot")
        .attr("ai.operationId", op)
        .attr("ai.telemetry.functionId", "weather-bot")
        .attr("ai.model.id", "mock-model-id")
        .attr("ai.model.provider", "mock-provider")
        .attr("ai.usage.inputTokens", 70L)
        .attr("ai.usage.outputTokens", 37L)
        .attr("ai.usage.totalTokens", 107L);
  }

  @Test
  void vercelGenerateText_reportsItsModelCallsTotal() {
    Observation o = vercelOuter("ai.generateText").normalize().observation();

    assertThat(o.usageScope()).isEqualTo(UsageScope.DESCENDANTS);
    assertThat(o.countsInTotals()).isFalse();
    assertThat(o.usageDetails()).as("kept and shown as reported").containsEntry("total", 107L);
    assertThat(o.mappingNotes().get("usageScope"))
        .isEqualTo(
            "Vercel AI SDK ai.generateText reports the total of its model calls"
                + " (ai.generateText.do*); shown, not priced, not added to totals");
  }

  @Test
  void vercelOuterOperations_allReportTheirChildren() {
    for (String op :
        List.of(
            "ai.streamText",
            "ai.generateObject",
            "ai.streamObject",
            "ai.embed",
            "ai.embedMany",
            "ai.rerank",
            "ai.workflowAgent.stream")) {
      assertThat(vercelOuter(op).normalize().observation().usageScope())
          .as(op)
          .isEqualTo(UsageScope.DESCENDANTS);
    }
  }

  @Test
  void vercelOperationNameAlone_isEnough() {
    Observation o =
        span("ai.streamText")
            .scope("ai", null)
            .attr("operation.name", "ai.streamText weather-bot")
            .attr("ai.usage.totalTokens", 40L)
            .normalize()
            .observation();

    assertThat(o.usageScope()).isEqualTo(UsageScope.DESCENDANTS);
  }

  @Test
  void vercelModelCallsAndSingleSpanOperations_countTheirOwnUsage() {
    for (String op :
        List.of(
            "ai.generateText.doGenerate",
            "ai.streamText.doStream",
            "ai.embedMany.doEmbed",
            "ai.generateSpeech",
            "ai.transcribe")) {
      Observation o =
          span(op)
              .scope("ai", null)
              .attr("operation.name", op + " weather-bot")
              .attr("ai.operationId", op)
              .attr("ai.model.id", "mock-model-id")
              .attr("gen_ai.request.model", "mock-model-id")
              .attr("gen_ai.usage.input_tokens", 30L)
              .attr("gen_ai.usage.output_tokens", 10L)
              .normalize()
              .observation();
      assertThat(o.usageScope()).as(op).isEqualTo(UsageScope.OWN);
      assertThat(o.mappingNotes()).as(op).doesNotContainKey("usageScope");
    }
  }

  /** AI SDK 7 {@code @ai-sdk/otel} OpenTelemetry: root {@code invoke_agent} (scope gen_ai). */
  @Test
  void genAiInvokeAgent_reportsItsModelCallsTotalAndKeepsItsModel() {
    Observation o =
        span("invoke_agent mock-model-id")
            .scope("gen_ai", null)
            .root()
            .attr("gen_ai.operation.name", "invoke_agent")
            .attr("gen_ai.provider.name", "mock-provider")
            .attr("gen_ai.request.model", "mock-model-id")
            .attr("gen_ai.usage.input_tokens", 70L)
            .attr("gen_ai.usage.output_tokens", 37L)
            .normalize()
            .observation();

    assertThat(o.type()).isEqualTo(ObservationType.AGENT);
    assertThat(o.model()).isEqualTo("mock-model-id");
    assertThat(o.usageDetails()).isEqualTo(Map.of("input", 70L, "output", 37L));
    assertThat(o.usageScope()).isEqualTo(UsageScope.DESCENDANTS);
    assertThat(o.mappingNotes().get("usageScope"))
        .startsWith("gen_ai.operation.name=invoke_agent reports the total of its model calls");
  }

  @Test
  void genAiChat_countsItsOwnUsage() {
    Observation o =
        span("chat mock-model-id")
            .scope("gen_ai", null)
            .kind(3)
            .attr("gen_ai.operation.name", "chat")
            .attr("gen_ai.request.model", "mock-model-id")
            .attr("gen_ai.usage.input_tokens", 30L)
            .attr("gen_ai.usage.output_tokens", 10L)
            .normalize()
            .observation();

    assertThat(o.type()).isEqualTo(ObservationType.GENERATION);
    assertThat(o.usageScope()).isEqualTo(UsageScope.OWN);
  }

  /** A remote agent service (e.g. Bedrock Agents): no child model-call spans in this trace. */
  @Test
  void genAiInvokeAgentClientSpan_countsItsUsage() {
    Observation o =
        span("invoke_agent travel")
            .kind(3)
            .attr("gen_ai.operation.name", "invoke_agent")
            .attr("gen_ai.request.model", "remote-model")
            .attr("gen_ai.usage.input_tokens", 500L)
            .normalize()
            .observation();

    assertThat(o.usageScope()).isEqualTo(UsageScope.OWN);
  }

  @Test
  void genAiOrchestrations_reportTheirAgentsTotals() {
    for (String op : List.of("invoke_workflow", "agent_step", "invoke_graph", "invoke_swarm")) {
      Observation o =
          span(op + " crew")
              .attr("gen_ai.operation.name", op)
              .attr("gen_ai.usage.input_tokens", 500L)
              .attr("gen_ai.usage.output_tokens", 50L)
              .normalize()
              .observation();
      assertThat(o.usageScope()).as(op).isEqualTo(UsageScope.DESCENDANTS);
    }
  }

  /** A provided cost on an agent span is its children's cost too: kept, shown, not summed. */
  @Test
  void genAiInvokeAgentWithOnlyAProvidedCost_isDescendants() {
    Observation o =
        span("invoke_agent travel")
            .attr("gen_ai.operation.name", "invoke_agent")
            .attr("gen_ai.usage.cost", 0.25)
            .normalize()
            .observation();

    assertThat(o.costSource()).isEqualTo(CostSource.PROVIDED);
    assertThat(o.usageScope()).isEqualTo(UsageScope.DESCENDANTS);
  }

  /** OpenInference smolagents: the agent run span carries the run's token counts. */
  @Test
  void openInferenceAgentWithTokenCounts_reportsItsLlmSpansTotal() {
    Observation o =
        span("CodeAgent.run")
            .attr("openinference.span.kind", "AGENT")
            .attr("llm.token_count.prompt", 900L)
            .attr("llm.token_count.completion", 120L)
            .attr("llm.token_count.total", 1020L)
            .normalize()
            .observation();

    assertThat(o.type()).isEqualTo(ObservationType.AGENT);
    assertThat(o.usageScope()).isEqualTo(UsageScope.DESCENDANTS);
    assertThat(o.mappingNotes().get("usageScope"))
        .startsWith("openinference.span.kind=AGENT reports the total of its LLM spans");
  }

  @Test
  void openInferenceLlm_countsItsOwnUsage() {
    Observation o =
        span("OpenAI.chat")
            .attr("openinference.span.kind", "LLM")
            .attr("llm.model_name", "gpt-4o")
            .attr("llm.token_count.prompt", 900L)
            .normalize()
            .observation();

    assertThat(o.usageScope()).isEqualTo(UsageScope.OWN);
  }

  /** A span without usage or cost has nothing to count twice: no note. */
  @Test
  void spanWithoutUsage_hasNoScopeNote() {
    Observation o =
        span("invoke_agent travel")
            .attr("gen_ai.operation.name", "invoke_agent")
            .normalize()
            .observation();

    assertThat(o.usageScope()).isEqualTo(UsageScope.OWN);
    assertThat(o.mappingNotes()).doesNotContainKey("usageScope");
  }

  /** The Langfuse SDK says what an observation is: an agent's usage given there is its own. */
  @Test
  void langfuseAgentWithUsageDetails_countsItsUsage() {
    Observation o =
        Spans.langfuse("agent")
            .attr("langfuse.observation.type", "agent")
            .attr("langfuse.observation.model.name", "gpt-4o")
            .attr("langfuse.observation.usage_details", "{\"input\":10,\"output\":5}")
            .normalize()
            .observation();

    assertThat(o.type()).isEqualTo(ObservationType.AGENT);
    assertThat(o.usageScope()).isEqualTo(UsageScope.OWN);
  }
}
