package dev.loupe.ingest.convention;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Usage objects as SDK users pass them to {@code usageDetails}, often straight from the provider's
 * response. Providers disagree on whether cache tokens are part of the input count, so the shape
 * decides:
 *
 * <ul>
 *   <li>OpenAI Chat ({@code prompt_tokens}, {@code prompt_tokens_details.cached_tokens}, {@code
 *       completion_tokens_details.reasoning_tokens}): prompt tokens INCLUDE cached ones and
 *       completion tokens include reasoning ones, so each detail becomes {@code input_<k>}/{@code
 *       output_<k>} and is subtracted from input/output.
 *   <li>OpenAI Responses ({@code input_tokens_details}, {@code output_tokens_details}): the same.
 *   <li>Anthropic ({@code cache_read_input_tokens}, {@code cache_creation_input_tokens}): {@code
 *       input_tokens} already EXCLUDES cache reads and writes, so nothing is subtracted; one-hour
 *       writes ({@code cache_creation.ephemeral_1h_input_tokens}) are kept apart.
 *   <li>Vercel AI SDK usage ({@code inputTokens}, {@code cachedInputTokens}, {@code
 *       reasoningTokens}): input includes cached tokens, output includes reasoning; subtracted.
 *   <li>Anything else (Langfuse's own {@code {"input":42,"output":17}}): numeric entries as they
 *       are, with {@code input_tokens}/{@code output_tokens}/{@code total_tokens} read as
 *       input/output/total.
 * </ul>
 */
public final class UsageShapes {
  private UsageShapes() {}

  /** A usage object read by its shape: canonical usage keys and a note naming the shape. */
  public record Normalized(Map<String, Long> usage, String shapeNote) {}

  /**
   * Reads a usage object of any known shape into canonical, exclusive usage buckets (see the class
   * doc); null when it has nothing numeric. The shape note is empty for a plain map, else e.g.
   * {@code " (Anthropic shape; ...)"}.
   */
  public static @Nullable Normalized normalize(JsonNode usageObject) {
    Mapped<Map<String, Long>> m = usageObject.isObject() ? readObject(usageObject) : null;
    return m == null ? null : new Normalized(m.value(), m.source());
  }

  /**
   * The usage and a note naming the shape (e.g. {@code " (OpenAI Chat shape)"}); null when nothing
   * numeric.
   */
  static @Nullable Mapped<Map<String, Long>> read(Object value) {
    JsonNode o = Values.tree(value);
    if (o == null || !o.isObject()) return null;
    return readObject(o);
  }

  private static @Nullable Mapped<Map<String, Long>> readObject(JsonNode o) {
    Map<String, Long> usage = new LinkedHashMap<>();
    String shape;
    if (o.has("prompt_tokens") || o.has("completion_tokens") || o.has("prompt_tokens_details")) {
      shape = openAi(o, OpenAiUsage.CHAT, usage);
    } else if (o.has("input_tokens_details") || o.has("output_tokens_details")) {
      shape = openAi(o, OpenAiUsage.RESPONSES, usage);
    } else if (o.has("cache_read_input_tokens") || o.has("cache_creation_input_tokens")) {
      anthropic(o, usage);
      shape = " (Anthropic shape; input_tokens already exclude cache tokens)";
    } else if (o.has("inputTokens") || o.has("promptTokens") || o.has("cachedInputTokens")) {
      vercel(o, usage);
      shape =
          UsageBuckets.makeExclusive(usage)
              ? " (AI SDK shape; cached/reasoning tokens subtracted)"
              : " (AI SDK shape)";
    } else {
      plain(o, usage);
      shape = "";
    }
    return usage.isEmpty() ? null : new Mapped<>(usage, shape);
  }

  /** Fills usage from an OpenAI object; returns the shape note. */
  private static String openAi(JsonNode o, OpenAiUsage shape, Map<String, Long> usage) {
    boolean subtracted =
        !shape
            .fill(
                Values.count(o.get(shape.inputTokens)),
                Values.count(o.get(shape.outputTokens)),
                number(o.get(OpenAiUsage.TOTAL_TOKENS)),
                details(o.get(shape.inputDetails)),
                details(o.get(shape.outputDetails)),
                usage)
            .isEmpty();
    passThrough(o, usage);
    return " (" + shape.label + (subtracted ? "; cached/reasoning tokens subtracted" : "") + ")";
  }

  /** The numeric entries of a details object. */
  private static Map<String, Long> details(@Nullable JsonNode details) {
    if (details == null || !details.isObject()) return Map.of();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : details.properties()) {
      Long n = number(e.getValue());
      if (n != null) counts.put(e.getKey(), n);
    }
    return counts;
  }

  private static void anthropic(JsonNode o, Map<String, Long> usage) {
    put(usage, UsageBuckets.INPUT, o.get("input_tokens"));
    put(usage, UsageBuckets.OUTPUT, o.get("output_tokens"));
    put(usage, UsageBuckets.INPUT_CACHED, o.get("cache_read_input_tokens"));
    put(usage, UsageBuckets.INPUT_CACHE_CREATION, o.get("cache_creation_input_tokens"));
    JsonNode split = o.get("cache_creation");
    if (split != null && split.isObject()) {
      UsageBuckets.splitOneHourWrites(usage, Values.count(split.get("ephemeral_1h_input_tokens")));
    }
    passThrough(o, usage);
  }

  private static void vercel(JsonNode o, Map<String, Long> usage) {
    put(
        usage,
        UsageBuckets.INPUT,
        o.has("inputTokens") ? o.get("inputTokens") : o.get("promptTokens"));
    put(
        usage,
        UsageBuckets.OUTPUT,
        o.has("outputTokens") ? o.get("outputTokens") : o.get("completionTokens"));
    put(usage, UsageBuckets.TOTAL, o.get("totalTokens"));
    put(usage, UsageBuckets.INPUT_CACHED, o.get("cachedInputTokens"));
    put(usage, UsageBuckets.OUTPUT_REASONING, o.get("reasoningTokens"));
  }

  private static void plain(JsonNode o, Map<String, Long> usage) {
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      String key =
          switch (e.getKey()) {
            case "input_tokens" -> UsageBuckets.INPUT;
            case "output_tokens" -> UsageBuckets.OUTPUT;
            case "total_tokens" -> UsageBuckets.TOTAL;
            default -> e.getKey();
          };
      Long n = number(e.getValue());
      if (n != null) usage.putIfAbsent(key, n);
    }
  }

  /** Other numeric top-level entries the shape does not name. */
  private static void passThrough(JsonNode o, Map<String, Long> usage) {
    for (Map.Entry<String, JsonNode> e : o.properties()) {
      String k = e.getKey();
      if (k.endsWith("_tokens") || k.endsWith("_tokens_details") || !e.getValue().isNumber())
        continue;
      put(usage, k, e.getValue());
    }
  }

  private static void put(Map<String, Long> usage, String key, @Nullable JsonNode value) {
    Long n = number(value);
    if (n != null) usage.putIfAbsent(key, n);
  }

  /** A JSON number as a count; null for anything else. */
  private static @Nullable Long number(@Nullable JsonNode value) {
    return value == null || !value.isNumber() ? null : Values.count(value);
  }
}
