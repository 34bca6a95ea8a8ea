package dev.loupe.storage.duckdb;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random writes over a small id space, so that ids repeat: creates, partial updates,
 * re-sends, moves to another trace, in every arrival order. Every field is sometimes null and
 * sometimes set.
 */
final class RandomRows {
  static final String PROJECT = "project-a";
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00.123456Z");

  private final Random r;

  RandomRows(long seed) {
    this.r = new Random(seed);
  }

  List<WriteBatch> batches(int count, int traceIds, int observationIds) {
    List<WriteBatch> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Trace> traces = new ArrayList<>();
      List<Observation> observations = new ArrayList<>();
      for (int n = r.nextInt(4); n > 0; n--) traces.add(trace(traceId(r.nextInt(traceIds))));
      for (int n = r.nextInt(8); n > 0; n--) {
        observations.add(
            observation(observationId(r.nextInt(observationIds)), traceId(r.nextInt(traceIds))));
      }
      out.add(WriteBatch.of(traces, observations));
    }
    return out;
  }

  static String traceId(int n) {
    return "%032x".formatted(0xabc000 + n);
  }

  static String observationId(int n) {
    return "%016x".formatted(0xdef000 + n);
  }

  Trace trace(String id) {
    return Trace.builder(PROJECT, id, time())
        .name(maybe("agent-" + r.nextInt(3)))
        .userId(maybe("user-" + r.nextInt(3)))
        .sessionId(maybe("session-" + r.nextInt(2)))
        .tags(
            r.nextBoolean()
                ? List.of()
                : List.of("t" + r.nextInt(4), "t" + r.nextInt(4)).stream().distinct().toList())
        .input(maybe("\"question " + r.nextInt(100) + "\""))
        .output(maybe("{\"answer\":" + r.nextInt(100) + "}"))
        .metadata(metadata())
        .environment(r.nextInt(3) == 0 ? "production" : null)
        .release(maybe("r" + r.nextInt(3)))
        .version(maybe("v" + r.nextInt(3)))
        .isPublic(r.nextInt(5) == 0)
        .build();
  }

  Observation observation(String id, String traceId) {
    ObservationType type = ObservationType.values()[r.nextInt(ObservationType.values().length)];
    Instant start = time();
    return Observation.builder(PROJECT, id, traceId, start)
        .parentObservationId(maybe(observationId(r.nextInt(5))))
        .type(type)
        .name(maybe("step-" + r.nextInt(3)))
        .endTime(r.nextBoolean() ? start.plusMillis(r.nextInt(5_000)) : null)
        .completionStartTime(r.nextBoolean() ? start.plusMillis(r.nextInt(500)) : null)
        .level(Level.values()[r.nextInt(Level.values().length)])
        .statusMessage(maybe("status " + r.nextInt(9)))
        .model(maybe("gpt-4o-mini"))
        .modelParameters(r.nextBoolean() ? null : "{\"temperature\":0." + r.nextInt(10) + "}")
        .input(maybe("[{\"role\":\"user\",\"content\":\"hi " + r.nextInt(100) + "\"}]"))
        .output(maybe("\"out " + r.nextInt(100) + "\""))
        .metadata(metadata())
        .usageDetails(usage())
        .costDetails(cost())
        .costSource(CostSource.values()[r.nextInt(CostSource.values().length)])
        .pricedModelId(maybe("gpt-4o-mini-2024"))
        .environment(r.nextInt(3) == 0 ? "staging" : null)
        .version(maybe("v" + r.nextInt(3)))
        .release(maybe("r" + r.nextInt(3)))
        .promptName(maybe("prompt"))
        .promptVersion(r.nextBoolean() ? null : r.nextInt(5))
        .mappingNotes(r.nextBoolean() ? Map.of() : Map.of("usage", "rule-" + r.nextInt(3)))
        .build();
  }

  private Instant time() {
    return T0.plusNanos(r.nextInt(1_000_000) * 1_000L);
  }

  /**
   * Mostly objects (which merge key by key), sometimes an array (newer replaces older: not
   * associative).
   */
  private String metadata() {
    return switch (r.nextInt(4)) {
      case 0 -> null;
      case 1 -> "[" + r.nextInt(9) + "]";
      default -> "{\"k" + r.nextInt(3) + "\":" + r.nextInt(9) + "}";
    };
  }

  private Map<String, Long> usage() {
    Map<String, Long> m = new HashMap<>();
    for (String k : List.of("input", "output", "total", "input_cached_tokens", "reasoning")) {
      if (r.nextInt(3) == 0) m.put(k, (long) r.nextInt(5_000));
    }
    return m;
  }

  private Map<String, BigDecimal> cost() {
    Map<String, BigDecimal> m = new HashMap<>();
    for (String k : List.of("input", "output", "total", "input_cached_tokens")) {
      if (r.nextInt(3) == 0) m.put(k, BigDecimal.valueOf(r.nextInt(1_000_000), 9));
    }
    return m;
  }

  private String maybe(String value) {
    return r.nextBoolean() ? value : null;
  }
}
