package dev.loupe.storage.duckdb;

import dev.loupe.model.CostSource;
import dev.loupe.model.Json;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.WriteBatch;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A throughput check run by hand, not a test: writes realistic agent traces (a root span, five generations with
 * ~1.5 KB of chat input/output, two tool calls) in batches of 512 observations from concurrent clients, then
 * measures reads.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(deps) dev.loupe.storage.duckdb.ThroughputCheck [observations]
 *     [clients] [dataDir]
 * </pre>
 */
public final class ThroughputCheck {
  private static final String[] WORDS = ("the order ships tomorrow customer support agent tracking refund "
      + "delayed package carrier warehouse address please check status account billing invoice payment "
      + "subscription cancel upgrade plan email phone chat escalate ticket priority resolved pending open "
      + "you we they it is was will can could would should have has had do does did not and or but if then")
      .split(" ");
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("loupe-throughput");
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<WriteBatch> batches = generate(total, clients);
    System.out.printf("generated %d batches, %d observations; data in %s%n", batches.size(), total, dir);
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
      try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          int client = c;
          done.add(pool.submit(() -> {
            for (int i = client; i < batches.size(); i += clients) storage.observationConsumer().accept(batches.get(i));
          }));
        }
        for (Future<?> f : done) f.get();
      }
      double secs = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf("write: %d observations in %.1f s = %.0f observations/s (%.0f per CPU-second), %d groups%n",
          total, secs, total / secs, total / cpu, storage.groupsCommitted());
      measureReads(storage, total);
    }
  }

  private static void measureReads(DuckDbStorage storage, int total) {
    Random r = new Random(7);
    int traces = total / 8;
    long[] lat = new long[500];
    for (int i = 0; i < lat.length; i++) {
      String id = traceId(r.nextInt(traces));
      long q0 = System.nanoTime();
      if (storage.traceStore().getTrace("bench", id).isEmpty()) throw new AssertionError("missing " + id);
      lat[i] = System.nanoTime() - q0;
    }
    print("getTrace", lat);
    for (int i = 0; i < 100; i++) {
      long q0 = System.nanoTime();
      storage.traceStore().getObservation("bench", observationId(r.nextInt(traces), r.nextInt(8)));
      lat[i] = System.nanoTime() - q0;
    }
    print("getObservation", Arrays.copyOf(lat, 100));
    for (int i = 0; i < 50; i++) {
      long q0 = System.nanoTime();
      storage.traceStore().searchTraces(TraceQuery.builder("bench").paging(1 + i % 5, 50).build());
      lat[i] = System.nanoTime() - q0;
    }
    print("searchTraces (50 per page)", Arrays.copyOf(lat, 50));
  }

  private static void print(String what, long[] nanos) {
    Arrays.sort(nanos);
    System.out.printf("%-28s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", what, nanos[nanos.length / 2] / 1e6,
        nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6);
  }

  /** Batches of 512 observations; every batch also carries a shallow row for each trace it touches. */
  static List<WriteBatch> generate(int total, int clients) {
    Random r = new Random(1);
    List<WriteBatch> out = new ArrayList<>();
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    for (int n = 0, trace = 0; n < total; trace++) {
      Instant start = T0.plusMillis(trace * 37L);
      String tid = traceId(trace);
      String root = observationId(trace, 0);
      traces.add(Trace.builder("bench", tid, start).name("support-agent").userId("user-" + r.nextInt(500))
          .sessionId("session-" + r.nextInt(5000)).tags(List.of("support")).environment("production")
          .input(Json.quote(text(r, 120))).output(Json.quote(text(r, 200)))
          .metadata("{\"channel\":\"web\"}").build());
      for (int k = 0; k < 8 && n < total; k++, n++) {
        Instant s = start.plusMillis(k * 300L);
        Observation.Builder b = Observation.builder("bench", observationId(trace, k), tid, s).endTime(s.plusMillis(250));
        if (k == 0) b.type(ObservationType.AGENT).name("support-agent.run").endTime(s.plusMillis(2_600));
        else b.parentObservationId(root);
        if (k >= 1 && k <= 5) generation(b, r);
        if (k >= 6) b.type(ObservationType.TOOL).name("lookup_order").input("{\"id\":" + r.nextInt(99_999) + "}")
            .output("{\"status\":\"" + text(r, 80) + "\"}");
        observations.add(b.build());
        if (observations.size() == 512) {
          out.add(WriteBatch.of(shallowTraces(traces, observations), observations));
          traces = new ArrayList<>();
          observations = new ArrayList<>();
        }
      }
    }
    if (!observations.isEmpty()) out.add(WriteBatch.of(shallowTraces(traces, observations), observations));
    return out;
  }

  private static List<Trace> shallowTraces(List<Trace> full, List<Observation> observations) {
    List<Trace> out = new ArrayList<>(full);
    observations.stream().map(Observation::traceId).distinct()
        .filter(id -> full.stream().noneMatch(t -> t.id().equals(id)))
        .forEach(id -> out.add(Trace.builder("bench", id, observations.getFirst().startTime()).build()));
    return out;
  }

  private static void generation(Observation.Builder b, Random r) {
    long in = 400 + r.nextInt(800), out = 50 + r.nextInt(300);
    b.type(ObservationType.GENERATION).name("chat gpt-4o-mini").model("gpt-4o-mini")
        .modelParameters("{\"temperature\":0.2,\"max_tokens\":1024}")
        .input("[{\"role\":\"system\",\"content\":" + Json.quote(text(r, 300)) + "},{\"role\":\"user\",\"content\":"
            + Json.quote(text(r, 500)) + "}]")
        .output("{\"role\":\"assistant\",\"content\":" + Json.quote(text(r, 600)) + "}")
        .usageDetails(Map.of("input", in, "output", out, "total", in + out))
        .costDetails(Map.of("input", new BigDecimal("0.00000015").multiply(BigDecimal.valueOf(in)),
            "output", new BigDecimal("0.0000006").multiply(BigDecimal.valueOf(out)),
            "total", new BigDecimal("0.00000015").multiply(BigDecimal.valueOf(in))
                .add(new BigDecimal("0.0000006").multiply(BigDecimal.valueOf(out)))))
        .costSource(CostSource.CALCULATED).pricedModelId("gpt-4o-mini")
        .metadata("{\"provider\":\"openai\"}").mappingNotes(Map.of("type", "gen_ai.operation.name=chat"));
  }

  static String traceId(int n) {
    return "7e57" + HexFormat.of().toHexDigits((long) n) + "0000000000000000".substring(4);
  }

  static String observationId(int trace, int k) {
    return HexFormat.of().toHexDigits((long) trace * 8 + k);
  }

  private static String text(Random r, int chars) {
    StringBuilder sb = new StringBuilder(chars + 16);
    while (sb.length() < chars) sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
    return sb.toString();
  }
}
