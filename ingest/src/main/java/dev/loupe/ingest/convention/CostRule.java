package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.CostSource;
import dev.loupe.semconv.GenAiAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import dev.loupe.semconv.OpenInferenceAttributes;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Costs the client provided, in USD: {@code langfuse.observation.cost_details} (JSON object), else
 * {@code gen_ai.usage.cost} as total, else OpenInference {@code llm.cost.prompt/completion/total}
 * as input/output/total. Provided costs are kept as sent ({@link CostSource#PROVIDED}); without any
 * the source is {@link CostSource#NONE} until pricing computes one.
 */
final class CostRule {
  /** Costs, where they came from, and the cost source. */
  record Result(Map<String, BigDecimal> costs, @Nullable String source, CostSource costSource) {
    static final Result NONE = new Result(Map.of(), null, CostSource.NONE);
  }

  private CostRule() {}

  static Result apply(SpanView s) {
    Map<String, BigDecimal> costs = fromJson(s.attr(LangfuseAttributes.OBSERVATION_COST_DETAILS));
    if (!costs.isEmpty()) return provided(costs, LangfuseAttributes.OBSERVATION_COST_DETAILS);
    BigDecimal total = Values.decimal(s.attr(GenAiAttributes.USAGE_COST));
    if (total != null) return provided(Map.of("total", total), GenAiAttributes.USAGE_COST);
    costs = new LinkedHashMap<>();
    putIfPresent(costs, "input", Values.decimal(s.attr(OpenInferenceAttributes.LLM_COST_PROMPT)));
    putIfPresent(
        costs, "output", Values.decimal(s.attr(OpenInferenceAttributes.LLM_COST_COMPLETION)));
    putIfPresent(costs, "total", Values.decimal(s.attr(OpenInferenceAttributes.LLM_COST_TOTAL)));
    return costs.isEmpty() ? Result.NONE : provided(costs, "llm.cost.*");
  }

  private static Result provided(Map<String, BigDecimal> costs, String source) {
    return new Result(costs, source, CostSource.PROVIDED);
  }

  private static Map<String, BigDecimal> fromJson(@Nullable Object value) {
    JsonNode o = Values.tree(value);
    if (o == null || !o.isObject()) return Map.of();
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      putIfPresent(out, e.getKey(), e.getValue().isNumber() ? Values.decimal(e.getValue()) : null);
    }
    return out;
  }

  private static void putIfPresent(
      Map<String, BigDecimal> out, String key, @Nullable BigDecimal v) {
    if (v != null) out.put(key, v);
  }
}
