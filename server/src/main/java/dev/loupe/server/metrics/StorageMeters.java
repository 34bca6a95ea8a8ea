package dev.loupe.server.metrics;

import dev.loupe.storage.Storage;
import dev.loupe.storage.duckdb.DuckDbStats;
import dev.loupe.storage.duckdb.DuckDbStorage;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The store's meters, read when scraped: {@code Storage.check()} as an up gauge on every backend;
 * for DuckDB its writer (groups, rows, queue), read pool and file sizes.
 */
final class StorageMeters {
  private StorageMeters() {}

  /**
   * Registers the store's meters; returns what they read, for the caller to hold (and the snapshots
   * among them to expire before each scrape).
   */
  static List<Object> watch(MeterRegistry registry, Storage storage) {
    List<Object> held = new ArrayList<>();
    Gauge.builder("loupe.storage.up", storage, s -> s.check().ok() ? 1 : 0)
        .description("1 when the store answers its health check, else 0")
        .strongReference(true)
        .register(registry);
    held.add(storage);
    if (storage instanceof DuckDbStorage duckDb) held.add(watchDuckDb(registry, duckDb));
    return held;
  }

  private static Object watchDuckDb(MeterRegistry registry, DuckDbStorage storage) {
    Meters.Snapshot<DuckDbStats> stats = new Meters.Snapshot<>(storage::stats);
    FunctionCounter.builder("loupe.storage.writer.groups", stats, s -> s.get().writeGroups())
        .description("Write groups committed, one transaction each")
        .register(registry);
    FunctionCounter.builder("loupe.storage.writer.rows", stats, s -> s.get().writeRows())
        .description("Trace and observation rows written")
        .register(registry);
    gauge(
        registry,
        "loupe.storage.writer.queue",
        "Write batches waiting for the writer",
        null,
        stats,
        DuckDbStats::writeQueue);
    gauge(
        registry,
        "loupe.storage.read.connections",
        "Connections in the read pool",
        null,
        stats,
        DuckDbStats::readConnections);
    gauge(
        registry,
        "loupe.storage.read.connections.busy",
        "Read connections in use",
        null,
        stats,
        s -> s.readConnections() - s.idleReadConnections());
    for (String stage : storage.stats().writerStageNanos().keySet()) {
      FunctionCounter.builder(
              "loupe.storage.writer.stage.seconds",
              stats,
              s -> s.get().writerStageNanos().get(stage).wallNanos() / 1e9)
          .description("Writer wall time per stage of a write group (wall minus cpu is waiting)")
          .tags("stage", stage, "clock", "wall")
          .baseUnit("seconds")
          .register(registry);
      FunctionCounter.builder(
              "loupe.storage.writer.stage.seconds",
              stats,
              s -> s.get().writerStageNanos().get(stage).cpuNanos() / 1e9)
          .description("Writer wall time per stage of a write group (wall minus cpu is waiting)")
          .tags("stage", stage, "clock", "cpu")
          .baseUnit("seconds")
          .register(registry);
    }
    fileGauge(registry, "database", stats, DuckDbStats::databaseBytes);
    fileGauge(registry, "wal", stats, DuckDbStats::walBytes);
    fileGauge(registry, "payloads", stats, DuckDbStats::payloadBytes);
    gauge(
        registry,
        "loupe.storage.payload.segments",
        "Segment files of the payload log",
        null,
        stats,
        DuckDbStats::payloadSegments);
    return stats;
  }

  private static void fileGauge(
      MeterRegistry registry,
      String file,
      Supplier<DuckDbStats> stats,
      ToDoubleFunction<DuckDbStats> value) {
    Gauge.builder("loupe.storage.file.size", stats, s -> value.applyAsDouble(s.get()))
        .description("Size of the store's files: database, its WAL, the payload log in total")
        .baseUnit("bytes")
        .tag("file", file)
        .strongReference(true)
        .register(registry);
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      String description,
      @Nullable String unit,
      Supplier<DuckDbStats> stats,
      ToDoubleFunction<DuckDbStats> value) {
    Gauge.builder(name, stats, s -> value.applyAsDouble(s.get()))
        .description(description)
        .baseUnit(unit)
        .strongReference(true)
        .register(registry);
  }
}
