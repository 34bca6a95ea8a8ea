package dev.loupe.bench;

import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.Storage;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Analytics benchmark: generates a month of agent traffic straight into a storage's consumer (its
 * real write path) or reuses a directory that holds it, reopens it, and times the dashboard's
 * metrics queries and trace lookups by id. {@code --storage duckdb} (the default) is the embedded
 * store; {@code --storage clickhouse} the scale-out one ({@link ClickHouseBackend}).
 *
 * <pre>
 * ./loupe bench analytics [--generations 10000000] [--days 30] [--models 40] [--users 5000]
 *     [--sessions 50000] [--seed 42] [--end 2026-11-24T00:00:00Z] [--data-dir DIR] [--reuse]
 *     [--writers 2] [--runs 20] [--lookups 200]
 *     [--storage duckdb|clickhouse] [--clickhouse-url URL] [--engine-classpath CP]
 * </pre>
 */
final class AnalyticsBench {
  private AnalyticsBench() {}

  /** Runs the bench and prints the result block; returns its lines. */
  static List<String> run(Map<String, String> opt) throws Exception {
    AnalyticsDataset wanted = AnalyticsDataset.fromOptions(opt, 10_000_000, ChronoUnit.DAYS);
    Path dir =
        opt.containsKey("data-dir")
            ? Path.of(opt.get("data-dir"))
            : Dirs.temporary("loupe-bench-analytics");
    int writers = Integer.parseInt(opt.getOrDefault("writers", "2"));
    int runs = Integer.parseInt(opt.getOrDefault("runs", "20"));
    int lookups = Integer.parseInt(opt.getOrDefault("lookups", "200"));
    if (runs < 1 || lookups < 1) throw new IllegalArgumentException("--runs and --lookups >= 1");

    List<String> out = new ArrayList<>();
    String loadAtStart = Footprint.loadAverage();
    Optional<AnalyticsDataset> existing = AnalyticsDataset.readManifest(dir);
    try (AnalyticsBackend backend = AnalyticsBackend.of(opt, dir)) {
      out.addAll(run(opt, dir, wanted, existing, backend, writers, runs, lookups));
    }
    out.add(
        String.format(
            "machine   : %d cores, 1-min load average %s at start, %s at end",
            Runtime.getRuntime().availableProcessors(), loadAtStart, Footprint.loadAverage()));
    System.out.println();
    for (String line : out) System.out.println(line);
    return out;
  }

  private static List<String> run(
      Map<String, String> opt,
      Path dir,
      AnalyticsDataset wanted,
      Optional<AnalyticsDataset> existing,
      AnalyticsBackend backend,
      int writers,
      int runs,
      int lookups)
      throws Exception {
    List<String> out = new ArrayList<>();
    AnalyticsDataset data;
    long rssAfterGeneration;
    if (opt.containsKey("reuse") && existing.isPresent()) {
      data = existing.get();
      if (!data.sameShape(wanted)) {
        throw new IllegalArgumentException(
            "--reuse: " + dir + " holds " + data + ", not the requested " + wanted);
      }
      rssAfterGeneration = -1;
      out.add(header(data, dir, backend));
      System.out.println(out.get(0));
      out.add("generate  : skipped (--reuse; data written earlier, end " + data.end() + ")");
    } else {
      if (backend.holdsData()) {
        throw new IllegalArgumentException(
            "--data-dir "
                + dir
                + " already holds a store"
                + (existing.isPresent()
                    ? "; add --reuse to measure it"
                    : " (not a complete bench data set)")
                + ", or pass an empty directory");
      }
      data = wanted;
      out.add(header(data, dir, backend));
      System.out.println(out.get(0));
      BulkLoader.Result gen;
      long closeNanos;
      try (Storage storage = backend.open()) {
        gen = BulkLoader.load(data, storage.observationConsumer(), writers);
        rssAfterGeneration = Footprint.rssMiB();
        closeNanos = System.nanoTime();
      }
      closeNanos = System.nanoTime() - closeNanos;
      data.writeManifest(dir);
      out.add(
          String.format(
              "generate  : %,d rows in %.1f s = %,.0f rows/s (%d writer threads, batches of %,d rows"
                  + " into the store's consumer); close %.1f s",
              gen.rows(),
              gen.seconds(),
              gen.rowsPerSecond(),
              writers,
              BulkLoader.TRACES_PER_BATCH * AnalyticsTraceGenerator.ROWS_PER_TRACE,
              closeNanos / 1e9));
      System.out.println(out.get(out.size() - 1)); // kept even if a measurement fails
      System.out.printf("JVM RSS   : %,d MiB after generation%n", rssAfterGeneration);
    }
    out.addAll(Measurements.run(data, backend, runs, lookups, rssAfterGeneration));
    return out;
  }

  private static String header(AnalyticsDataset d, Path dir, AnalyticsBackend backend) {
    return String.format(
        "loupe analytics bench: %,d generations in %,d traces (%,d observations + %,d trace rows),"
            + " %d days to %s, %d models, %,d users, %,d sessions, seed %d, %d cores, data %s%n"
            + "storage   : %s%n"
            + "payload   : %s",
        d.generations(),
        d.traces(),
        d.generations() + 2 * d.traces(),
        d.traces(),
        d.days(),
        d.end().atOffset(ZoneOffset.UTC).toLocalDate(),
        d.models(),
        d.users(),
        d.sessions(),
        d.seed(),
        Runtime.getRuntime().availableProcessors(),
        dir.toAbsolutePath(),
        backend.describe(),
        PayloadSample.describe(d));
  }

  /** Whether the storage answers metrics queries (the DuckDB one gained them later). */
  static Optional<AnalyticsStore> analytics(Storage storage) {
    try {
      return Optional.of(storage.analyticsStore());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
