package dev.loupe.ingest.convention;

import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.OpenInferenceAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import org.jspecify.annotations.Nullable;

/**
 * The model: {@code langfuse.observation.model.name}, {@code gen_ai.response.model}, {@code
 * ai.model.id}, {@code gen_ai.request.model}, {@code llm.response.model}, {@code llm.model_name},
 * {@code model}. Vercel AI SDK agent spans ({@code gen_ai.operation.name} {@code
 * invoke_agent}/{@code agent_step}) get none: their model call is a child span, and a model here
 * would count its cost twice. A {@code gen_ai.response.model} of {@code none} (Spring AI's
 * placeholder when a call failed before any response) is passed over.
 */
final class ModelRule {
  static final String[] MODEL_KEYS = {
    LangfuseAttributes.OBSERVATION_MODEL_NAME,
    GenAiAttributes.RESPONSE_MODEL,
    VercelAiAttributes.MODEL_ID,
    GenAiAttributes.REQUEST_MODEL,
    OpenInferenceAttributes.LLM_RESPONSE_MODEL,
    OpenInferenceAttributes.LLM_MODEL_NAME,
    CommonAttributes.MODEL
  };

  private ModelRule() {}

  /**
   * The model and its source; null when no key is present. A skipped agent span has a null value.
   */
  static @Nullable Mapped<@Nullable String> apply(SpanView s) {
    String key = firstModelKey(s);
    if (key == null) return null;
    if (isVercelAgentSpan(s)) {
      return new Mapped<>(
          null, "skipped: Vercel AI SDK agent span (its child model call carries the cost)");
    }
    return new Mapped<>(s.string(key), key);
  }

  /** The first model key present, passing over a Spring AI failed call's {@code none}. */
  private static @Nullable String firstModelKey(SpanView s) {
    for (String k : MODEL_KEYS) {
      Object v = s.attr(k);
      if (v == null) continue;
      if (k.equals(GenAiAttributes.RESPONSE_MODEL) && SpringAi.NO_VALUE.equals(v)) continue;
      return k;
    }
    return null;
  }

  private static boolean isVercelAgentSpan(SpanView s) {
    Object op = s.attr(GenAiAttributes.OPERATION_NAME);
    if (!GenAiAttributes.OPERATION_INVOKE_AGENT.equals(op)
        && !GenAiAttributes.OPERATION_AGENT_STEP.equals(op)) {
      return false;
    }
    if (s.scopeIs(VercelAiAttributes.SCOPE_NAME) || s.has(VercelAiAttributes.OPERATION_ID))
      return true;
    return s.attr(VercelAiAttributes.OPERATION_NAME) instanceof String n && n.startsWith("ai.");
  }
}
