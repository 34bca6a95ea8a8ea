package dev.loupe.bench;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One GENERATION as an instrumented app reports it: usage drawn around a median (a third of calls
 * to cache-capable models read from the prompt cache; reasoning models add reasoning tokens), cost
 * calculated from the model's price, latency around the model's median, a first-token time on 85 %
 * of successful calls (streamed), and the model's share of errors with a status message. Input and
 * output are a short chat exchange (about 200 bytes together).
 */
final class GenerationFactory {
  static final String[] ERRORS = {
    "429 Too Many Requests: rate limit reached for requests",
    "500 Internal Server Error: the server had an error processing your request",
    "529 Overloaded: the model is temporarily overloaded",
    "400 Bad Request: maximum context length exceeded",
    "Request timed out after 60000 ms",
  };

  private static final String SYSTEM =
      "[{\"role\":\"system\",\"content\":\"You are a concise support agent.\"},"
          + "{\"role\":\"user\",\"content\":\"";

  private final String[] questions;
  private final String[] answers;

  GenerationFactory(String[] questions, String[] answers) {
    this.questions = questions;
    this.answers = answers;
  }

  Observation next(
      SplittableRandom r, String id, String traceId, String parent, Instant start, BenchModel m) {
    boolean error = r.nextDouble() < m.errorRate();
    long input = logNormal(r, 1_200, 0.8, 20, 150_000);
    long cached = 0;
    if (m.cachedInputPerMillion() != null && r.nextInt(3) == 0) {
      cached = (long) (input * (0.3 + 0.6 * r.nextDouble()));
      input -= cached; // usage input is exclusive of its cached bucket
    }
    long output = error ? 0 : logNormal(r, 220, 0.7, 1, 16_000);
    long reasoning = m.reasoning() && !error ? logNormal(r, 400, 0.9, 0, 30_000) : 0;
    Map<String, Long> usage = new LinkedHashMap<>();
    usage.put("input", input);
    usage.put("output", output);
    if (cached > 0) usage.put("input_cached_tokens", cached);
    if (reasoning > 0) usage.put("output_reasoning_tokens", reasoning);
    usage.put("total", input + cached + output + reasoning);

    long latencyMillis =
        error
            ? logNormal(r, 400, 1.0, 5, 60_000)
            : logNormal(r, m.medianLatencyMillis(), 0.5, 50, 120_000);
    Instant end = start.plusMillis(latencyMillis).plusNanos(r.nextInt(1_000) * 1_000L);
    Observation.Builder b =
        Observation.builder(AnalyticsDataset.PROJECT_ID, id, traceId, start)
            .parentObservationId(parent)
            .type(ObservationType.GENERATION)
            .name("chat " + m.name())
            .endTime(end)
            .model(m.name())
            .modelParameters("{\"temperature\":0.2,\"max_tokens\":1024}")
            .input(SYSTEM + questions[r.nextInt(questions.length)] + "\"}]")
            .usageDetails(usage)
            .costDetails(cost(m, input, cached, output, reasoning))
            .costSource(CostSource.CALCULATED)
            .pricedModelId(m.priceId())
            .environment("production");
    if (error) {
      b.level(Level.ERROR).statusMessage(ERRORS[r.nextInt(ERRORS.length)]);
    } else {
      b.output(
          "{\"role\":\"assistant\",\"content\":\"" + answers[r.nextInt(answers.length)] + "\"}");
      if (r.nextInt(100) < 85) {
        b.completionStartTime(
            start.plusMillis((long) (latencyMillis * (0.1 + 0.3 * r.nextDouble()))));
      }
    }
    return b.build();
  }

  static Map<String, BigDecimal> cost(
      BenchModel m, long input, long cached, long output, long reasoning) {
    Map<String, BigDecimal> cost = new LinkedHashMap<>();
    BigDecimal total = put(cost, "input", BenchModel.cost(input, m.inputPerMillion()));
    total = total.add(put(cost, "output", BenchModel.cost(output, m.outputPerMillion())));
    if (cached > 0 && m.cachedInputPerMillion() != null) {
      BigDecimal c = BenchModel.cost(cached, m.cachedInputPerMillion());
      total = total.add(put(cost, "input_cached_tokens", c));
    }
    if (reasoning > 0) {
      BigDecimal c = BenchModel.cost(reasoning, m.outputPerMillion());
      total = total.add(put(cost, "output_reasoning_tokens", c));
    }
    cost.put("total", total);
    return cost;
  }

  private static BigDecimal put(Map<String, BigDecimal> map, String key, BigDecimal value) {
    map.put(key, value);
    return value;
  }

  /** A log-normal draw with the given median and spread, clamped to [min, max]. */
  static long logNormal(SplittableRandom r, double median, double sigma, long min, long max) {
    long v = Math.round(median * Math.exp(sigma * r.nextGaussian()));
    return Math.max(min, Math.min(max, v));
  }
}
