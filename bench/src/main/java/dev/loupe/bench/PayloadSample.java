package dev.loupe.bench;

import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.storage.WriteBatch;

/** Measures the generated payload sizes on a sample block, so the report states them. */
final class PayloadSample {
  private static final int TRACES = 256;

  private PayloadSample() {}

  static String describe(AnalyticsDataset dataset) {
    WriteBatch sample =
        new AnalyticsTraceGenerator(dataset).block(0, (int) Math.min(TRACES, dataset.traces()));
    long generations = 0, generationBytes = 0, allBytes = 0;
    for (Observation o : sample.observations()) {
      long bytes = length(o.input()) + length(o.output());
      allBytes += bytes + length(o.modelParameters());
      if (o.type() == ObservationType.GENERATION) {
        generations++;
        generationBytes += bytes;
      }
    }
    for (var t : sample.traces()) allBytes += length(t.input()) + length(t.output());
    return String.format(
        "generation input+output %d bytes on average (chat JSON); %d bytes of payload per trace",
        generationBytes / Math.max(1, generations), allBytes / Math.max(1, sample.traces().size()));
  }

  private static long length(String s) {
    return s == null ? 0 : s.length();
  }
}
