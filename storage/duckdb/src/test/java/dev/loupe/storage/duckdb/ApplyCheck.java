package dev.loupe.storage.duckdb;

import com.sun.management.OperatingSystemMXBean;
import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.WriteBatch;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A by-hand check of the store behind an ingest log, not a test: ONE caller (like the log's
 * applier) writes apply batches of a given number of spans, and the writer thread's CPU time per
 * span is reported by stage ({@link WriterStats}). Workloads: {@code whole} is what {@code ./loupe
 * bench} sends (every request holds whole agent traces, a root span, 5 generations of ~1.5 KB and 2
 * tools, and ingest gives one trace row per span, as the OTLP mapping does for spans that carry
 * trace attributes); {@code spread} is {@link ThroughputCheck}'s (a trace's spans spread over
 * consecutive requests, so rows are updated); {@code update} sends {@code whole}'s observations
 * twice, as the Langfuse batch API's create and update events do: started (no end, output, usage or
 * cost), then complete 16 requests (8,192 spans) later, so with apply batches below that every
 * update reads its stored row back.
 *
 * <pre>
 * java -Xmx6g -cp ... dev.loupe.storage.duckdb.ApplyCheck [spans=400000] [applySpans=5000,20000,50000]
 *     [workload=whole|spread|update] [warmup=100000]
 * </pre>
 */
public final class ApplyCheck {
  private static final String FILLER =
      "Customer asks about the delivery status of a recent order and wants an ETA; policy allows a"
          + " refund after 14 days; the knowledge base says carriers update tracking within 24 hours"
          + " of shipping. ";
  private static final String METADATA =
      "{\"resourceAttributes\":{\"service.name\":\"support-agent\",\"telemetry.sdk.language\":"
          + "\"nodejs\"},\"scope\":{\"name\":\"langfuse-sdk\",\"version\":\"5.11.1\"}}";
  private static final String[] MODELS = {
    "gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5", "gemini-2.5-pro"
  };

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new java.util.HashMap<>();
    for (String a : args) opt.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    int spans = Integer.parseInt(opt.getOrDefault("spans", "400000"));
    int warmup = Integer.parseInt(opt.getOrDefault("warmup", "100000"));
    String workload = opt.getOrDefault("workload", "whole");
    List<Integer> sizes =
        java.util.Arrays.stream(opt.getOrDefault("applySpans", "5000,20000,50000").split(","))
            .map(Integer::parseInt)
            .toList();
    List<WriteBatch> requests = requests(workload, warmup + spans);
    System.out.printf(
        "apply check: %s workload, %,d spans (+%,d warm-up) in %,d requests; load average %s%n",
        workload, spans, warmup, requests.size(), loadAverage());
    for (int size : sizes) run(requests, warmup, size);
    System.out.printf("load average at end %s%n", loadAverage());
  }

  private static void run(List<WriteBatch> requests, int warmupSpans, int applySpans)
      throws Exception {
    Path dir = Files.createTempDirectory("loupe-apply");
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<WriteBatch> applies = applyBatches(requests, applySpans);
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      var consumer = storage.observationConsumer();
      int i = 0, done = 0;
      for (; i < applies.size() && done < warmupSpans; i++) {
        consumer.accept(applies.get(i));
        done += applies.get(i).observations().size();
      }
      WriterStats stats = storage.writerStats();
      long[] cpu0 = stageCpu(stats);
      long rows0 = stats.rows.sum(), groups0 = stats.groups.sum();
      long proc0 = os.getProcessCpuTime(), t0 = System.nanoTime();
      long measured = 0;
      for (; i < applies.size(); i++) {
        consumer.accept(applies.get(i));
        measured += applies.get(i).observations().size();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      double proc = (os.getProcessCpuTime() - proc0) / 1e9;
      long[] cpu1 = stageCpu(stats);
      long writerNanos = 0;
      StringBuilder stages = new StringBuilder();
      for (WriterStats.Stage s : WriterStats.Stage.values()) {
        long n = cpu1[s.ordinal()] - cpu0[s.ordinal()];
        writerNanos += n;
        stages.append(
            " %s %.2f".formatted(s.name().toLowerCase(java.util.Locale.ROOT), n / 1e3 / measured));
      }
      System.out.printf(
          "apply %,6d spans: %,8.0f spans/s wall, writer CPU %.2f us/span (%,.0f spans per writer"
              + " CPU-second), process CPU %.2f us/span; %d groups, %,d rows%n  us/span:%s%n",
          applySpans,
          measured / secs,
          writerNanos / 1e3 / measured,
          measured / (writerNanos / 1e9),
          proc * 1e6 / measured,
          stats.groups.sum() - groups0,
          stats.rows.sum() - rows0,
          stages);
    }
  }

  private static long[] stageCpu(WriterStats stats) {
    long[] out = new long[WriterStats.Stage.values().length];
    for (WriterStats.Stage s : WriterStats.Stage.values()) out[s.ordinal()] = stats.cpuNanos(s);
    return out;
  }

  /** Consecutive requests concatenated into batches of at least {@code spans} observations. */
  static List<WriteBatch> applyBatches(List<WriteBatch> requests, int spans) {
    List<WriteBatch> out = new ArrayList<>();
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    for (WriteBatch r : requests) {
      traces.addAll(r.traces());
      observations.addAll(r.observations());
      if (observations.size() >= spans) {
        out.add(WriteBatch.of(traces, observations));
        traces = new ArrayList<>();
        observations = new ArrayList<>();
      }
    }
    if (!observations.isEmpty()) out.add(WriteBatch.of(traces, observations));
    return out;
  }

  static List<WriteBatch> requests(String workload, int spans) {
    return switch (workload) {
      case "whole" -> whole(spans);
      case "spread" -> ThroughputCheck.generate(spans, 4, 0);
      case "update" -> updates(whole(spans / 2), 16);
      default -> throw new IllegalArgumentException("workload: whole, spread or update");
    };
  }

  /** Each request's observations started, then completed {@code later} requests after. */
  private static List<WriteBatch> updates(List<WriteBatch> requests, int later) {
    List<WriteBatch> out = new ArrayList<>();
    for (int i = 0; i < requests.size() + later; i++) {
      List<Trace> traces = new ArrayList<>();
      List<Observation> observations = new ArrayList<>();
      if (i < requests.size()) {
        traces.addAll(requests.get(i).traces());
        for (Observation o : requests.get(i).observations()) {
          observations.add(
              o.toBuilder()
                  .endTime(null)
                  .output(null)
                  .usageDetails(Map.of())
                  .costDetails(Map.of())
                  .build());
        }
      }
      if (i >= later) observations.addAll(requests.get(i - later).observations());
      out.add(WriteBatch.of(traces, observations));
    }
    return out;
  }

  /** Requests of 64 whole traces (512 spans), shaped like the OTLP mapping of the bench's spans. */
  private static List<WriteBatch> whole(int spans) {
    SplittableRandom r = new SplittableRandom(42);
    List<WriteBatch> out = new ArrayList<>();
    Instant now = Instant.parse("2026-12-04T12:00:00Z");
    for (int trace = 0; trace < spans / 8; ) {
      List<Trace> traces = new ArrayList<>();
      List<Observation> observations = new ArrayList<>();
      for (int t = 0; t < 64; t++, trace++) agentTrace(r, trace, now, traces, observations);
      out.add(WriteBatch.of(traces, observations));
      now = now.plusMillis(10);
    }
    return out;
  }

  private static void agentTrace(
      SplittableRandom r, int n, Instant now, List<Trace> traces, List<Observation> out) {
    String traceId =
        HexFormat.of().toHexDigits((long) n) + HexFormat.of().toHexDigits(r.nextLong());
    String root = HexFormat.of().toHexDigits(r.nextLong());
    String user = "user-" + r.nextInt(5_000);
    Instant t = now.minusSeconds(5);
    for (int k = 0; k < 8; k++) {
      Observation.Builder o =
          Observation.builder(
                  "bench", k == 7 ? root : HexFormat.of().toHexDigits(r.nextLong()), traceId, t)
              .endTime(t.plusMillis(12))
              .version("1.0.0")
              .metadata(METADATA);
      if (k < 2) {
        o.parentObservationId(root)
            .type(ObservationType.TOOL)
            .name("lookup-order")
            .input("{\"orderId\":\"A-" + r.nextInt(99_999) + "\"}")
            .output("{\"status\":\"shipped\",\"carrier\":\"UPS\"}")
            .mappingNotes(notes("langfuse.observation.input / output"));
      } else if (k < 7) {
        long in = 200 + r.nextInt(2_000), outTokens = 20 + r.nextInt(400);
        BigDecimal ci = new BigDecimal("0.0000025").multiply(BigDecimal.valueOf(in));
        BigDecimal co = new BigDecimal("0.00001").multiply(BigDecimal.valueOf(outTokens));
        o.parentObservationId(root)
            .type(ObservationType.GENERATION)
            .name("draft-reply-" + (k - 2))
            .endTime(t.plusMillis(300 + r.nextInt(900)))
            .model(MODELS[r.nextInt(MODELS.length)])
            .modelParameters("{\"temperature\":0.2,\"max_tokens\":512}")
            .input(
                "[{\"role\":\"system\",\"content\":\"You are a concise, friendly support agent.\"},"
                    + "{\"role\":\"user\",\"content\":\""
                    + FILLER.repeat(4)
                    + "\"}]")
            .output(FILLER.repeat(2))
            .usageDetails(Map.of("input", in, "output", outTokens, "total", in + outTokens))
            .costDetails(Map.of("input", ci, "output", co, "total", ci.add(co)))
            .costSource(CostSource.CALCULATED)
            .pricedModelId(MODELS[0])
            .mappingNotes(notes("langfuse.observation.input / output"));
      } else {
        o.type(ObservationType.SPAN)
            .name("handle-request")
            .endTime(t.plusMillis(4_400))
            .mappingNotes(notes("none"));
      }
      Observation obs = o.build();
      out.add(obs);
      Trace.Builder tr =
          Trace.builder("bench", traceId, t)
              .name("handle-request")
              .userId(user)
              .sessionId("session-" + user)
              .tags(List.of("bench", "agent"))
              .metadata("{\"tenant\":\"acme\"}")
              .version("1.0.0");
      if (k == 7)
        tr.input("{\"ticketId\":\"T-1001\",\"question\":\"Where is my order?\"}")
            .output("\"Your order shipped yesterday.\"");
      traces.add(tr.build());
      t = t.plusMillis(15);
    }
  }

  private static Map<String, String> notes(String io) {
    return Map.of(
        "input",
        io,
        "output",
        io,
        "type",
        "langfuse.observation.type",
        "name",
        "span name",
        "level",
        "default");
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "n/a";
    }
  }
}
