package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.OpenInferenceAttributes;
import dev.loupe.semconv.VercelAiAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Model parameters as a JSON object: {@code langfuse.observation.model.parameters}; for scope
 * {@code ai} the AI SDK settings (maxSteps, toolChoice, maxTokens, finishReason, system,
 * maxRetries, mode, temperature); {@code llm.invocation_parameters}; {@code model_config}; else
 * every {@code gen_ai.request.*} and {@code llm.invocation_parameters.*} key but the model. Strings
 * and numbers stay, other values become JSON text.
 */
final class ModelParametersRule {
  private static final String MODEL_CONFIG = "model_config";
  private static final String[][] VERCEL_SETTINGS = {
    {"maxSteps", VercelAiAttributes.SETTINGS_MAX_STEPS},
    {"toolChoice", VercelAiAttributes.PROMPT_TOOL_CHOICE},
    {"maxTokens", GenAiAttributes.REQUEST_MAX_TOKENS},
    {"finishReason", GenAiAttributes.RESPONSE_FINISH_REASONS, GenAiAttributes.FINISH_REASON},
    {"system", GenAiAttributes.SYSTEM, VercelAiAttributes.MODEL_PROVIDER},
    {"maxRetries", VercelAiAttributes.SETTINGS_MAX_RETRIES},
    {"mode", VercelAiAttributes.SETTINGS_MODE},
    {"temperature", GenAiAttributes.REQUEST_TEMPERATURE}
  };

  private ModelParametersRule() {}

  /** A JSON parameters text and what {@link #written} made of it. */
  private record Written(String text, @Nullable String json) {}

  /**
   * The last JSON parameters text read and its result: an application sends the same parameters
   * with most of its generations, and comparing the text costs a fraction of parsing and writing it
   * again.
   */
  private static volatile @Nullable Written last;

  /** Longer texts are not kept in {@link #last}. */
  private static final int MAX_REMEMBERED = 4096;

  /** The parameters as compact JSON object text, or null when none were sent. */
  static @Nullable String apply(SpanView s) {
    String json = written(s.attr(LangfuseAttributes.OBSERVATION_MODEL_PARAMETERS));
    if (json != null) return json;
    Map<String, Object> params = s.scopeIs(VercelAiAttributes.SCOPE_NAME) ? vercel(s) : null;
    if (params != null) return Json.write(params);
    json = written(s.attr(OpenInferenceAttributes.LLM_INVOCATION_PARAMETERS));
    if (json == null) json = written(s.attr(MODEL_CONFIG));
    if (json != null) return json;
    params = flattened(s);
    return params == null ? null : Json.write(params);
  }

  /** A JSON parameters object as compact text ({@link #fromJson}); null when it has none. */
  private static @Nullable String written(@Nullable Object value) {
    if (!(value instanceof String text) || text.length() > MAX_REMEMBERED) {
      return write(fromJson(value));
    }
    Written w = last;
    if (w != null && w.text().equals(text)) return w.json();
    String json = write(fromJson(text));
    last = new Written(text, json);
    return json;
  }

  private static @Nullable String write(@Nullable Map<String, Object> params) {
    return params == null ? null : Json.write(params);
  }

  private static @Nullable Map<String, Object> fromJson(@Nullable Object value) {
    JsonNode node = Values.tree(value);
    if (node == null || !node.isObject() || node.isEmpty()) return null;
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      if (v.isNull()) continue;
      out.put(
          e.getKey(), v.isTextual() ? v.asText() : v.isNumber() ? v.numberValue() : v.toString());
    }
    return out.isEmpty() ? null : out;
  }

  private static @Nullable Map<String, Object> vercel(SpanView s) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String[] setting : VERCEL_SETTINGS) {
      for (int i = 1; i < setting.length; i++) {
        Object v = s.attr(setting[i]);
        if (v != null) {
          out.put(setting[0], scalar(v));
          break;
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static @Nullable Map<String, Object> flattened(SpanView s) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(s, KeyGroup.GEN_AI_REQUEST, out);
    put(s, KeyGroup.LLM_INVOCATION_PARAMETERS, out);
    return out.isEmpty() ? null : out;
  }

  private static void put(SpanView s, KeyGroup group, Map<String, Object> out) {
    for (String key : s.keys(group)) {
      String param = group.suffix(key);
      Object v = s.attr(key);
      if (!param.equals("model") && v != null) out.put(param, scalar(v));
    }
  }

  private static Object scalar(Object v) {
    return v instanceof String || v instanceof Number ? v : Json.write(v);
  }
}
