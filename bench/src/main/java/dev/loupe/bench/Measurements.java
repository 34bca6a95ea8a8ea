package dev.loupe.bench;

import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.analytics.MetricsRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The measuring half of the analytics bench: reopens the data directory (cold-ish caches), times
 * each dashboard query and trace lookups by id, checks the answers against the generated data, and
 * reports memory and disk.
 */
final class Measurements {
  private Measurements() {}

  static List<String> run(
      AnalyticsDataset data,
      AnalyticsBackend backend,
      int runs,
      int lookups,
      long rssAfterGeneration) {
    List<String> out = new ArrayList<>();
    long t0 = System.nanoTime();
    try (Storage storage = backend.open()) {
      out.add(
          String.format(
              "reopen    : %.0f ms (%s.open)",
              (System.nanoTime() - t0) / 1e6, storage.getClass().getSimpleName()));
      out.add(backend.settle(storage));
      Optional<AnalyticsStore> analytics = AnalyticsBench.analytics(storage);
      AnswerChecks checks = new AnswerChecks(data);
      if (analytics.isEmpty()) {
        out.add("queries   : not run: analyticsStore() is not available in this build");
      } else {
        for (DashboardQueries.Named q :
            DashboardQueries.all(AnalyticsDataset.PROJECT_ID, data.start(), data.end())) {
          String label = String.format("query (%s) %-40s: ", q.key(), q.label());
          try {
            QueryTimer.Timing<List<MetricsRow>> timing =
                QueryTimer.time(runs, () -> analytics.get().query(q.query()));
            out.add(
                label
                    + String.format("%s, %,d rows", timing.summary(), timing.lastResult().size()));
            checks.query(q.key(), timing.lastResult());
          } catch (RuntimeException e) { // report it and go on with the other queries
            out.add(label + "FAILED: " + e.getMessage().lines().findFirst().orElse(""));
            System.err.println(label + "FAILED: " + e);
          }
        }
      }
      if (analytics.isPresent()) {
        // a dashboard's "last 30 days" moves with the clock: the same by-day queries over a
        // window cut inside its first and last days (those partial days are read every time)
        Instant from = data.start().plus(Duration.ofHours(7)),
            to = data.end().minus(Duration.ofHours(5));
        for (DashboardQueries.Named q :
            DashboardQueries.all(AnalyticsDataset.PROJECT_ID, from, to)) {
          if (q.query().granularity() == null) continue;
          String label = String.format("query (%s) %-40s: ", q.key(), "  same, window cut mid-day");
          QueryTimer.Timing<List<MetricsRow>> timing =
              QueryTimer.time(runs, () -> analytics.get().query(q.query()));
          out.add(
              label + String.format("%s, %,d rows", timing.summary(), timing.lastResult().size()));
        }
      }
      out.add(lookups(storage.traceStore(), data, lookups, checks));
      out.add(
          String.format(
              "JVM RSS   : %s after generation, %,d MiB after the queries (this process: DuckDB's"
                  + " native memory included, a ClickHouse engine's not)",
              rssAfterGeneration < 0
                  ? "n/a (reused)"
                  : String.format("%,d MiB", rssAfterGeneration),
              Footprint.rssMiB()));
      for (String c : checks.lines()) out.add("check     : " + c);
    }
    out.add(backend.disk());
    return out;
  }

  /** Times getTrace on random existing ids; checks a few against freshly generated traces. */
  private static String lookups(
      TraceStore store, AnalyticsDataset data, int lookups, AnswerChecks checks) {
    SplittableRandom random = new SplittableRandom(data.seed() + 17);
    for (int i = 0; i < QueryTimer.WARM_UPS; i++) {
      store.getTrace(
          AnalyticsDataset.PROJECT_ID, Ids.traceId(data.seed(), random.nextLong(data.traces())));
    }
    Histogram histogram = new Histogram();
    List<Long> sampled = new ArrayList<>();
    int missing = 0;
    for (int i = 0; i < lookups; i++) {
      long index = random.nextLong(data.traces());
      String id = Ids.traceId(data.seed(), index);
      long t0 = System.nanoTime();
      Optional<TraceDetail> trace = store.getTrace(AnalyticsDataset.PROJECT_ID, id);
      histogram.record((System.nanoTime() - t0) / 1_000);
      if (trace.isEmpty()) missing++;
      if (sampled.size() < 5) sampled.add(index);
    }
    checks.traces(store, sampled, missing, lookups);
    return String.format(
        "trace by id (g) %-34s: p50 %8.1f ms  p99 %8.1f ms  (%d random ids)",
        "getTrace",
        histogram.percentileMillis(50),
        histogram.percentileMillis(99),
        histogram.count());
  }
}
