package dev.loupe.ingest.convention;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Usage type names the model and pricing use, and how detail buckets are taken out of input/output
 * so that summing all buckets never counts a token twice: {@code input} excludes cache reads, cache
 * writes and input audio; {@code output} excludes reasoning and output audio.
 */
final class UsageBuckets {
  static final String INPUT = "input";
  static final String OUTPUT = "output";
  static final String TOTAL = "total";
  static final String INPUT_CACHED = "input_cached_tokens";
  static final String INPUT_CACHE_CREATION = "input_cache_creation";

  /** Cache writes kept for one hour (priced higher than the default five-minute writes). */
  static final String INPUT_CACHE_CREATION_1H = "input_cache_creation_1h";

  static final String INPUT_AUDIO = "input_audio_tokens";
  static final String OUTPUT_REASONING = "output_reasoning_tokens";
  static final String OUTPUT_AUDIO = "output_audio_tokens";

  private static final String[] INPUT_PARTS = {
    INPUT_CACHED, INPUT_CACHE_CREATION, INPUT_CACHE_CREATION_1H, INPUT_AUDIO
  };
  private static final String[] OUTPUT_PARTS = {OUTPUT_REASONING, OUTPUT_AUDIO};

  private UsageBuckets() {}

  /**
   * Makes {@code input}/{@code output} exclusive of their detail buckets (never below 0). Returns
   * whether anything was subtracted.
   */
  static boolean makeExclusive(Map<String, Long> usage) {
    boolean in = subtract(usage, INPUT, INPUT_PARTS);
    boolean out = subtract(usage, OUTPUT, OUTPUT_PARTS);
    return in || out;
  }

  private static boolean subtract(Map<String, Long> usage, String base, String[] parts) {
    Long total = usage.get(base);
    if (total == null) return false;
    long left = total;
    for (String part : parts) {
      Long n = usage.get(part);
      if (n != null) left -= n;
    }
    usage.put(base, Math.max(left, 0));
    return left != total;
  }

  /**
   * Splits one-hour cache writes out of {@code input_cache_creation}, which keeps the default (5
   * min) writes.
   */
  static void splitOneHourWrites(Map<String, Long> usage, @Nullable Long oneHour) {
    if (oneHour == null || oneHour == 0) return;
    usage.put(INPUT_CACHE_CREATION_1H, oneHour);
    Long all = usage.get(INPUT_CACHE_CREATION);
    if (all != null) usage.put(INPUT_CACHE_CREATION, Math.max(all - oneHour, 0));
  }
}
