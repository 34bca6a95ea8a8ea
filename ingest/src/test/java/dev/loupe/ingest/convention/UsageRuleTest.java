package dev.loupe.ingest.convention;

import static dev.loupe.ingest.convention.Spans.span;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageRuleTest {
  private static Map<String, Long> usage(Spans s) {
    var m = UsageRule.apply(s.view());
    return m == null ? Map.of() : m.value();
  }

  private static Map<String, Long> details(String json) {
    return usage(span("x").attr("langfuse.observation.usage_details", json));
  }

  /** A number beyond any decimal is text that is not usable JSON: no usage, and no failed span. */
  @Test
  void langfuseDetails_withANumberNoDecimalHolds_areNotUsage() {
    assertThat(details("{\"input\":1E07390010160,\"output\":3}")).isEmpty();
  }

  @Test
  void langfuseDetails_areKeptAsSent() {
    assertThat(details("{\"input\":42,\"output\":17}"))
        .isEqualTo(Map.of("input", 42L, "output", 17L));
    assertThat(details("{\"input\":10,\"input_cached_tokens\":90,\"output\":5,\"total\":105}"))
        .as("Langfuse's own keys are already exclusive")
        .isEqualTo(Map.of("input", 10L, "input_cached_tokens", 90L, "output", 5L, "total", 105L));
  }

  @Test
  void usage_openAiCachedTokensAreSubtractedFromInput() {
    var m =
        UsageRule.apply(
            span("x")
                .attr(
                    "langfuse.observation.usage_details",
                    "{\"prompt_tokens\":1000,"
                        + "\"completion_tokens\":300,\"total_tokens\":1300,\"prompt_tokens_details\":{\"cached_tokens\":800,"
                        + "\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":200,\"audio_tokens\":0,"
                        + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":10}}")
                .view());
    assertThat(m.value())
        .isEqualTo(
            Map.of(
                "input",
                200L,
                "input_cached_tokens",
                800L,
                "input_audio_tokens",
                0L,
                "output",
                90L,
                "output_reasoning_tokens",
                200L,
                "output_audio_tokens",
                0L,
                "output_accepted_prediction_tokens",
                0L,
                "output_rejected_prediction_tokens",
                10L,
                "total",
                1300L));
    assertThat(m.source()).contains("OpenAI Chat shape");
    assertThat(m.source())
        .isEqualTo(
            "langfuse.observation.usage_details (OpenAI Chat shape; cached/reasoning tokens subtracted)");
  }

  @Test
  void usage_openAiZeroDetailsSubtractNothing() {
    var m =
        UsageRule.apply(
            span("x")
                .attr(
                    "langfuse.observation.usage_details",
                    "{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":0}}")
                .view());
    assertThat(m.value())
        .isEqualTo(Map.of("input", 12L, "input_cached_tokens", 0L, "output", 3L, "total", 15L));
    assertThat(m.source()).isEqualTo("langfuse.observation.usage_details (OpenAI Chat shape)");
  }

  @Test
  void usage_openAiResponsesShapeIsMadeExclusiveToo() {
    assertThat(
            details(
                "{\"input_tokens\":500,\"output_tokens\":120,\"total_tokens\":620,"
                    + "\"input_tokens_details\":{\"cached_tokens\":100},\"output_tokens_details\":{\"reasoning_tokens\":20}}"))
        .isEqualTo(
            Map.of(
                "input",
                400L,
                "input_cached_tokens",
                100L,
                "output",
                100L,
                "output_reasoning_tokens",
                20L,
                "total",
                620L));
  }

  @Test
  void usage_anthropicInputAlreadyExcludesCacheTokens() {
    var m =
        UsageRule.apply(
            span("x")
                .attr(
                    "langfuse.observation.usage_details",
                    "{\"input_tokens\":7,"
                        + "\"cache_creation_input_tokens\":2089,\"cache_read_input_tokens\":16399,\"output_tokens\":445,"
                        + "\"service_tier\":\"standard\"}")
                .view());
    assertThat(m.value())
        .isEqualTo(
            Map.of(
                "input",
                7L,
                "input_cache_creation",
                2089L,
                "input_cached_tokens",
                16399L,
                "output",
                445L));
    assertThat(m.source()).contains("Anthropic shape");
  }

  @Test
  void usage_anthropicOneHourCacheWritesAreKeptApart() {
    assertThat(
            details(
                "{\"input_tokens\":7,\"cache_creation_input_tokens\":3000,\"cache_read_input_tokens\":0,"
                    + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":2000,\"ephemeral_1h_input_tokens\":1000},"
                    + "\"output_tokens\":5}"))
        .isEqualTo(
            Map.of(
                "input",
                7L,
                "input_cache_creation",
                2000L,
                "input_cache_creation_1h",
                1000L,
                "input_cached_tokens",
                0L,
                "output",
                5L));
  }

  @Test
  void usage_aiSdkUsageObjectIncludesCachedTokensInInput() {
    assertThat(
            details(
                "{\"inputTokens\":100,\"outputTokens\":50,\"totalTokens\":150,\"cachedInputTokens\":60,"
                    + "\"reasoningTokens\":10}"))
        .isEqualTo(
            Map.of(
                "input",
                40L,
                "input_cached_tokens",
                60L,
                "output",
                40L,
                "output_reasoning_tokens",
                10L,
                "total",
                150L));
  }

  @Test
  void usage_plainInputTokensWithoutDetailsReadAsInputOutput() {
    assertThat(details("{\"input_tokens\":12,\"output_tokens\":3}"))
        .isEqualTo(Map.of("input", 12L, "output", 3L));
  }

  @Test
  void usage_detailsThatAreNotJsonFallThroughToGenAi() {
    assertThat(
            usage(
                span("x")
                    .attr("langfuse.observation.usage_details", "lots")
                    .attr("gen_ai.usage.input_tokens", 5L)))
        .isEqualTo(Map.of("input", 5L));
  }

  @Test
  void genAi_oldNamesMapToInputOutput() {
    assertThat(
            usage(
                span("x")
                    .attr("gen_ai.usage.prompt_tokens", 11L)
                    .attr("gen_ai.usage.completion_tokens", 7L)
                    .attr("gen_ai.usage.total_tokens", 18L)))
        .isEqualTo(Map.of("input", 11L, "output", 7L, "total", 18L));
  }

  @Test
  void genAi_newNamesWithCacheAndReasoningAreMadeExclusive() {
    var m =
        UsageRule.apply(
            span("x")
                .attr("gen_ai.usage.input_tokens", 1000L)
                .attr("gen_ai.usage.output_tokens", 300L)
                .attr("gen_ai.usage.cache_read.input_tokens", 700L)
                .attr("gen_ai.usage.cache_creation.input_tokens", 200L)
                .attr("gen_ai.usage.reasoning_tokens", 100L)
                .view());
    assertThat(m.value())
        .isEqualTo(
            Map.of(
                "input",
                100L,
                "input_cached_tokens",
                700L,
                "input_cache_creation",
                200L,
                "output",
                200L,
                "output_reasoning_tokens",
                100L));
    assertThat(m.source())
        .isEqualTo("gen_ai.usage.* (input/output made exclusive of cache/reasoning/audio)");
  }

  @Test
  void genAi_anthropicStyleFlatCacheKeys() {
    assertThat(
            usage(
                span("x")
                    .attr("gen_ai.usage.input_tokens", 50L)
                    .attr("gen_ai.usage.output_tokens", 5L)
                    .attr("gen_ai.usage.cache_read_input_tokens", 30L)
                    .attr("gen_ai.usage.cache_creation_input_tokens", 10L)))
        .isEqualTo(
            Map.of(
                "input",
                10L,
                "input_cached_tokens",
                30L,
                "input_cache_creation",
                10L,
                "output",
                5L));
  }

  @Test
  void genAi_costIsNotUsageAndFirstNameForATypeWins() {
    assertThat(
            usage(
                span("x")
                    .attr("gen_ai.usage.input_tokens", 5L)
                    .attr("gen_ai.usage.prompt_tokens", 5L)
                    .attr("gen_ai.usage.cost", 0.01)))
        .isEqualTo(Map.of("input", 5L));
  }

  @Test
  void genAi_stringCountsAndUnknownKeysPassThrough() {
    assertThat(
            usage(
                span("x")
                    .attr("gen_ai.usage.input_tokens", "12")
                    .attr("gen_ai.usage.image_tokens", 3L)
                    .attr("gen_ai.usage.note", "n/a")))
        .isEqualTo(Map.of("input", 12L, "image_tokens", 3L));
  }

  @Test
  void inputNeverGoesNegative() {
    assertThat(
            usage(
                span("x")
                    .attr("gen_ai.usage.input_tokens", 10L)
                    .attr("gen_ai.usage.cache_read.input_tokens", 25L)))
        .isEqualTo(Map.of("input", 0L, "input_cached_tokens", 25L));
  }

  @Test
  void openInference_tokenCountsWithDetails() {
    var m =
        UsageRule.apply(
            span("x")
                .attr("llm.token_count.prompt", 120L)
                .attr("llm.token_count.completion", 40L)
                .attr("llm.token_count.total", 160L)
                .attr("llm.token_count.prompt_details.cache_read", 100L)
                .attr("llm.token_count.prompt_details.cache_write", 5L)
                .attr("llm.token_count.prompt_details.audio", 5L)
                .attr("llm.token_count.completion_details.reasoning", 10L)
                .attr("llm.token_count.completion_details.audio", 2L)
                .view());
    assertThat(m.value())
        .isEqualTo(
            Map.of(
                "input",
                10L,
                "input_cached_tokens",
                100L,
                "input_cache_creation",
                5L,
                "input_audio_tokens",
                5L,
                "output",
                28L,
                "output_reasoning_tokens",
                10L,
                "output_audio_tokens",
                2L,
                "total",
                160L));
    assertThat(m.source()).startsWith("llm.token_count.*");
  }

  @Test
  void vercel_readsGenAiUsageNotAiUsageAndSubtractsDetails() {
    Spans s =
        span("ai.generateText.doGenerate")
            .scope("ai", null)
            .attr("ai.usage.promptTokens", 999L)
            .attr("gen_ai.usage.input_tokens", 100L)
            .attr("gen_ai.usage.output_tokens", 40L)
            .attr("ai.usage.tokens", 140L)
            .attr("ai.usage.cachedInputTokens", 30L)
            .attr("ai.usage.reasoningTokens", "{\"intValue\":15}");
    assertThat(usage(s))
        .isEqualTo(
            Map.of(
                "input",
                70L,
                "input_cached_tokens",
                30L,
                "output",
                25L,
                "output_reasoning_tokens",
                15L,
                "total",
                140L));
  }

  @Test
  void vercel_outerSpanWithOnlyAiUsageHasNoUsage() {
    assertThat(
            UsageRule.apply(
                span("ai.generateText")
                    .scope("ai", null)
                    .attr("ai.usage.promptTokens", 100L)
                    .attr("ai.usage.completionTokens", 40L)
                    .view()))
        .isNull();
  }

  @Test
  void vercel_providerMetadataCacheDetails() {
    Spans openai =
        span("x")
            .scope("ai", null)
            .attr("gen_ai.usage.prompt_tokens", 100L)
            .attr("gen_ai.usage.completion_tokens", 50L)
            .attr(
                "ai.response.providerMetadata",
                "{\"openai\":{\"cachedPromptTokens\":64,\"reasoningTokens\":20,\"acceptedPredictionTokens\":1}}");
    assertThat(usage(openai))
        .isEqualTo(
            Map.of(
                "input",
                36L,
                "input_cached_tokens",
                64L,
                "output",
                30L,
                "output_reasoning_tokens",
                20L,
                "accepted_prediction_tokens",
                1L));
    Spans anthropic =
        span("x")
            .scope("ai", null)
            .attr("gen_ai.usage.input_tokens", 18495L)
            .attr("gen_ai.usage.output_tokens", 445L)
            .attr(
                "ai.response.providerMetadata",
                "{\"anthropic\":{\"usage\":"
                    + "{\"input_tokens\":7,\"cache_creation_input_tokens\":2089,\"cache_read_input_tokens\":16399,"
                    + "\"cache_creation\":{\"ephemeral_5m_input_tokens\":2089,\"ephemeral_1h_input_tokens\":0}}}}");
    assertThat(usage(anthropic))
        .isEqualTo(
            Map.of(
                "input",
                7L,
                "input_cache_creation",
                2089L,
                "input_cached_tokens",
                16399L,
                "output",
                445L));
    Spans bedrock =
        span("x")
            .scope("ai", null)
            .attr("gen_ai.usage.input_tokens", 5000L)
            .attr(
                "ai.response.providerMetadata",
                "{\"bedrock\":{\"usage\":{\"cacheReadInputTokens\":4482,"
                    + "\"cacheWriteInputTokens\":0}}}");
    assertThat(usage(bedrock))
        .isEqualTo(Map.of("input", 518L, "input_cached_tokens", 4482L, "input_cache_creation", 0L));
  }

  @Test
  void noUsageAttributes_giveNull() {
    assertThat(UsageRule.apply(span("x").attr("gen_ai.request.model", "gpt-4o").view())).isNull();
  }
}
