package dev.loupe.server.metrics;

import dev.loupe.pipeline.IngestState;
import dev.loupe.pipeline.PipelineMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The ingest pipeline's meters: its events as they happen ({@link PipelineMetrics}: appends made
 * durable, refusals, apply batches) and its levels and totals read from {@link IngestState} when
 * scraped (apply lag, the log's size, compaction).
 */
final class PipelineMeters implements PipelineMetrics {
  private final Timer append;
  private final Map<Refusal, Counter> refusedRequests = new EnumMap<>(Refusal.class);
  private final Map<Refusal, Counter> refusedSpans = new EnumMap<>(Refusal.class);
  private final Timer applyBatch;
  private final DistributionSummary applyRecords;
  private final DistributionSummary applyRows;
  private final Counter applyBytes;
  private final Counter applyFailures;
  private final Counter skippedRecords;
  private final Counter skippedRows;

  PipelineMeters(MeterRegistry registry) {
    append =
        Timer.builder("loupe.log.append")
            .description("Time from an ingest request's append until it is durable (acknowledged)")
            .serviceLevelObjectives(Meters.LATENCY_BUCKETS)
            .register(registry);
    for (Refusal reason : Refusal.values()) {
      refusedRequests.put(
          reason,
          Counter.builder("loupe.ingest.requests.refused")
              .description("Ingest requests refused whole (429/503 with Retry-After), by reason")
              .tag("reason", Meters.label(reason))
              .register(registry));
      refusedSpans.put(
          reason,
          Counter.builder("loupe.ingest.spans.refused")
              .description("Observation rows of the refused requests, by reason")
              .tag("reason", Meters.label(reason))
              .register(registry));
    }
    applyBatch =
        Timer.builder("loupe.apply.batch")
            .description("Time the store took to write one apply batch durably")
            .serviceLevelObjectives(Meters.LATENCY_BUCKETS)
            .register(registry);
    applyRecords =
        DistributionSummary.builder("loupe.apply.batch.records")
            .description("Log records per apply batch")
            .serviceLevelObjectives(Meters.BATCH_BUCKETS)
            .register(registry);
    applyRows =
        DistributionSummary.builder("loupe.apply.batch.rows")
            .description("Trace and observation rows per apply batch")
            .serviceLevelObjectives(Meters.BATCH_BUCKETS)
            .register(registry);
    applyBytes =
        Counter.builder("loupe.apply.bytes")
            .description("Log record bytes applied to the store")
            .baseUnit("bytes")
            .register(registry);
    applyFailures =
        Counter.builder("loupe.apply.failures")
            .description("Failed attempts to store an apply batch (retried, nothing lost)")
            .register(registry);
    skippedRecords =
        Counter.builder("loupe.apply.skipped.records")
            .description("Log records the store refused on their own and the applier skipped")
            .register(registry);
    skippedRows =
        Counter.builder("loupe.apply.skipped.rows")
            .description("Rows of the skipped log records")
            .register(registry);
  }

  /**
   * Gauges and function counters over the pipeline's state, read once per scrape. Returns what they
   * read, for the caller to expire before each scrape and to hold: function counters keep only a
   * weak reference.
   */
  static Meters.Snapshot<IngestState> watch(MeterRegistry registry, Supplier<IngestState> source) {
    Meters.Snapshot<IngestState> state = new Meters.Snapshot<>(source);
    gauge(
        registry,
        "loupe.apply.lag.records",
        "Records acknowledged but not yet applied",
        null,
        state,
        s -> s.lagRecords());
    gauge(
        registry,
        "loupe.apply.lag",
        "Age of the oldest record not yet applied",
        "seconds",
        state,
        IngestState::lagSeconds);
    gauge(
        registry,
        "loupe.apply.up",
        "1 while the applier applies, 0 while it retries a failure",
        null,
        state,
        s -> s.applyError() == null ? 1 : 0);
    gauge(
        registry,
        "loupe.log.size",
        "Bytes of the ingest log's segment files",
        "bytes",
        state,
        s -> s.log().bytes());
    gauge(
        registry,
        "loupe.log.segments",
        "Segment files of the ingest log",
        null,
        state,
        s -> s.log().segments());
    gauge(
        registry,
        "loupe.log.up",
        "1 while appends to the ingest log succeed",
        null,
        state,
        s -> s.log().error() == null ? 1 : 0);
    counter(
        registry,
        "loupe.log.appended.records",
        "Records appended since start",
        null,
        state,
        s -> s.log().appendedRecords());
    counter(
        registry,
        "loupe.log.appended",
        "Bytes appended since start, framing included",
        "bytes",
        state,
        s -> s.log().appendedBytes());
    counter(
        registry,
        "loupe.log.syncs",
        "Group commits (fsyncs) of the ingest log",
        null,
        state,
        s -> s.log().syncs());
    counter(
        registry,
        "loupe.log.compacted.segments",
        "Segments deleted once fully applied",
        null,
        state,
        s -> s.log().compactedSegments());
    counter(
        registry,
        "loupe.log.compacted",
        "Bytes those segments held",
        "bytes",
        state,
        s -> s.log().compactedBytes());
    counter(
        registry,
        "loupe.log.corrupt",
        "Bytes readers skipped for a failed checksum",
        "bytes",
        state,
        s -> s.log().corruptBytes());
    return state;
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      String description,
      @Nullable String unit,
      Supplier<IngestState> state,
      ToDoubleFunction<IngestState> value) {
    Gauge.builder(name, state, s -> value.applyAsDouble(s.get()))
        .description(description)
        .baseUnit(unit)
        .strongReference(true)
        .register(registry);
  }

  private static void counter(
      MeterRegistry registry,
      String name,
      String description,
      @Nullable String unit,
      Supplier<IngestState> state,
      ToDoubleFunction<IngestState> value) {
    FunctionCounter.builder(name, state, s -> value.applyAsDouble(s.get()))
        .description(description)
        .baseUnit(unit)
        .register(registry);
  }

  @Override
  public void acknowledged(int traces, int observations, long bytes, long nanos) {
    append.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void refused(Refusal reason, int traces, int observations) {
    refusedRequests.get(reason).increment();
    refusedSpans.get(reason).increment(observations);
  }

  @Override
  public void applied(int records, int rows, long bytes, long nanos) {
    applyBatch.record(nanos, TimeUnit.NANOSECONDS);
    applyRecords.record(records);
    applyRows.record(rows);
    applyBytes.increment(bytes);
  }

  @Override
  public void applyFailed(Throwable cause) {
    applyFailures.increment();
  }

  @Override
  public void skipped(int rows, Throwable cause) {
    skippedRecords.increment();
    skippedRows.increment(rows);
  }
}
