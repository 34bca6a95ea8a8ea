package dev.loupe.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Up to 40 real model names, most popular first, with approximate public list prices, and a Zipf
 * popularity over them (the first model gets the most calls).
 */
final class ModelCatalog {
  static final List<BenchModel> ALL =
      List.of(
          m("gpt-4o-mini", "0.15", "0.60", "0.075", false, 900, 0.015),
          m("gpt-4o", "2.50", "10.00", "1.25", false, 1_800, 0.02),
          m("claude-sonnet-4-5", "3.00", "15.00", "0.30", false, 2_400, 0.025),
          m("gemini-2.5-flash", "0.30", "2.50", "0.075", true, 1_200, 0.02),
          m("gpt-4.1-mini", "0.40", "1.60", "0.10", false, 1_000, 0.015),
          m("claude-haiku-4-5", "1.00", "5.00", "0.10", false, 1_100, 0.02),
          m("gemini-2.5-pro", "1.25", "10.00", "0.31", true, 6_000, 0.03),
          m("gpt-5-mini", "0.25", "2.00", "0.025", true, 4_000, 0.02),
          m("openai/gpt-4o", "2.50", "10.00", "1.25", false, 1_800, 0.02),
          m("gpt-4.1", "2.00", "8.00", "0.50", false, 2_000, 0.015),
          m("gpt-5", "1.25", "10.00", "0.125", true, 9_000, 0.025),
          m("anthropic/claude-sonnet-4-5", "3.00", "15.00", "0.30", false, 2_400, 0.025),
          m("o4-mini", "1.10", "4.40", "0.275", true, 5_000, 0.02),
          m("claude-sonnet-4", "3.00", "15.00", "0.30", false, 2_300, 0.02),
          m("gemini-2.0-flash", "0.10", "0.40", "0.025", false, 700, 0.015),
          m("azure/gpt-4o-mini", "0.15", "0.60", "0.075", false, 1_000, 0.03),
          m("deepseek-chat", "0.27", "1.10", "0.07", false, 2_500, 0.035),
          m("claude-3-5-haiku", "0.80", "4.00", "0.08", false, 1_000, 0.015),
          m("gpt-4.1-nano", "0.10", "0.40", "0.025", false, 600, 0.01),
          m("o3", "2.00", "8.00", "0.50", true, 12_000, 0.03),
          m("vertex_ai/gemini-2.5-pro", "1.25", "10.00", "0.31", true, 6_500, 0.03),
          m("gemini-2.5-flash-lite", "0.10", "0.40", "0.025", false, 500, 0.01),
          m("claude-opus-4-1", "15.00", "75.00", "1.50", false, 4_500, 0.02),
          m("mistral-large-latest", "2.00", "6.00", null, false, 2_200, 0.02),
          m("llama-3.3-70b-versatile", "0.59", "0.79", null, false, 600, 0.025),
          m("gpt-5-nano", "0.05", "0.40", "0.005", true, 2_500, 0.015),
          m("claude-3-7-sonnet", "3.00", "15.00", "0.30", false, 2_500, 0.02),
          m("deepseek-reasoner", "0.55", "2.19", "0.14", true, 15_000, 0.04),
          m("mistral-small-latest", "0.10", "0.30", null, false, 700, 0.015),
          m("grok-4", "3.00", "15.00", "0.75", true, 10_000, 0.03),
          m("o3-mini", "1.10", "4.40", "0.55", true, 4_500, 0.02),
          m("bedrock/anthropic.claude-3-5-haiku", "0.80", "4.00", "0.08", false, 1_200, 0.02),
          m("llama-3.1-8b-instant", "0.05", "0.08", null, false, 300, 0.01),
          m("codestral-latest", "0.30", "0.90", null, false, 900, 0.015),
          m("claude-3-5-sonnet", "3.00", "15.00", "0.30", false, 2_200, 0.015),
          m("grok-3-mini", "0.30", "0.50", "0.075", true, 3_000, 0.02),
          m("gemini-1.5-pro", "1.25", "5.00", null, false, 2_800, 0.015),
          m("command-r-plus", "2.50", "10.00", null, false, 2_000, 0.02),
          m("gpt-4-turbo", "10.00", "30.00", null, false, 3_500, 0.015),
          m("gpt-3.5-turbo", "0.50", "1.50", null, false, 800, 0.01));

  private final List<BenchModel> models;
  private final double[] cumulative;

  /** The {@code count} most popular models (1..40). */
  ModelCatalog(int count) {
    if (count < 1 || count > ALL.size()) {
      throw new IllegalArgumentException("--models must be 1.." + ALL.size() + ", was " + count);
    }
    models = ALL.subList(0, count);
    cumulative = new double[count];
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += 1 / Math.pow(i + 1, 0.9);
      cumulative[i] = sum;
    }
    for (int i = 0; i < count; i++) cumulative[i] /= sum;
  }

  List<BenchModel> models() {
    return models;
  }

  /** A model drawn by popularity. */
  BenchModel pick(SplittableRandom random) {
    double u = random.nextDouble();
    for (int i = 0; i < cumulative.length; i++) if (u < cumulative[i]) return models.get(i);
    return models.get(models.size() - 1);
  }

  private static BenchModel m(
      String name,
      String input,
      String output,
      @Nullable String cached,
      boolean reasoning,
      int latencyMillis,
      double errorRate) {
    return new BenchModel(
        name,
        new BigDecimal(input),
        new BigDecimal(output),
        cached == null ? null : new BigDecimal(cached),
        reasoning,
        latencyMillis,
        errorRate);
  }
}
