package dev.loupe.storage.duckdb;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsView;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A dashboard query check run by hand, not a test: fills a data directory with agent traces (a root
 * span, five generations over six models, two tool calls; 2% errors; 2,000 users; spread over 30
 * days; no payload text) unless it already holds them, then times the dashboard queries (p50 and
 * p99 of 20 runs each) with DuckDB's default threads and with {@code SET threads} 1 and 2.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(deps) dev.loupe.storage.duckdb.AnalyticsCheck [observations]
 *     [dataDir]
 * </pre>
 */
public final class AnalyticsCheck {
  static final String P = "bench";
  static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
  static final Duration SPAN = Duration.ofDays(30);
  private static final String[] MODELS = {
    "gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "claude-haiku", "gemini-2.5-flash", "o3-mini"
  };

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("loupe-analytics");
    boolean fresh = !Files.exists(dir.resolve(DuckDbStorage.FILE_NAME));
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      if (fresh) fill(storage, total);
      Map<String, MetricsQuery> queries = queries();
      for (String threads : List.of("default", "1", "2")) {
        if (!threads.equals("default")) storage.onReadConnections("SET threads = " + threads);
        System.out.println("threads " + threads + ":");
        for (var q : queries.entrySet()) time(storage, q.getKey(), q.getValue());
      }
    }
  }

  static Map<String, MetricsQuery> queries() {
    Instant to = T0.plus(SPAN);
    Map<String, MetricsQuery> q = new LinkedHashMap<>();
    q.put(
        "cost by model by day",
        MetricsQuery.builder(P, MetricsView.OBSERVATIONS, T0, to)
            .dimension(Dimension.PROVIDED_MODEL_NAME)
            .granularity(Granularity.DAY)
            .metric(Measure.TOTAL_COST, Aggregation.SUM)
            .metric(Measure.TOTAL_TOKENS, Aggregation.SUM)
            .build());
    q.put(
        "p50/p95/p99 latency by model",
        MetricsQuery.builder(P, MetricsView.OBSERVATIONS, T0, to)
            .dimension(Dimension.PROVIDED_MODEL_NAME)
            .filter(Dimension.TYPE, FilterOperator.EQ, "GENERATION")
            .metric(Measure.LATENCY, Aggregation.P50)
            .metric(Measure.LATENCY, Aggregation.P95)
            .metric(Measure.LATENCY, Aggregation.P99)
            .build());
    q.put(
        "error rate by model",
        MetricsQuery.builder(P, MetricsView.OBSERVATIONS, T0, to)
            .dimension(Dimension.PROVIDED_MODEL_NAME)
            .metric(Measure.ERRORS, Aggregation.AVG)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .build());
    q.put(
        "top users by cost (obs view)",
        MetricsQuery.builder(P, MetricsView.OBSERVATIONS, T0, to)
            .dimension(Dimension.USER_ID)
            .metric(Measure.TOTAL_COST, Aggregation.SUM)
            .orderBy("sum_totalCost", SortDirection.DESC)
            .rowLimit(10)
            .build());
    q.put(
        "top users by cost (traces view)",
        MetricsQuery.builder(P, MetricsView.TRACES, T0, to)
            .dimension(Dimension.USER_ID)
            .metric(Measure.TOTAL_COST, Aggregation.SUM)
            .orderBy("sum_totalCost", SortDirection.DESC)
            .rowLimit(10)
            .build());
    q.put(
        "trace latency p95 by day",
        MetricsQuery.builder(P, MetricsView.TRACES, T0, to)
            .granularity(Granularity.DAY)
            .metric(Measure.LATENCY, Aggregation.P95)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .build());
    return q;
  }

  private static void time(DuckDbStorage storage, String what, MetricsQuery q) {
    int rows = storage.analyticsStore().query(q).size(); // warm-up
    long[] nanos = new long[20];
    for (int i = 0; i < nanos.length; i++) {
      long t0 = System.nanoTime();
      storage.analyticsStore().query(q);
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "  %-34s %5d rows  p50 %7.1f ms  p99 %7.1f ms%n",
        what, rows, nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6);
  }

  private static void fill(DuckDbStorage storage, int total) throws Exception {
    int traces = total / 8;
    long t0 = System.nanoTime();
    int clients = 4, perBatch = 256; // traces per batch: 2,048 observations
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        done.add(
            pool.submit(
                () -> {
                  for (int first = client * perBatch; first < traces; first += clients * perBatch) {
                    storage
                        .observationConsumer()
                        .accept(batch(first, Math.min(first + perBatch, traces), traces));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) f.get();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("filled %d observations (%d traces) in %.1f s%n", traces * 8L, traces, secs);
  }

  private static WriteBatch batch(int from, int to, int traces) {
    List<Trace> ts = new ArrayList<>();
    List<Observation> os = new ArrayList<>();
    for (int n = from; n < to; n++) {
      Random r = new Random(n);
      Instant start = T0.plusMillis(SPAN.toMillis() * n / traces);
      String traceId = "t" + n;
      ts.add(
          Trace.builder(P, traceId, start)
              .name("support-agent")
              .userId("user-" + r.nextInt(2_000))
              .sessionId("session-" + r.nextInt(50_000))
              .tags(List.of("support"))
              .build());
      String root = n + "-0";
      os.add(
          Observation.builder(P, root, traceId, start)
              .type(ObservationType.AGENT)
              .name("agent.run")
              .endTime(start.plusMillis(3_000 + r.nextInt(5_000)))
              .build());
      for (int k = 1; k <= 7; k++) {
        Instant s = start.plusMillis(k * 300L);
        Observation.Builder b =
            Observation.builder(P, n + "-" + k, traceId, s)
                .parentObservationId(root)
                .endTime(s.plusMillis(50 + (long) (Math.abs(r.nextGaussian()) * 800)))
                .level(r.nextInt(50) == 0 ? Level.ERROR : Level.DEFAULT);
        if (k <= 5) {
          long in = 200 + r.nextInt(3_000), out = 20 + r.nextInt(600);
          b.type(ObservationType.GENERATION)
              .name("chat")
              .model(MODELS[r.nextInt(MODELS.length)])
              .completionStartTime(s.plusMillis(20 + r.nextInt(200)))
              .usageDetails(Map.of("input", in, "output", out, "input_cached_tokens", in / 4))
              .costDetails(
                  Map.of(
                      "input", BigDecimal.valueOf(in * 25, 7),
                      "output", BigDecimal.valueOf(out, 5)))
              .costSource(CostSource.CALCULATED);
        } else {
          b.type(ObservationType.TOOL).name("lookup_order");
        }
        os.add(b.build());
      }
    }
    return WriteBatch.of(ts, os);
  }
}
