package dev.loupe.storage.clickhouse;

import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.WriteBatch;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A by-hand check, not a test (run it with {@code -Dtest=WriteCheck -Dcheck.observations=N}):
 * writes agent traces (a root span, five generations with ~1.5 KB of chat input and output, two
 * tool calls) in batches of 512 observations through one writer, then times reads. Prints write
 * rates per tenth of the data, so the cost of the write path's lookups as the table grows shows.
 */
class WriteCheck {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  @Test
  void run() {
    int total = Integer.getInteger("check.observations", 100_000);
    Random random = new Random(7);
    try (ClickHouseStorage storage = TestClickHouse.open()) {
      int traces = total / 8;
      long start = System.nanoTime(), lap = start;
      int written = 0, nextReport = total / 10;
      int perBatch = Integer.getInteger("check.traces", 64);
      for (int t = 0; t < traces; t += perBatch) {
        List<Trace> ts = new ArrayList<>();
        List<Observation> os = new ArrayList<>();
        for (int i = t; i < Math.min(traces, t + perBatch); i++) agentTrace(i, random, ts, os);
        storage.observationConsumer().accept(WriteBatch.of(ts, os));
        written += os.size();
        if (written >= nextReport) {
          long now = System.nanoTime();
          System.out.printf(
              "CHECK %,d observations stored: %,.0f obs/s over the last tenth%n",
              written, (total / 10.0) / ((now - lap) / 1e9));
          lap = now;
          nextReport += total / 10;
        }
      }
      System.out.printf(
          "CHECK wrote %,d observations in %.1f s: %,.0f obs/s%n",
          written,
          (System.nanoTime() - start) / 1e9,
          written / ((System.nanoTime() - start) / 1e9));
      long[] get = new long[200];
      for (int i = 0; i < get.length; i++) {
        long t0 = System.nanoTime();
        storage.traceStore().getTrace("p", traceId(random.nextInt(traces))).orElseThrow();
        get[i] = System.nanoTime() - t0;
      }
      Arrays.sort(get);
      System.out.printf(
          "CHECK getTrace p50 %.1f ms, p99 %.1f ms%n", get[100] / 1e6, get[197] / 1e6);
      time(
          "searchTraces page 1",
          () -> storage.traceStore().searchTraces(TraceQuery.builder("p").build()));
      time(
          "searchTraces by cost",
          () ->
              storage
                  .traceStore()
                  .searchTraces(
                      TraceQuery.builder("p")
                          .orderBy(TraceQuery.OrderBy.COST, dev.loupe.storage.SortDirection.DESC)
                          .build()));
      time(
          "searchObservations page 1",
          () -> storage.traceStore().searchObservations(ObservationQuery.builder("p").build()));
      time(
          "searchObservations fullText",
          () ->
              storage
                  .traceStore()
                  .searchObservations(
                      ObservationQuery.builder("p")
                          .fromStartTime(T0)
                          .toStartTime(T0.plusSeconds(3600))
                          .fullText("tracking")
                          .build()));
      long t0 = System.nanoTime();
      Trace again = Trace.builder("p", traceId(5), T0).name("renamed").build();
      storage.observationConsumer().accept(WriteBatch.of(List.of(again), List.of()));
      System.out.printf("CHECK update of one trace %.1f ms%n", (System.nanoTime() - t0) / 1e6);
    }
  }

  private static void time(String what, Runnable r) {
    r.run();
    long t0 = System.nanoTime();
    for (int i = 0; i < 5; i++) r.run();
    System.out.printf("CHECK %s %.1f ms%n", what, (System.nanoTime() - t0) / 5e6);
  }

  private static String traceId(int i) {
    return "%032x".formatted(i);
  }

  private static void agentTrace(int i, Random random, List<Trace> ts, List<Observation> os) {
    Instant at = T0.plusMillis(i * 200L);
    String trace = traceId(i);
    ts.add(
        Trace.builder("p", trace, at).name("agent").userId("user-" + random.nextInt(500)).build());
    String root = "%016x".formatted(i * 8L);
    os.add(
        Observation.builder("p", root, trace, at)
            .type(ObservationType.AGENT)
            .name("agent.run")
            .endTime(at.plusMillis(3000))
            .build());
    for (int g = 1; g <= 7; g++) {
      boolean tool = g == 3 || g == 6;
      Observation.Builder b =
          Observation.builder("p", "%016x".formatted(i * 8L + g), trace, at.plusMillis(g * 300L))
              .parentObservationId(root)
              .endTime(at.plusMillis(g * 300L + 250))
              .name(tool ? "lookup" : "chat");
      if (tool)
        b.type(ObservationType.TOOL).input("{\"id\":" + i + "}").output("{\"status\":\"shipped\"}");
      else
        b.type(ObservationType.GENERATION)
            .model("gpt-4o-mini")
            .input("[{\"role\":\"user\",\"content\":\"" + text(random, 700) + "\"}]")
            .output("{\"role\":\"assistant\",\"content\":\"" + text(random, 700) + " tracking\"}")
            .usageDetails(Map.of("input", 900L, "output", 215L))
            .costDetails(Map.of("total", new BigDecimal("0.0002865")))
            .costSource(CostSource.CALCULATED);
      os.add(b.build());
    }
  }

  private static String text(Random random, int chars) {
    String[] words =
        "the order ships tomorrow customer support agent refund delayed package carrier".split(" ");
    StringBuilder s = new StringBuilder();
    while (s.length() < chars) s.append(words[random.nextInt(words.length)]).append(' ');
    return s.toString();
  }
}
