package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.ObservationType;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The managed prompt a generation used: {@code langfuse.observation.prompt.name/version}, else
 * {@code langfuse.prompt.name/version}, else the AI SDK's {@code
 * ai.telemetry.metadata.langfusePrompt} JSON {@code {name, version}}. Only GENERATION observations
 * link a prompt.
 */
final class PromptRule {
  /** Name and version (either may be null). */
  record Prompt(@Nullable String name, @Nullable Integer version) {
    static final Prompt NONE = new Prompt(null, null);
  }

  private PromptRule() {}

  static Prompt apply(SpanView s, ObservationType type) {
    if (type != ObservationType.GENERATION) return Prompt.NONE;
    String name = s.string(LangfuseAttributes.OBSERVATION_PROMPT_NAME);
    Integer version = version(s.attr(LangfuseAttributes.OBSERVATION_PROMPT_VERSION));
    if (name == null && version == null) {
      name = s.string(LangfuseAttributes.PROMPT_NAME);
      version = version(s.attr(LangfuseAttributes.PROMPT_VERSION));
    }
    if (name == null && version == null) {
      JsonNode p = Values.tree(s.attr(VercelAiAttributes.TELEMETRY_METADATA_LANGFUSE_PROMPT));
      if (p != null && p.isObject()) {
        name = p.path("name").isTextual() ? p.get("name").asText() : null;
        version = version(p.get("version"));
      }
    }
    return name == null && version == null ? Prompt.NONE : new Prompt(name, version);
  }

  private static @Nullable Integer version(@Nullable Object v) {
    Long n = Values.count(v);
    return n == null || n > Integer.MAX_VALUE ? null : n.intValue();
  }
}
