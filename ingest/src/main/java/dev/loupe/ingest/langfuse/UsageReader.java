package dev.loupe.ingest.langfuse;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
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
    if (isOpenAiShape(details, keys, "prompt", "completion")) {
      return "usageDetails (OpenAI Chat shape" + openAi(details, "prompt", "completion", out) + ")";
    }
    if (isOpenAiShape(details, keys, "input", "output")) {
      return "usageDetails (OpenAI Responses shape" + openAi(details, "input", "output", out) + ")";
    }
    for (Map.Entry<String, JsonNode> e : details.entries()) {
      if (e.getValue().isObject() && e.getKey().endsWith("_tokens_details")) {
        throw details.invalid(
            e.getKey(),
            "a details object is only accepted in the OpenAI shapes, which need "
                + "exactly prompt_tokens, completion_tokens, total_tokens (or input_tokens, output_tokens, "
                + "total_tokens) beside it");
      }
      Long n = details.count(e.getKey());
      if (n != null) out.put(e.getKey(), n);
    }
    return "usageDetails";
  }

  private static boolean isOpenAiShape(Fields d, Set<String> keys, String in, String out) {
    Set<String> allowed =
        Set.of(
            in + "_tokens",
            out + "_tokens",
            "total_tokens",
            in + "_tokens_details",
            out + "_tokens_details");
    return allowed.containsAll(keys)
        && d.has(in + "_tokens")
        && d.has(out + "_tokens")
        && d.has("total_tokens");
  }

  /**
   * Fills {@code out} from an OpenAI usage object; returns what was subtracted, for the mapping
   * note.
   */
  private static String openAi(Fields d, String in, String out, Map<String, Long> usage) {
    long input = d.count(in + "_tokens");
    long output = d.count(out + "_tokens");
    usage.put("input", input);
    usage.put("output", output);
    usage.put("total", d.count("total_tokens"));
    List<String> subtracted = new ArrayList<>();
    usage.put(
        "input",
        subtractDetails(d.object(in + "_tokens_details"), "input", input, usage, subtracted));
    usage.put(
        "output",
        subtractDetails(d.object(out + "_tokens_details"), "output", output, usage, subtracted));
    return subtracted.isEmpty() ? "" : ": " + String.join(", ", subtracted);
  }

  private static long subtractDetails(
      @Nullable Fields details,
      String prefix,
      long base,
      Map<String, Long> usage,
      List<String> subtracted) {
    if (details == null) return base;
    long left = base;
    for (Map.Entry<String, JsonNode> e : details.entries()) {
      Long n = details.count(e.getKey());
      if (n == null) continue;
      usage.put(prefix + "_" + e.getKey(), n);
      left = Math.max(left - n, 0);
      if (n > 0) subtracted.add(prefix + "_" + e.getKey() + " subtracted from " + prefix);
    }
    return left;
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
