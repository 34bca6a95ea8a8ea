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
 * A throughput check run by hand, not a test: writes realistic agent traces (a root span, five
 * generations with ~1.5 KB of chat input/output, two tool calls) in batches of 512 observations
 * from concurrent clients, then measures reads. Batches are generated 200k observations at a time,
 * outside the timed writes.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(deps) dev.loupe.storage.duckdb.ThroughputCheck [observations]
 *     [clients] [dataDir]
 * </pre>
 */
public final class ThroughputCheck {
  private static final String[] WORDS =
      ("the order ships tomorrow customer support agent tracking refund "
              + "delayed package carrier warehouse address please check status account billing invoice payment "
              + "subscription cancel upgrade plan email phone chat escalate ticket priority resolved pending open "
              + "you we they it is was will can could would should have has had do does did not and or but if then")
          .split(" ");
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("loupe-throughput");
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    int chunk = Math.min(total, 200_000);
    System.out.printf(
        "writing %d observations in batches of 512 from %d clients; data in %s%n",
        total, clients, dir);
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      List<WriteBatch> batches = List.of();
      double secs = 0, cpu = 0;
      for (int written = 0; written < total; written += chunk) {
        batches = generate(chunk, clients, written / chunk * (chunk / 8 + 1_000 * clients));
        long cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
        write(storage, batches, clients);
        secs += (System.nanoTime() - t0) / 1e9;
        cpu += (os.getProcessCpuTime() - cpu0) / 1e9;
      }
      System.out.printf(
          "write: %d observations in %.1f s = %.0f observations/s (%.0f per CPU-second), %d groups%n",
          total, secs, total / secs, total / cpu, storage.groupsCommitted());
      System.out.println("writer: " + storage.writerStats());
      measureReads(storage, batches);
    }
  }

  private static void write(DuckDbStorage storage, List<WriteBatch> batches, int clients)
      throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        done.add(
            pool.submit(
                () -> {
                  for (int i = client; i < batches.size(); i += clients)
                    storage.observationConsumer().accept(batches.get(i));
                }));
      }
      for (Future<?> f : done) f.get();
    }
  }

  private static void measureReads(DuckDbStorage storage, List<WriteBatch> batches) {
    Random r = new Random(7);
    List<String> ids =
        batches.stream().flatMap(b -> b.traces().stream()).map(Trace::id).distinct().toList();
    List<Observation> observations =
        batches.stream().flatMap(b -> b.observations().stream()).toList();
    long[] lat = new long[500];
    for (int i = 0; i < lat.length; i++) {
      String id = ids.get(r.nextInt(ids.size()));
      long q0 = System.nanoTime();
      if (storage.traceStore().getTrace("bench", id).isEmpty())
        throw new AssertionError("missing " + id);
      lat[i] = System.nanoTime() - q0;
    }
    print("getTrace", lat);
    for (int i = 0; i < 100; i++) {
      long q0 = System.nanoTime();
      String id = observations.get(r.nextInt(observations.size())).id();
      if (storage.traceStore().getObservation("bench", id).isEmpty())
        throw new AssertionError("missing " + id);
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
    System.out.printf(
        "%-28s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
        what,
        nanos[nanos.length / 2] / 1e6,
        nanos[(int) (nanos.length * 0.99)] / 1e6,
        nanos[nanos.length - 1] / 1e6);
  }

  /**
   * Batches of 512 observations from {@code clients} streams, like SDK exporters: each stream runs
   * 64 agent traces at once, so a trace's spans spread over consecutive batches; children end (and
   * are exported) before their root, which carries the trace's fields; every batch also carries a
   * shallow row for each trace it touches, as ingest writes them.
   */
  static List<WriteBatch> generate(int total, int clients, int firstTrace) {
    Random r = new Random(firstTrace);
    List<List<WriteBatch>> streams = new ArrayList<>();
    int perStream = total / clients;
    int nextTrace = firstTrace;
    for (int c = 0; c < clients; c++) {
      List<WriteBatch> stream = new ArrayList<>();
      int[] live = new int[64], emitted = new int[64];
      for (int i = 0; i < live.length; i++) live[i] = nextTrace++;
      List<Observation> batch = new ArrayList<>();
      for (int n = 0; n < perStream; n++) {
        int slot = r.nextInt(live.length);
        int trace = live[slot], k = emitted[slot]++;
        batch.add(span(r, trace, k == 7 ? 0 : k + 1));
        if (k == 7) {
          live[slot] = nextTrace++;
          emitted[slot] = 0;
        }
        if (batch.size() == 512 || n == perStream - 1) {
          stream.add(WriteBatch.of(traceRows(r, batch), batch));
          batch = new ArrayList<>();
        }
      }
      streams.add(stream);
    }
    List<WriteBatch> out = new ArrayList<>();
    for (int i = 0; out.size() < streams.stream().mapToInt(List::size).sum(); i++) {
      for (List<WriteBatch> s : streams) if (i < s.size()) out.add(s.get(i));
    }
    return out;
  }

  /** A shallow row per trace of the batch; the full row for traces whose root span is in it. */
  private static List<Trace> traceRows(Random r, List<Observation> batch) {
    List<Trace> out = new ArrayList<>();
    batch.stream()
        .map(Observation::traceId)
        .distinct()
        .forEach(id -> out.add(Trace.builder("bench", id, batch.getFirst().startTime()).build()));
    for (Observation o : batch) {
      if (o.parentObservationId() != null) continue;
      out.add(
          Trace.builder("bench", o.traceId(), o.startTime())
              .name("support-agent")
              .userId("user-" + r.nextInt(500))
              .sessionId("session-" + r.nextInt(5000))
              .tags(List.of("support"))
              .environment("production")
              .input(Json.quote(text(r, 120)))
              .output(Json.quote(text(r, 200)))
              .metadata("{\"channel\":\"web\"}")
              .build());
    }
    return out;
  }

  /** Span {@code k} of a trace: 0 the root agent span, 1-5 generations, 6-7 tool calls. */
  private static Observation span(Random r, int trace, int k) {
    Instant start = T0.plusMillis(trace * 37L);
    Instant s = start.plusMillis(k * 300L);
    Observation.Builder b =
        Observation.builder("bench", observationId(trace, k), traceId(trace), s)
            .endTime(s.plusMillis(250))
            .environment("production");
    if (k == 0)
      return b.type(ObservationType.AGENT)
          .name("support-agent.run")
          .endTime(s.plusMillis(2_600))
          .build();
    b.parentObservationId(observationId(trace, 0));
    if (k <= 5) generation(b, r);
    else
      b.type(ObservationType.TOOL)
          .name("lookup_order")
          .input("{\"id\":" + r.nextInt(99_999) + "}")
          .output("{\"status\":\"" + text(r, 80) + "\"}");
    return b.build();
  }

  private static void generation(Observation.Builder b, Random r) {
    long in = 400 + r.nextInt(800), out = 50 + r.nextInt(300);
    b.type(ObservationType.GENERATION)
        .name("chat gpt-4o-mini")
        .model("gpt-4o-mini")
        .modelParameters("{\"temperature\":0.2,\"max_tokens\":1024}")
        .input(
            "[{\"role\":\"system\",\"content\":"
                + Json.quote(text(r, 300))
                + "},{\"role\":\"user\",\"content\":"
                + Json.quote(text(r, 500))
                + "}]")
        .output("{\"role\":\"assistant\",\"content\":" + Json.quote(text(r, 600)) + "}")
        .usageDetails(Map.of("input", in, "output", out, "total", in + out))
        .costDetails(
            Map.of(
                "input",
                new BigDecimal("0.00000015").multiply(BigDecimal.valueOf(in)),
                "output",
                new BigDecimal("0.0000006").multiply(BigDecimal.valueOf(out)),
                "total",
                new BigDecimal("0.00000015")
                    .multiply(BigDecimal.valueOf(in))
                    .add(new BigDecimal("0.0000006").multiply(BigDecimal.valueOf(out)))))
        .costSource(CostSource.CALCULATED)
        .pricedModelId("gpt-4o-mini")
        .metadata("{\"provider\":\"openai\"}")
        .mappingNotes(Map.of("type", "gen_ai.operation.name=chat"));
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
