package dev.loupe.pipeline.kafka;

import dev.loupe.ingest.IngestResult;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.WriteBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Test rows and waiting. */
final class Rows {
  static final String PROJECT = "p1";
  static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

  private Rows() {}

  /** Traces {@code first..first+count-1}, each with one generation. */
  static WriteBatch batch(int first, int count) {
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      Trace t = Trace.builder(PROJECT, "t" + i, START).name("run").build();
      traces.add(t);
      observations.add(
          Observation.builder(PROJECT, "o" + i, t.id(), START)
              .type(ObservationType.GENERATION)
              .model("gpt-4o")
              .usageDetails(Map.of("input", 1000L))
              .build());
    }
    return WriteBatch.of(traces, observations);
  }

  static IngestResult request(int first, int count) {
    WriteBatch b = batch(first, count);
    return new IngestResult(b.traces(), b.observations(), List.of());
  }

  static void await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in time");
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
