package dev.loupe.ingest.convention;

import static dev.loupe.model.ObservationType.AGENT;
import static dev.loupe.model.ObservationType.CHAIN;
import static dev.loupe.model.ObservationType.EMBEDDING;
import static dev.loupe.model.ObservationType.EVALUATOR;
import static dev.loupe.model.ObservationType.GENERATION;
import static dev.loupe.model.ObservationType.GUARDRAIL;
import static dev.loupe.model.ObservationType.RETRIEVER;
import static dev.loupe.model.ObservationType.SPAN;
import static dev.loupe.model.ObservationType.TOOL;

import dev.loupe.model.ObservationType;
import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.FrameworkAttributes;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.ObservationTypeValues;
import dev.loupe.semconv.OpenInferenceAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The observation type, first match wins: (0) Python SDK ≤ 3.3 spans with generation attributes,
 * (1) {@code langfuse.observation.type}, (2) {@code openinference.span.kind}, (3) {@code
 * gen_ai.operation.name}, (4) Genkit subtype, (5) Vercel AI SDK model calls that name a model, (6)
 * Vercel {@code ai.toolCall}, (7) {@code gen_ai.tool.name}/{@code .call.id}, (7b) Spring AI {@code
 * spring.ai.kind=tool_call}, (8) Flue and LiveKit span names, (9) any model attribute → GENERATION;
 * else SPAN.
 */
final class ObservationTypeRule {
  private static final Map<String, ObservationType> OPEN_INFERENCE =
      Map.of(
          OpenInferenceAttributes.KIND_LLM,
          GENERATION,
          OpenInferenceAttributes.KIND_CHAIN,
          CHAIN,
          OpenInferenceAttributes.KIND_RETRIEVER,
          RETRIEVER,
          OpenInferenceAttributes.KIND_EMBEDDING,
          EMBEDDING,
          OpenInferenceAttributes.KIND_AGENT,
          AGENT,
          OpenInferenceAttributes.KIND_TOOL,
          TOOL,
          OpenInferenceAttributes.KIND_GUARDRAIL,
          GUARDRAIL,
          OpenInferenceAttributes.KIND_EVALUATOR,
          EVALUATOR);
  private static final Map<String, ObservationType> GEN_AI_OPERATION =
      Map.of(
          GenAiAttributes.OPERATION_CHAT,
          GENERATION,
          GenAiAttributes.OPERATION_COMPLETION,
          GENERATION,
          GenAiAttributes.OPERATION_TEXT_COMPLETION,
          GENERATION,
          GenAiAttributes.OPERATION_GENERATE_CONTENT,
          GENERATION,
          GenAiAttributes.OPERATION_GENERATE,
          GENERATION,
          GenAiAttributes.OPERATION_EMBEDDINGS,
          EMBEDDING,
          GenAiAttributes.OPERATION_INVOKE_AGENT,
          AGENT,
          GenAiAttributes.OPERATION_CREATE_AGENT,
          AGENT,
          GenAiAttributes.OPERATION_EXECUTE_TOOL,
          TOOL);
  private static final Map<String, ObservationType> GENKIT_SUBTYPE =
      Map.of(
          "model",
          GENERATION,
          "background-model",
          GENERATION,
          "embedder",
          EMBEDDING,
          "tool",
          TOOL,
          "tool.v2",
          TOOL,
          "retriever",
          RETRIEVER,
          "evaluator",
          EVALUATOR);
  private static final List<String> VERCEL_GENERATION_OPS =
      List.of(
          VercelAiAttributes.OP_GENERATE_TEXT_DO_GENERATE,
              VercelAiAttributes.OP_STREAM_TEXT_DO_STREAM,
          VercelAiAttributes.OP_GENERATE_OBJECT_DO_GENERATE,
              VercelAiAttributes.OP_STREAM_OBJECT_DO_STREAM);
  private static final List<String> VERCEL_EMBEDDING_OPS =
      List.of(VercelAiAttributes.OP_EMBED_MANY_DO_EMBED, VercelAiAttributes.OP_EMBED_DO_EMBED);
  private static final List<String> VERCEL_TOOL_OPS = List.of(VercelAiAttributes.OP_TOOL_CALL);
  private static final String[] VERCEL_MODEL_KEYS = {
    LangfuseAttributes.OBSERVATION_MODEL_NAME,
    VercelAiAttributes.MODEL_ID,
    GenAiAttributes.REQUEST_MODEL,
    GenAiAttributes.RESPONSE_MODEL
  };
  private static final String[] MODEL_KEYS = {
    LangfuseAttributes.OBSERVATION_MODEL_NAME,
    GenAiAttributes.REQUEST_MODEL,
    GenAiAttributes.RESPONSE_MODEL,
    OpenInferenceAttributes.LLM_MODEL_NAME,
    CommonAttributes.MODEL
  };
  private static final String[] PYTHON_GENERATION_KEYS = {
    LangfuseAttributes.OBSERVATION_MODEL_NAME,
    LangfuseAttributes.OBSERVATION_COST_DETAILS,
    LangfuseAttributes.OBSERVATION_USAGE_DETAILS,
    LangfuseAttributes.OBSERVATION_COMPLETION_START_TIME,
    LangfuseAttributes.OBSERVATION_MODEL_PARAMETERS,
    LangfuseAttributes.OBSERVATION_PROMPT_NAME,
    LangfuseAttributes.OBSERVATION_PROMPT_VERSION
  };

  private ObservationTypeRule() {}

  static Mapped<ObservationType> apply(SpanView s) {
    Mapped<ObservationType> m = pythonSdkOverride(s);
    if (m == null) m = langfuseType(s);
    if (m == null) m = byValue(s, OpenInferenceAttributes.SPAN_KIND, OPEN_INFERENCE, true);
    if (m == null) m = byValue(s, GenAiAttributes.OPERATION_NAME, GEN_AI_OPERATION, false);
    if (m == null) m = byValue(s, FrameworkAttributes.GENKIT_SUBTYPE, GENKIT_SUBTYPE, false);
    if (m == null) m = vercelModelCall(s);
    if (m == null && isVercelOperation(s, VERCEL_TOOL_OPS))
      m = new Mapped<>(TOOL, "Vercel AI SDK ai.toolCall");
    if (m == null) m = genAiTool(s);
    if (m == null) m = SpringAi.type(s);
    if (m == null) m = bySpanName(s);
    if (m == null) m = modelBased(s);
    return m != null ? m : new Mapped<>(SPAN, "fallback SPAN (no type attribute)");
  }

  /** Python SDK ≤ 3.3 sent type "span" for generations; their generation attributes reveal them. */
  private static @Nullable Mapped<ObservationType> pythonSdkOverride(SpanView s) {
    if (!ObservationTypeValues.SPAN.equals(s.attr(LangfuseAttributes.OBSERVATION_TYPE))
        || !s.scopeIs(LangfuseAttributes.SCOPE_NAME)
        || !"python".equals(s.resourceAttr(CommonAttributes.TELEMETRY_SDK_LANGUAGE))
        || !atMostVersion33(s.span.scopeVersion())
        || s.firstKey(PYTHON_GENERATION_KEYS) == null) {
      return null;
    }
    return new Mapped<>(
        GENERATION,
        "langfuse.observation.type=span with generation attributes (Python SDK <= 3.3)");
  }

  private static boolean atMostVersion33(@Nullable String version) {
    if (version == null) return true;
    String[] parts = version.split("\\.", 3);
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major < 3 || (major == 3 && minor <= 3);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static @Nullable Mapped<ObservationType> langfuseType(SpanView s) {
    Object v = s.attr(LangfuseAttributes.OBSERVATION_TYPE);
    if (!(v instanceof String type)) return null;
    return ObservationType.fromWire(type)
        .map(t -> new Mapped<>(t, LangfuseAttributes.OBSERVATION_TYPE))
        .orElse(null);
  }

  private static @Nullable Mapped<ObservationType> byValue(
      SpanView s, String key, Map<String, ObservationType> map, boolean upperCase) {
    Object v = s.attr(key);
    if (!(v instanceof String value)) return null;
    ObservationType t = map.get(upperCase ? value.toUpperCase(Locale.ROOT) : value);
    return t == null ? null : new Mapped<>(t, key + "=" + value);
  }

  private static @Nullable Mapped<ObservationType> vercelModelCall(SpanView s) {
    if (s.firstKey(VERCEL_MODEL_KEYS) == null) return null;
    if (isVercelOperation(s, VERCEL_GENERATION_OPS))
      return new Mapped<>(GENERATION, "Vercel AI SDK model call");
    if (isVercelOperation(s, VERCEL_EMBEDDING_OPS))
      return new Mapped<>(EMBEDDING, "Vercel AI SDK embedding call");
    return null;
  }

  /** {@code operation.name} starts with, or {@code ai.operationId} equals, one of {@code ops}. */
  static boolean isVercelOperation(SpanView s, List<String> ops) {
    Object name = s.attr(VercelAiAttributes.OPERATION_NAME);
    Object id = s.attr(VercelAiAttributes.OPERATION_ID);
    for (String op : ops) {
      if (name instanceof String n && n.startsWith(op)) return true;
      if (op.equals(id)) return true;
    }
    return false;
  }

  private static @Nullable Mapped<ObservationType> genAiTool(SpanView s) {
    String key = s.firstKey(GenAiAttributes.TOOL_NAME, GenAiAttributes.TOOL_CALL_ID);
    return key == null ? null : new Mapped<>(TOOL, key);
  }

  private static @Nullable Mapped<ObservationType> bySpanName(SpanView s) {
    String name = s.span.name() == null ? "" : s.span.name();
    if (name.startsWith(FrameworkAttributes.FLUE_TOOL_SPAN_PREFIX))
      return new Mapped<>(TOOL, "Flue tool span");
    if (name.startsWith(FrameworkAttributes.FLUE_TASK_SPAN_PREFIX))
      return new Mapped<>(AGENT, "Flue task span");
    if (s.scopeIs(FrameworkAttributes.LIVEKIT_SCOPE)) {
      if (name.equals("agent_turn") || name.equals("start_agent_activity"))
        return new Mapped<>(AGENT, "LiveKit span name");
      if (name.equals("function_tool")) return new Mapped<>(TOOL, "LiveKit span name");
    }
    return null;
  }

  private static @Nullable Mapped<ObservationType> modelBased(SpanView s) {
    String key = s.firstKey(MODEL_KEYS);
    return key == null ? null : new Mapped<>(GENERATION, "model attribute " + key);
  }
}
