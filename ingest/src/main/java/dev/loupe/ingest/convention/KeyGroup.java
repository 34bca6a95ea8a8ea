package dev.loupe.ingest.convention;

import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.OpenInferenceAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Families of flattened keys that rules read together; {@link SpanView} sorts a span's keys into
 * them once.
 */
enum KeyGroup {
  GEN_AI_USAGE(GenAiAttributes.USAGE_PREFIX),
  GEN_AI_REQUEST(GenAiAttributes.REQUEST_PREFIX),
  GEN_AI_PROMPT(GenAiAttributes.PROMPT_PREFIX),
  GEN_AI_COMPLETION(GenAiAttributes.COMPLETION_PREFIX),
  LLM_TOKEN_COUNT(OpenInferenceAttributes.LLM_TOKEN_COUNT_PREFIX),
  LLM_INPUT_MESSAGES(OpenInferenceAttributes.LLM_INPUT_MESSAGES_PREFIX),
  LLM_OUTPUT_MESSAGES(OpenInferenceAttributes.LLM_OUTPUT_MESSAGES_PREFIX),
  LLM_INVOCATION_PARAMETERS(OpenInferenceAttributes.LLM_INVOCATION_PARAMETERS_PREFIX),
  OBSERVATION_METADATA(LangfuseAttributes.OBSERVATION_METADATA_PREFIX),
  TRACE_METADATA(LangfuseAttributes.TRACE_METADATA_PREFIX),
  LANGFUSE_METADATA(LangfuseAttributes.METADATA_PREFIX),
  AI_TELEMETRY_METADATA(VercelAiAttributes.TELEMETRY_METADATA_PREFIX);

  private static final KeyGroup[] STARTING_WITH_G = {
    GEN_AI_USAGE, GEN_AI_REQUEST, GEN_AI_PROMPT, GEN_AI_COMPLETION
  };
  private static final KeyGroup[] STARTING_WITH_LL = {
    LLM_TOKEN_COUNT, LLM_INPUT_MESSAGES, LLM_OUTPUT_MESSAGES, LLM_INVOCATION_PARAMETERS
  };
  private static final KeyGroup[] STARTING_WITH_LA = {
    OBSERVATION_METADATA, TRACE_METADATA, LANGFUSE_METADATA
  };
  private static final KeyGroup[] STARTING_WITH_A = {AI_TELEMETRY_METADATA};
  private static final KeyGroup[] NONE = {};

  final String prefix;

  KeyGroup(String prefix) {
    if (!prefix.endsWith(".")) throw new IllegalArgumentException("not a prefix: " + prefix);
    this.prefix = prefix;
  }

  /**
   * The group whose prefix {@code key} starts with (strictly longer than the prefix), or null. Each
   * span's every key comes here, so candidates are told apart by their first characters and by the
   * dot that ends the prefix before a whole {@code startsWith} (most keys fail there).
   */
  static @Nullable KeyGroup of(String key) {
    if (key.isEmpty()) return null;
    KeyGroup[] candidates =
        switch (key.charAt(0)) {
          case 'g' -> STARTING_WITH_G;
          case 'l' ->
              key.length() < 2
                  ? NONE
                  : key.charAt(1) == 'l'
                      ? STARTING_WITH_LL
                      : key.charAt(1) == 'a' ? STARTING_WITH_LA : NONE;
          case 'a' -> STARTING_WITH_A;
          default -> NONE;
        };
    for (KeyGroup g : candidates) {
      int n = g.prefix.length();
      if (key.length() > n && key.charAt(n - 1) == '.' && key.startsWith(g.prefix)) return g;
    }
    return null;
  }

  /** The key without this group's prefix. */
  String suffix(String key) {
    return key.substring(prefix.length());
  }
}
