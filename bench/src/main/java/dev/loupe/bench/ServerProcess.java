package dev.loupe.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real Loupe server started as a child process on a fresh data dir, with known keys. */
final class ServerProcess implements IngestTarget {
  static final String PUBLIC_KEY = "pk-lf-bench";
  static final String SECRET_KEY = "sk-lf-bench";

  private final Process process;
  final String baseUrl;

  private ServerProcess(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /**
   * The server's JVM flags when none are given: what {@code ./loupe server} uses (the launcher
   * passes them as {@code LOUPE_SERVER_FLAGS}), else the collector alone.
   */
  static String defaultFlags() {
    String flags = System.getenv("LOUPE_SERVER_FLAGS");
    return flags != null && !flags.isBlank() ? flags : "-XX:+UseSerialGC";
  }

  static ServerProcess start(Path jar, Path dataDir, int port, String javaOpts) throws Exception {
    // A server left running by an earlier, interrupted bench would answer in place of this one.
    boolean taken;
    try (var probe = new java.net.Socket("127.0.0.1", port)) {
      taken = probe.isConnected();
    } catch (java.io.IOException free) {
      taken = false; // nothing listens: ours will
    }
    if (taken) {
      throw new IllegalStateException(
          "port " + port + " is in use (a server left by an earlier run?): stop it or pass --port");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var cmd = new java.util.ArrayList<String>();
    cmd.add(java);
    for (String opt : javaOpts.trim().split("\\s+")) if (!opt.isBlank()) cmd.add(opt);
    cmd.add("-jar");
    cmd.add(jar.toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolveSibling("server.log").toFile());
    pb.environment().put("LOUPE_PORT", Integer.toString(port));
    pb.environment().put("LOUPE_OTLP_HTTP_PORT", "-1");
    pb.environment().put("LOUPE_DATA_DIR", dataDir.toString());
    pb.environment().put("LOUPE_INIT_PROJECT_ID", "bench");
    pb.environment().put("LOUPE_INIT_PROJECT_PUBLIC_KEY", PUBLIC_KEY);
    pb.environment().put("LOUPE_INIT_PROJECT_SECRET_KEY", SECRET_KEY);
    long t0 = System.nanoTime();
    Process p = pb.start();
    String url = "http://127.0.0.1:" + port;
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 300; i++) {
      try {
        var r =
            client.send(
                HttpRequest.newBuilder(URI.create(url + "/api/public/health")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          System.out.printf(
              "server up in %d ms (pid %d)%n", (System.nanoTime() - t0) / 1_000_000, p.pid());
          return new ServerProcess(p, url);
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (!p.isAlive())
        throw new IllegalStateException(
            "server exited; see " + dataDir.resolveSibling("server.log"));
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IllegalStateException("server did not become healthy in 30 s");
  }

  @Override
  public List<String> urls() {
    return List.of(baseUrl);
  }

  @Override
  public String publicKey() {
    return PUBLIC_KEY;
  }

  @Override
  public String secretKey() {
    return SECRET_KEY;
  }

  @Override
  public double cpuSeconds() {
    return Procs.cpuSeconds(process.pid());
  }

  @Override
  public double jitCpuSeconds() {
    return Procs.jitCpuSeconds(process.pid());
  }

  @Override
  public double gcPauseSeconds() {
    return Procs.gcPauseSeconds(baseUrl);
  }

  @Override
  public String rss() {
    return rssMiB() + " MiB";
  }

  /** The server's CPU by what its threads do: where the time goes, and who sets the pace. */
  @Override
  public Map<String, Double> cpuByPart() {
    Map<String, Double> byPart = Procs.threadCpuSeconds(process.pid(), ServerProcess::part);
    Map<String, Double> out = new LinkedHashMap<>();
    for (String part : PARTS) out.put(part, byPart.getOrDefault(part, 0.0));
    return out;
  }

  private static final List<String> PARTS =
      List.of("requests", "ingest log", "applier", "writer", "loader", "GC", "JIT", "other");

  /** Which part a server thread belongs to, by its name (the first 15 characters). */
  static String part(String thread) {
    if (thread.startsWith("ForkJoinPool") || thread.startsWith("HTTP-Dispatcher")) {
      return "requests"; // the virtual threads' carriers: decode, normalize, admit, log, answer
    }
    if (thread.startsWith("loupe-ingest")) return "ingest log";
    if (thread.startsWith("loupe-appl")) return "applier";
    if (thread.startsWith("loupe-duckdb-wr")) return "writer";
    if (thread.startsWith("loupe-duckdb-lo")) return "loader";
    if (thread.equals("VM Thread") || thread.startsWith("GC ")) return "GC";
    if (thread.contains("CompilerThre")) return "JIT";
    return "other";
  }

  /** Resident set size of the server process in MiB, from /proc. */
  long rssMiB() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
