package dev.loupe.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Ingest benchmark: a real server (child process, fresh DuckDB dir) under OTLP/HTTP protobuf load
 * from concurrent clients, then the in-process limit on the same payloads, and their ratio — all in
 * one run.
 *
 * <pre>
 * ./loupe bench [--seconds 30] [--clients 4] [--batch 512] [--jar server/target/loupe-server.jar]
 *               [--server-java-opts "-Xmx2g"] [--skip-inprocess] [--rate 20000] [--warmup 20]
 *               [--cluster N [--node-heap 1g] [--engine-classpath CP]]
 * </pre>
 *
 * <p>{@code --cluster N} loads the scale-out mode instead ({@link ClusterTarget}: Kafka, the
 * ClickHouse engine and N nodes of the same jar, each with every role; clients spread over the
 * nodes, each node's heap {@code --node-heap}); the in-process limit is then skipped (it is the
 * embedded store's).
 *
 * <p>{@code ./loupe bench analytics [options]} runs the analytics benchmark instead ({@link
 * AnalyticsBench}); {@code ./loupe bench ui [options]} the web UI benchmark in headless Chromium
 * ({@link UiBench}); {@code ./loupe bench stages} the CPU cost per span of each ingest step ({@link
 * StageCosts}); {@code ./loupe bench jmh [JMH options]} the JMH benchmarks: SDK overhead ({@link
 * dev.loupe.bench.jmh.GenerationOverheadBench}) and protobuf decoding ({@link
 * dev.loupe.bench.jmh.ProtobufDecodeBench}).
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("analytics")) {
      AnalyticsBench.run(parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("ui")) {
      UiBench.run(parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("stages")) {
      StageCosts.run(parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("jmh")) {
      dev.loupe.bench.jmh.JmhMain.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Map<String, String> opt = parse(args);
    int seconds = Integer.parseInt(opt.getOrDefault("seconds", "30"));
    int clients = Integer.parseInt(opt.getOrDefault("clients", "4"));
    int batch = Integer.parseInt(opt.getOrDefault("batch", "512"));
    Path jar = Path.of(opt.getOrDefault("jar", "server/target/loupe-server.jar"));
    String serverOpts = opt.getOrDefault("server-java-opts", ServerProcess.defaultFlags());
    int port = Integer.parseInt(opt.getOrDefault("port", "3917"));
    double rate = Double.parseDouble(opt.getOrDefault("rate", "0"));
    // The server's JIT compiles ~7,500 methods under this load, and on 2 busy cores its compiler
    // threads still take a fifth of the CPU 30 s in: a server runs for days, so the clock starts
    // once they have settled (Warmup), after at least --warmup seconds.
    int warmup = Integer.parseInt(opt.getOrDefault("warmup", "20"));
    int nodes = Integer.parseInt(opt.getOrDefault("cluster", "0"));
    if (nodes > 0) serverOpts = nodeFlags(opt, serverOpts);
    Path work = Dirs.temporary("loupe-bench");
    System.out.printf(
        "loupe ingest bench: %s, %d clients, batches of %d spans (%d per trace), %d s, %d cores,"
            + " %s; 1-min load average %s%n",
        nodes > 0
            ? "scale-out mode, %d node%s (Kafka + ClickHouse engine)"
                .formatted(nodes, nodes == 1 ? "" : "s")
            : "embedded mode (one process, DuckDB)",
        clients,
        batch,
        AgentTraceGenerator.SPANS_PER_TRACE,
        seconds,
        Runtime.getRuntime().availableProcessors(),
        rate > 0 ? "paced at %,.0f spans/s".formatted(rate) : "flat out",
        Footprint.loadAverage());
    System.out.printf(
        "payload: %d bytes per %d-span request (protobuf)%n",
        new AgentTraceGenerator(1).request(batch, 0, new java.util.ArrayList<>()).length, batch);

    HttpLoad.Result http;
    AppliedProbe.Result applied;
    String idleRss, loadedRss;
    double cpuSeconds, gcSeconds, clientCpuSeconds, jitSeconds;
    Warmup.Result warmedUp;
    Map<String, Double> cpuParts = new java.util.LinkedHashMap<>();
    try (IngestTarget server =
        nodes > 0
            ? ClusterTarget.start(
                work.resolve("cluster"), nodes, jar, serverOpts, opt.get("engine-classpath"))
            : ServerProcess.start(jar, work.resolve("data"), port, serverOpts)) {
      idleRss = server.rss();
      HttpLoad load = new HttpLoad(server.urls(), server.publicKey(), server.secretKey());
      AppliedProbe probe =
          new AppliedProbe(server.urls().getFirst(), server.publicKey(), server.secretKey());
      warmedUp = Warmup.run(server, load, clients, batch, Duration.ofSeconds(warmup), rate);
      probe.awaitVisible(load.acknowledged()); // the warm-up applied before the clock starts
      double jit0 = server.jitCpuSeconds();
      HttpLoad.Result[] measured = new HttpLoad.Result[1];
      double cpu0 = server.cpuSeconds(), gc0 = server.gcPauseSeconds(), client0 = ownCpuSeconds();
      Map<String, Double> parts0 = server.cpuByPart();
      applied =
          probe.measure(
              load::acknowledged,
              () -> measured[0] = load.run(clients, batch, Duration.ofSeconds(seconds), 7, rate));
      cpuSeconds = server.cpuSeconds() - cpu0; // until every acknowledged span was applied
      clientCpuSeconds = ownCpuSeconds() - client0;
      gcSeconds = server.gcPauseSeconds() - gc0;
      jitSeconds = server.jitCpuSeconds() - jit0;
      server.cpuByPart().forEach((part, cpu) -> cpuParts.put(part, cpu - parts0.get(part)));
      http = measured[0];
      loadedRss = server.rss();
    }
    System.out.printf("warm-up   : %s%n", warmedUp);
    System.out.printf(
        "HTTP      : %,.0f spans/s acknowledged (%,d spans in %.1f s, %d failed requests%s; %d"
            + " refusals with Retry-After, each client waited %.1f s in all before resending)%n",
        http.spansPerSecond(),
        http.spans(),
        http.seconds(),
        http.failures(),
        http.failureReasons().isEmpty() ? "" : " " + http.failureReasons(),
        http.refusals(),
        http.backoffSeconds());
    System.out.printf(
        "applied   : %,.0f spans/s (all %,d acknowledged spans visible %.1f s after the load"
            + " started, %.2f s after its end; backlog at most %,d spans in %d counts during"
            + " the load, count p99 %.0f ms)%n",
        applied.spansPerSecond(),
        applied.spans(),
        applied.appliedSeconds(),
        applied.drainSeconds(),
        applied.maxBacklog(),
        applied.samples(),
        applied.countLatency().percentileMillis(99));
    System.out.printf(
        "ack       : p50 %.1f ms, p99 %.1f ms per %d-span request%n",
        http.ackLatency().percentileMillis(50), http.ackLatency().percentileMillis(99), batch);
    System.out.printf(
        "visible   : p50 %.1f ms, p99 %.1f ms ingest -> visible in GET /traces/{id} (%d samples)%n",
        http.visibleLatency().percentileMillis(50),
        http.visibleLatency().percentileMillis(99),
        http.visibleLatency().count());
    System.out.printf(
        "server CPU: %.1f core-seconds from the load's start until all was applied = %.1f µs per"
            + " span, %.2f cores on average; GC pauses %.1f s (%.0f%% of the time); JIT compiler"
            + " threads %.1f core-seconds%n",
        cpuSeconds,
        cpuSeconds * 1e6 / Math.max(1, applied.spans()),
        cpuSeconds / applied.appliedSeconds(),
        gcSeconds,
        100 * gcSeconds / applied.appliedSeconds(),
        jitSeconds);
    if (!cpuParts.isEmpty()) {
      StringBuilder parts = new StringBuilder();
      cpuParts.forEach(
          (part, cpu) ->
              parts.append(
                  String.format(
                      "%s%s %.1f s = %.1f µs per span",
                      parts.isEmpty() ? "" : ", ",
                      part,
                      cpu,
                      cpu * 1e6 / Math.max(1, applied.spans()))));
      System.out.printf("  of which: %s%n", parts);
    }
    System.out.printf(
        "load gen  : %.1f core-seconds of this process (generating and sending the requests,"
            + " probes"
            + (nodes > 0 ? ", and the Kafka broker, which runs in it" : "")
            + ") = %.1f µs per span, %.2f cores on average, on the same cores as the server%n",
        clientCpuSeconds,
        clientCpuSeconds * 1e6 / Math.max(1, applied.spans()),
        clientCpuSeconds / applied.appliedSeconds());
    System.out.printf("server RSS: %s idle after start, %s after load%n", idleRss, loadedRss);
    System.out.printf("machine   : 1-min load average %s at the end%n", Footprint.loadAverage());
    if (nodes == 0 && !opt.containsKey("skip-inprocess")) {
      InProcessLimit.Result limit =
          InProcessLimit.run(
              work.resolve("inprocess"), clients, batch, Duration.ofSeconds(seconds), 7);
      System.out.printf(
          "in-process: %,.0f spans/s (decode + normalize + durable DuckDB append, no HTTP)%n",
          limit.spansPerSecond());
      System.out.printf(
          "ratio     : HTTP / in-process = %.2f%n", http.spansPerSecond() / limit.spansPerSecond());
    }
  }

  /**
   * A node's flags: the server's, with the heap bound {@code --node-heap} (default 1g; N nodes of
   * the 4 GiB a single server gets would not fit beside the engines) and its young generation at
   * half of it.
   */
  private static String nodeFlags(Map<String, String> opt, String serverOpts) {
    String heap = opt.getOrDefault("node-heap", "1g");
    if (!heap.matches("\\d+[mg]"))
      throw new IllegalArgumentException("--node-heap: like 512m or 1g, got '" + heap + "'");
    long mib =
        Long.parseLong(heap.substring(0, heap.length() - 1)) * (heap.endsWith("g") ? 1024 : 1);
    return serverOpts.replaceAll("-Xmx\\S+|-Xmn\\S+", "").trim()
        + " -Xmx"
        + mib
        + "m -Xmn"
        + mib / 2
        + "m";
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--"))
        throw new IllegalArgumentException("unexpected argument: " + args[i]);
      String key = args[i].substring(2);
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      m.put(key, flag ? "true" : args[++i]);
    }
    return m;
  }

  /** CPU time of this process (the load generator), every thread. */
  private static double ownCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }
}
