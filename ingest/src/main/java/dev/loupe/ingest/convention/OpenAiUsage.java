package dev.loupe.ingest.convention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The two OpenAI usage shapes, shared by OTLP usage attributes ({@code UsageShapes}) and Langfuse
 * batch {@code usageDetails}, which read and validate the counts each in their own way. Chat
 * ({@code prompt_tokens}, {@code completion_tokens}, {@code *_tokens_details}) and Responses
 * ({@code input_tokens}, {@code output_tokens}, ...) both count details inside their totals (cached
 * tokens are part of the prompt, reasoning tokens part of the completion), so each detail becomes
 * {@code input_<k>}/{@code output_<k>} and is subtracted from input/output, never below 0.
 */
public enum OpenAiUsage {
  CHAT("prompt", "completion", "OpenAI Chat shape"),
  RESPONSES("input", "output", "OpenAI Responses shape");

  /** The total's key in both shapes. */
  public static final String TOTAL_TOKENS = "total_tokens";

  /** Keys of the input and output counts and of their details objects. */
  public final String inputTokens;

  public final String outputTokens;
  public final String inputDetails;
  public final String outputDetails;

  /** The shape's name for mapping notes, e.g. {@code OpenAI Chat shape}. */
  public final String label;

  OpenAiUsage(String in, String out, String label) {
    this.inputTokens = in + "_tokens";
    this.outputTokens = out + "_tokens";
    this.inputDetails = in + "_tokens_details";
    this.outputDetails = out + "_tokens_details";
    this.label = label;
  }

  /**
   * Puts {@code input}, {@code output}, {@code total} (each when not null) and every detail into
   * {@code usage}, the details subtracted from input/output.
   *
   * @return what was subtracted, e.g. {@code input_cached_tokens subtracted from input}; empty when
   *     nothing was
   */
  public List<String> fill(
      @Nullable Long input,
      @Nullable Long output,
      @Nullable Long total,
      Map<String, Long> inputDetails,
      Map<String, Long> outputDetails,
      Map<String, Long> usage) {
    List<String> subtracted = new ArrayList<>();
    put(usage, UsageBuckets.INPUT, input, inputDetails, subtracted);
    put(usage, UsageBuckets.OUTPUT, output, outputDetails, subtracted);
    if (total != null) usage.put(UsageBuckets.TOTAL, total);
    return subtracted;
  }

  private static void put(
      Map<String, Long> usage,
      String base,
      @Nullable Long count,
      Map<String, Long> details,
      List<String> subtracted) {
    long left = count == null ? 0 : count;
    for (Map.Entry<String, Long> d : details.entrySet()) {
      String bucket = base + "_" + d.getKey();
      usage.put(bucket, d.getValue());
      if (count != null && d.getValue() > 0) {
        left -= d.getValue();
        subtracted.add(bucket + " subtracted from " + base);
      }
    }
    if (count != null) usage.put(base, Math.max(left, 0));
  }
}
