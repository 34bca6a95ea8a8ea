package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Usage of Vercel AI SDK spans (scope {@code ai}): input/output from {@code gen_ai.usage.*} (the
 * SDK's own {@code ai.usage.promptTokens} is ignored: it also sits on the outer span and would
 * count twice), total from {@code ai.usage.tokens}, cache and reasoning details from {@code
 * ai.usage.*} and {@code ai.response.providerMetadata} (openai, anthropic, bedrock); then
 * input/output made exclusive of them.
 */
final class VercelUsage {
  private VercelUsage() {}

  static @Nullable Mapped<Map<String, Long>> read(SpanView s) {
    Map<String, Long> usage = new LinkedHashMap<>();
    put(
        usage,
        UsageBuckets.INPUT,
        s,
        GenAiAttributes.USAGE_PROMPT_TOKENS,
        GenAiAttributes.USAGE_INPUT_TOKENS);
    put(
        usage,
        UsageBuckets.OUTPUT,
        s,
        GenAiAttributes.USAGE_COMPLETION_TOKENS,
        GenAiAttributes.USAGE_OUTPUT_TOKENS);
    put(
        usage,
        UsageBuckets.TOTAL,
        s,
        VercelAiAttributes.USAGE_TOKENS,
        VercelAiAttributes.USAGE_TOTAL_TOKENS);
    put(usage, UsageBuckets.INPUT_CACHED, s, VercelAiAttributes.USAGE_CACHED_INPUT_TOKENS);
    put(usage, UsageBuckets.OUTPUT_REASONING, s, VercelAiAttributes.USAGE_REASONING_TOKENS);
    JsonNode meta = Values.tree(s.attr(VercelAiAttributes.RESPONSE_PROVIDER_METADATA));
    if (meta != null && meta.isObject()) providerMetadata(meta, usage);
    if (usage.isEmpty()) return null;
    boolean subtracted = UsageBuckets.makeExclusive(usage);
    return new Mapped<>(
        usage,
        subtracted
            ? "Vercel AI SDK gen_ai.usage.* + ai.usage.* (input/output made exclusive of cache/reasoning)"
            : "Vercel AI SDK gen_ai.usage.* + ai.usage.*");
  }

  private static void providerMetadata(JsonNode meta, Map<String, Long> usage) {
    JsonNode openai = meta.path("openai");
    putNode(usage, UsageBuckets.INPUT_CACHED, openai.get("cachedPromptTokens"));
    putNode(usage, "accepted_prediction_tokens", openai.get("acceptedPredictionTokens"));
    putNode(usage, "rejected_prediction_tokens", openai.get("rejectedPredictionTokens"));
    putNode(usage, UsageBuckets.OUTPUT_REASONING, openai.get("reasoningTokens"));
    JsonNode anthropic = meta.path("anthropic").path("usage");
    putNode(usage, UsageBuckets.INPUT_CACHE_CREATION, anthropic.get("cache_creation_input_tokens"));
    putNode(usage, UsageBuckets.INPUT_CACHED, anthropic.get("cache_read_input_tokens"));
    JsonNode split = anthropic.path("cache_creation");
    if (split.isObject()) {
      UsageBuckets.splitOneHourWrites(usage, Values.count(split.get("ephemeral_1h_input_tokens")));
    }
    JsonNode bedrock = meta.path("bedrock").path("usage");
    putNode(usage, UsageBuckets.INPUT_CACHED, bedrock.get("cacheReadInputTokens"));
    putNode(usage, UsageBuckets.INPUT_CACHE_CREATION, bedrock.get("cacheWriteInputTokens"));
    putNode(usage, UsageBuckets.INPUT_CACHE_CREATION, bedrock.get("cacheCreationInputTokens"));
  }

  private static void put(Map<String, Long> usage, String type, SpanView s, String... keys) {
    for (String key : keys) {
      Long n = count(s.attr(key));
      if (n != null) {
        usage.putIfAbsent(type, n);
        return;
      }
    }
  }

  /** A count; older SDKs sent some as JSON {@code {"intValue": n}}. */
  private static @Nullable Long count(@Nullable Object v) {
    Long n = Values.count(v);
    if (n != null || !(v instanceof String s)) return n;
    JsonNode node = Values.parseStructure(s);
    return node == null ? null : Values.count(node.get("intValue"));
  }

  private static void putNode(Map<String, Long> usage, String type, @Nullable JsonNode v) {
    Long n = v == null || !v.isNumber() ? null : Values.count(v);
    if (n != null) usage.putIfAbsent(type, n);
  }
}
