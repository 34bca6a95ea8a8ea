package dev.loupe.ingest.convention;

import static java.util.Map.entry;

import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Usage details, first source wins: {@code langfuse.observation.usage_details} (JSON, see {@link
 * UsageShapes}); for scope {@code ai} the Vercel AI SDK rules ({@link VercelUsage}); else every
 * {@code gen_ai.usage.*} (but {@code .cost}) and {@code llm.token_count.*} key with its prefix
 * stripped and its name normalized. OTel GenAI and OpenInference count cache reads/writes inside
 * the input total and reasoning inside the output total, so input and output are made exclusive of
 * those buckets; unknown numeric keys pass through.
 */
final class UsageRule {
  /**
   * Suffix (after the prefix) → usage type. Several instrumentations name the same count
   * differently.
   */
  private static final Map<String, String> SUFFIXES =
      Map.ofEntries(
          entry("input_tokens", UsageBuckets.INPUT),
          entry("prompt_tokens", UsageBuckets.INPUT),
          entry("prompt", UsageBuckets.INPUT),
          entry("output_tokens", UsageBuckets.OUTPUT),
          entry("completion_tokens", UsageBuckets.OUTPUT),
          entry("completion", UsageBuckets.OUTPUT),
          entry("total_tokens", UsageBuckets.TOTAL),
          entry("total", UsageBuckets.TOTAL),
          entry("cache_read.input_tokens", UsageBuckets.INPUT_CACHED),
          entry("cache_read_input_tokens", UsageBuckets.INPUT_CACHED),
          entry("prompt_details.cache_read", UsageBuckets.INPUT_CACHED),
          entry("input_tokens_details.cached_tokens", UsageBuckets.INPUT_CACHED),
          entry("prompt_tokens_details.cached_tokens", UsageBuckets.INPUT_CACHED),
          entry("cached_tokens", UsageBuckets.INPUT_CACHED),
          entry("cache_read_tokens", UsageBuckets.INPUT_CACHED),
          entry("cached_input_tokens", UsageBuckets.INPUT_CACHED),
          entry("input_cached_tokens", UsageBuckets.INPUT_CACHED),
          entry("cache_creation.input_tokens", UsageBuckets.INPUT_CACHE_CREATION),
          entry("cache_write.input_tokens", UsageBuckets.INPUT_CACHE_CREATION),
          entry("cache_creation_input_tokens", UsageBuckets.INPUT_CACHE_CREATION),
          entry("cache_write_input_tokens", UsageBuckets.INPUT_CACHE_CREATION),
          entry("prompt_details.cache_write", UsageBuckets.INPUT_CACHE_CREATION),
          entry("cache_creation_tokens", UsageBuckets.INPUT_CACHE_CREATION),
          entry("cache_write_tokens", UsageBuckets.INPUT_CACHE_CREATION),
          entry("input_cache_creation", UsageBuckets.INPUT_CACHE_CREATION),
          entry("reasoning_tokens", UsageBuckets.OUTPUT_REASONING),
          entry("reasoning.output_tokens", UsageBuckets.OUTPUT_REASONING),
          entry("completion_details.reasoning", UsageBuckets.OUTPUT_REASONING),
          entry("output_tokens_details.reasoning_tokens", UsageBuckets.OUTPUT_REASONING),
          entry("completion_tokens_details.reasoning_tokens", UsageBuckets.OUTPUT_REASONING),
          entry("output_reasoning_tokens", UsageBuckets.OUTPUT_REASONING),
          entry("prompt_details.audio", UsageBuckets.INPUT_AUDIO),
          entry("prompt_tokens_details.audio_tokens", UsageBuckets.INPUT_AUDIO),
          entry("input_audio_tokens", UsageBuckets.INPUT_AUDIO),
          entry("completion_details.audio", UsageBuckets.OUTPUT_AUDIO),
          entry("completion_tokens_details.audio_tokens", UsageBuckets.OUTPUT_AUDIO),
          entry("output_audio_tokens", UsageBuckets.OUTPUT_AUDIO));

  private static final String COST_SUFFIX =
      GenAiAttributes.USAGE_COST.substring(GenAiAttributes.USAGE_PREFIX.length());

  private UsageRule() {}

  /** The usage and its source; null when the span carries none. */
  static @Nullable Mapped<Map<String, Long>> apply(SpanView s) {
    Object details = s.attr(LangfuseAttributes.OBSERVATION_USAGE_DETAILS);
    if (details != null) {
      Mapped<Map<String, Long>> fromJson = UsageShapes.read(details);
      if (fromJson != null) {
        return new Mapped<>(
            fromJson.value(), LangfuseAttributes.OBSERVATION_USAGE_DETAILS + fromJson.source());
      }
    }
    if (s.scopeIs(VercelAiAttributes.SCOPE_NAME)) return VercelUsage.read(s);
    return generic(s);
  }

  private static @Nullable Mapped<Map<String, Long>> generic(SpanView s) {
    Map<String, Long> usage = new LinkedHashMap<>();
    boolean genAi = collect(s, KeyGroup.GEN_AI_USAGE, usage);
    boolean openInference = collect(s, KeyGroup.LLM_TOKEN_COUNT, usage);
    if (usage.isEmpty()) return null;
    boolean subtracted = UsageBuckets.makeExclusive(usage);
    String source =
        genAi && openInference
            ? "gen_ai.usage.* + llm.token_count.*"
            : genAi ? "gen_ai.usage.*" : "llm.token_count.*";
    return new Mapped<>(
        usage,
        subtracted ? source + " (input/output made exclusive of cache/reasoning/audio)" : source);
  }

  /** Adds the group's counts (first key for a type wins); true when any was added. */
  private static boolean collect(SpanView s, KeyGroup group, Map<String, Long> usage) {
    boolean any = false;
    for (String key : s.keys(group)) {
      String suffix = group.suffix(key);
      if (suffix.equals(COST_SUFFIX)) continue;
      Long n = Values.count(s.attr(key));
      if (n == null) continue;
      any |= usage.putIfAbsent(SUFFIXES.getOrDefault(suffix, suffix), n) == null;
    }
    return any;
  }
}
