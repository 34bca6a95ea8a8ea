package dev.loupe.storage.tests;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Score;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.ScoreSource;
import dev.loupe.model.ScoreTarget;
import dev.loupe.model.Trace;
import dev.loupe.model.UsageScope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * A seeded data set for the randomized analytics suite: 20 traces over six days around the
 * February/March boundary (two more trace ids have observations but no trace row), 2,400
 * observations of every kind (no end time, no cost, ERROR, with completion start, zero latency),
 * scores of every data type, source and target (traces with and without a row, observations that
 * exist and one that does not, sessions, dataset runs), and a smaller copy in {@link
 * TestObjects#OTHER_PROJECT} that must never be counted. The scores come from their own random
 * stream, so the traces and observations are the same as before scores existed.
 */
record RandomAnalyticsData(List<Trace> traces, List<Observation> observations, List<Score> scores) {
  static final Instant START = Instant.parse("2026-02-26T00:00:00Z");
  static final String[] MODELS = {
    "gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "gemini-1.5-pro", "ｍｉｓｔｒａｌ", null
  };

  static RandomAnalyticsData generate(
      String projectId, long seed, int traceCount, int observationCount) {
    Random r = new Random(seed);
    List<Trace> traces = new ArrayList<>();
    List<Instant> starts = new ArrayList<>();
    for (int i = 0; i < traceCount; i++) {
      Instant ts =
          START.plusSeconds(r.nextInt(6 * 86_400)).plusNanos(r.nextInt(1_000_000) * 1_000L);
      List<String> tags = new ArrayList<>();
      for (String tag : new String[] {"a", "b", "c"}) if (r.nextBoolean()) tags.add(tag);
      traces.add(
          Trace.builder(projectId, TestObjects.traceId(100 + i), ts)
              .name(pick(r, "agent-a", "agent-b", "Ägent", null))
              .userId(pick(r, "u0", "u1", "u2", "u3", "u4", null))
              .sessionId(pick(r, "s0", "s1", "s2", null))
              .tags(tags)
              .environment(pick(r, "production", "staging", null))
              .release(pick(r, "r1", "r2", null))
              .version(pick(r, "v1", null))
              .build());
      starts.add(ts);
    }
    starts.add(START.plusSeconds(86_400 * 2 + 3_600)); // trace ids 200, 201: no trace row
    starts.add(START.plusSeconds(86_400 * 4 + 7_200));
    List<Observation> observations = new ArrayList<>();
    for (int j = 0; j < observationCount; j++) {
      int t = r.nextInt(traceCount + 2);
      String traceId = TestObjects.traceId(t < traceCount ? 100 + t : 200 + t - traceCount);
      Instant start = starts.get(t).plusNanos(r.nextLong(4 * 3_600_000_000L) * 1_000L);
      observations.add(
          observation(r, projectId, TestObjects.observationId(1_000 + j), traceId, start));
    }
    List<Score> scores = scores(new Random(seed * 31 + 7), projectId, starts, observations);
    return new RandomAnalyticsData(traces, observations, scores);
  }

  /** One score per ten observations: every data type, source and kind of target. */
  private static List<Score> scores(
      Random r, String projectId, List<Instant> starts, List<Observation> observations) {
    List<Score> scores = new ArrayList<>();
    for (int i = 0; i < observations.size() / 4; i++) {
      int t = r.nextInt(starts.size());
      String traceId =
          TestObjects.traceId(t < starts.size() - 2 ? 100 + t : 200 + t - starts.size() + 2);
      Observation o = observations.get(r.nextInt(observations.size()));
      ScoreTarget target =
          switch (r.nextInt(6)) {
            case 0, 1 -> ScoreTarget.trace(traceId);
            case 2, 3 -> ScoreTarget.observation(o.traceId(), o.id());
            case 4 ->
                r.nextBoolean()
                    ? ScoreTarget.session(pick(r, "s0", "s1", "s9"))
                    : new ScoreTarget(null, null, null, "run-" + r.nextInt(3));
            default -> ScoreTarget.observation(traceId, "missing-observation");
          };
      Instant at =
          START.plusSeconds(r.nextInt(6 * 86_400)).plusNanos(r.nextInt(1_000_000) * 1_000L);
      Score.Builder b =
          Score.builder(projectId, "score-" + i, "x", target, at)
              .source(
                  pick(
                      r,
                      ScoreSource.API,
                      ScoreSource.API,
                      ScoreSource.ANNOTATION,
                      ScoreSource.EVAL))
              .environment(pick(r, "production", "staging", null))
              .configId(pick(r, "cfg-1", "cfg-2", null));
      switch (r.nextInt(5)) {
        case 0, 1 ->
            b.name(pick(r, "helpfulness", "ｑｕａｌｉｔｙ"))
                .dataType(ScoreDataType.NUMERIC)
                .value(r.nextInt(10) == 0 ? -r.nextDouble() : r.nextInt(1_000) / 100.0);
        case 2 ->
            b.name(pick(r, "thumbs-up", "json-valid"))
                .dataType(ScoreDataType.BOOLEAN)
                .value((double) r.nextInt(2));
        case 3 ->
            b.name("tone")
                .dataType(ScoreDataType.CATEGORICAL)
                .stringValue(pick(r, "good", "bad", "ｏｋ"))
                .value((double) r.nextInt(3));
        default -> b.name("critique").dataType(ScoreDataType.TEXT).stringValue("too long " + i);
      }
      scores.add(b.build());
    }
    return scores;
  }

  private static Observation observation(
      Random r, String projectId, String id, String traceId, Instant start) {
    ObservationType type =
        pick(
            r,
            ObservationType.GENERATION,
            ObservationType.GENERATION,
            ObservationType.GENERATION,
            ObservationType.EMBEDDING,
            ObservationType.SPAN,
            ObservationType.TOOL,
            ObservationType.EVENT);
    int l = r.nextInt(20);
    Level level = l < 2 ? Level.ERROR : l < 4 ? Level.WARNING : l < 5 ? Level.DEBUG : Level.DEFAULT;
    Observation.Builder o =
        Observation.builder(projectId, id, traceId, start)
            .type(type)
            .name(pick(r, "chat", "embed", "lookup", "ｃｈａｔ", null))
            .level(level)
            .environment(pick(r, "production", "staging", null))
            .release(pick(r, "r1", "r2", null))
            .version(pick(r, "v1", null))
            .promptName(pick(r, "support", null, null));
    long latencyMicros = r.nextInt(10) == 0 ? 0 : r.nextInt(20_000_000);
    Instant end = r.nextInt(100) < 85 ? start.plusNanos(latencyMicros * 1_000) : null;
    o.endTime(end);
    if (!type.callsModel()) return o.build();
    String model = pick(r, MODELS);
    o.model(model);
    if (r.nextBoolean())
      o.completionStartTime(start.plusNanos(r.nextInt(1 + (int) latencyMicros) * 1_000L));
    Map<String, Long> usage = new LinkedHashMap<>();
    usage.put("input", (long) r.nextInt(5_000));
    usage.put("output", (long) r.nextInt(2_000));
    if (r.nextInt(10) < 3) usage.put("input_cached_tokens", (long) r.nextInt(3_000));
    if (r.nextInt(10) < 2) usage.put("output_reasoning_tokens", (long) r.nextInt(1_000));
    if (r.nextInt(10) < 3) {
      long sum = 0;
      for (long v : usage.values()) sum += v;
      usage.put("total", sum + r.nextInt(10));
    }
    o.usageDetails(usage);
    int c = r.nextInt(10);
    if (c < 6) {
      Map<String, BigDecimal> cost = new LinkedHashMap<>();
      for (Map.Entry<String, Long> e : usage.entrySet()) {
        if (!e.getKey().equals("total"))
          cost.put(e.getKey(), BigDecimal.valueOf(e.getValue() * (1 + r.nextInt(5_000)), 10));
      }
      o.costDetails(cost)
          .costSource(CostSource.CALCULATED)
          .pricedModelId(model == null ? null : "p-" + model);
    } else if (c < 8) {
      o.costDetails(Map.of("total", BigDecimal.valueOf(r.nextInt(1_000_000), 9)))
          .costSource(CostSource.PROVIDED);
    } else if (c < 9 && model != null) {
      o.costSource(CostSource.NO_PRICE);
    }
    // an agent span reporting its descendants' usage: shown, not summed
    if (r.nextInt(10) == 0) o.usageScope(UsageScope.DESCENDANTS);
    return o.build();
  }

  @SafeVarargs
  private static <T> @Nullable T pick(Random r, @Nullable T... options) {
    return options[r.nextInt(options.length)];
  }
}
