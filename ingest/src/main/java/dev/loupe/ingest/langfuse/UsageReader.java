package dev.loupe.ingest.langfuse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.ingest.convention.OpenAiUsage;
import dev.loupe.ingest.convention.UsageShapes;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code usageDetails}, legacy {@code usage} and {@code costDetails} of an observation body.
 *
 * <p>{@code usageDetails} wins over {@code usage}; {@code costDetails} wins over the legacy {@code
 * usage.inputCost/outputCost/totalCost}. Both are validated whenever present. {@code usageDetails}
 * is the OpenAI Chat shape ({@code prompt_tokens, completion_tokens, total_tokens} and optional
 * {@code *_tokens_details}, nothing else), the OpenAI Responses shape ({@code input_tokens, ...})
 * or a plain map of counts, tried in that order; details become {@code input_<k>}/{@code
 * output_<k>} and are subtracted from input/output (never below 0).
 */
final class UsageReader {
  private static final List<String> LEGACY_UNITS =
      List.of("TOKENS", "CHARACTERS", "MILLISECONDS", "SECONDS", "REQUESTS", "IMAGES");

  /**
   * The usage and cost of one observation, with the rule that produced each (null when nothing was
   * sent).
   */
  record Result(
      Map<String, Long> usage,
      @Nullable String usageNote,
      Map<String, BigDecimal> cost,
      @Nullable String costNote) {}

  private UsageReader() {}

  static Result read(Fields body) {
    Fields legacy = body.object("usage");
    Map<String, Long> legacyUsage = legacy == null ? Map.of() : legacyUsage(legacy);
    Map<String, BigDecimal> legacyCost = legacy == null ? Map.of() : legacyCost(legacy);
    Fields details = body.object("usageDetails");
    Map<String, Long> usage = legacyUsage;
    String usageNote = legacyUsage.isEmpty() ? null : legacyNote(legacy);
    if (details != null) {
      Map<String, Long> fromDetails = new LinkedHashMap<>();
      String note = usageDetails(details, fromDetails);
      if (!fromDetails.isEmpty()) {
        usage = fromDetails;
        usageNote = note;
      }
    }
    Fields costDetails = body.object("costDetails");
    Map<String, BigDecimal> cost = costDetails == null ? Map.of() : amounts(costDetails);
    String costNote = "costDetails";
    if (cost.isEmpty()) {
      cost = legacyCost;
      costNote = legacyCost.isEmpty() ? null : "usage.inputCost/outputCost/totalCost (legacy)";
    }
    return new Result(usage, usageNote, cost, costNote);
  }

  private static String usageDetails(Fields details, Map<String, Long> out) {
    Set<String> keys = new HashSet<>();
    details.entries().forEach(e -> keys.add(e.getKey()));
    for (OpenAiUsage shape : OpenAiUsage.values()) {
      if (isOpenAiShape(details, keys, shape)) {
        List<String> subtracted =
            shape.fill(
                details.count(shape.inputTokens),
                details.count(shape.outputTokens),
                details.count(OpenAiUsage.TOTAL_TOKENS),
                detailCounts(details.object(shape.inputDetails)),
                detailCounts(details.object(shape.outputDetails)),
                out);
        return "usageDetails ("
            + shape.label
            + (subtracted.isEmpty() ? "" : ": " + String.join(", ", subtracted))
            + ")";
      }
    }
    for (Map.Entry<String, JsonNode> e : details.entries()) {
      if (e.getValue().isObject() && e.getKey().endsWith("_tokens_details")) {
        throw details.invalid(
            e.getKey(),
            "a details object is only accepted in the OpenAI shapes, which need "
                + "exactly prompt_tokens, completion_tokens, total_tokens (or input_tokens, output_tokens, "
                + "total_tokens) beside it");
      }
      if (e.getValue().isObject() && e.getKey().equals(ANTHROPIC_CACHE_SPLIT)) {
        detailCounts(details.object(e.getKey())); // validates the counts inside
        continue;
      }
      details.count(e.getKey()); // validates: a non-negative integer or null
    }
    // Other provider shapes (Anthropic cache fields, AI SDK names, input_tokens/output_tokens)
    // map to the canonical buckets exactly as on the OTLP path.
    UsageShapes.Normalized n = UsageShapes.normalize(details.node());
    if (n != null) out.putAll(n.usage());
    return "usageDetails" + (n == null ? "" : n.shapeNote());
  }

  /** Anthropic's split of cache writes by lifetime ({@code ephemeral_5m/1h_input_tokens}). */
  private static final String ANTHROPIC_CACHE_SPLIT = "cache_creation";

  /** Exactly the shape's three counts, and optionally its two details objects. */
  private static boolean isOpenAiShape(Fields d, Set<String> keys, OpenAiUsage shape) {
    Set<String> allowed =
        Set.of(
            shape.inputTokens,
            shape.outputTokens,
            OpenAiUsage.TOTAL_TOKENS,
            shape.inputDetails,
            shape.outputDetails);
    return allowed.containsAll(keys)
        && d.has(shape.inputTokens)
        && d.has(shape.outputTokens)
        && d.has(OpenAiUsage.TOTAL_TOKENS);
  }

  /** Every entry as a validated count, skipping nulls; empty when {@code f} is absent. */
  private static Map<String, Long> detailCounts(@Nullable Fields f) {
    if (f == null) return Map.of();
    Map<String, Long> out = new LinkedHashMap<>();
    f.entries().forEach(e -> putIfPresent(out, e.getKey(), f.count(e.getKey())));
    return out;
  }

  private static Map<String, Long> legacyUsage(Fields usage) {
    String unit = usage.string("unit");
    if (unit != null && !LEGACY_UNITS.contains(unit)) {
      throw usage.invalid(
          "unit", "must be one of " + String.join(", ", LEGACY_UNITS) + ", got '" + unit + "'");
    }
    Map<String, Long> openAi = counts(usage, "promptTokens", "completionTokens", "totalTokens");
    Map<String, Long> plain = counts(usage, "input", "output", "total");
    return openAi.isEmpty() ? plain : openAi;
  }

  private static String legacyNote(Fields usage) {
    if (usage.has("promptTokens") || usage.has("completionTokens") || usage.has("totalTokens")) {
      return "usage (legacy promptTokens/completionTokens/totalTokens)";
    }
    String unit = usage.string("unit");
    return "usage (legacy input/output/total" + (unit == null ? "" : ", unit " + unit) + ")";
  }

  /** The three fields as input/output/total, skipping absent ones. */
  private static Map<String, Long> counts(Fields f, String input, String output, String total) {
    Map<String, Long> out = new LinkedHashMap<>();
    putIfPresent(out, "input", f.count(input));
    putIfPresent(out, "output", f.count(output));
    putIfPresent(out, "total", f.count(total));
    return out;
  }

  private static Map<String, BigDecimal> legacyCost(Fields usage) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    putIfPresent(out, "input", usage.amount("inputCost"));
    putIfPresent(out, "output", usage.amount("outputCost"));
    putIfPresent(out, "total", usage.amount("totalCost"));
    return out;
  }

  private static Map<String, BigDecimal> amounts(Fields costs) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    costs.entries().forEach(e -> putIfPresent(out, e.getKey(), costs.amount(e.getKey())));
    return out;
  }

  private static <V> void putIfPresent(Map<String, V> map, String key, @Nullable V value) {
    if (value != null) map.put(key, value);
  }
}
