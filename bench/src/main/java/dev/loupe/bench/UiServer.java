package dev.loupe.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The real server as a child JVM on an existing data dir, so its RSS is its own: by default the
 * server's {@code Main} on this JVM's class path (the bench jar holds the server), or {@code java
 * -jar} on a given server jar. Project {@code bench} with the keys of {@link ServerProcess}.
 */
final class UiServer implements AutoCloseable {
  private final Process process;
  final String baseUrl;
  final Path log;
  final long startMillis;

  private UiServer(Process process, String baseUrl, Path log, long startMillis) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.log = log;
    this.startMillis = startMillis;
  }

  static UiServer start(Path dataDir, @Nullable Path jar, int port, String javaOpts)
      throws Exception {
    if (port == 0) port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String opt : javaOpts.trim().split("\\s+")) if (!opt.isBlank()) cmd.add(opt);
    if (jar != null) {
      cmd.add("-jar");
      cmd.add(jar.toString());
    } else {
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("dev.loupe.server.Main");
    }
    Path log = Files.createTempFile("loupe-bench-ui-server", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("LOUPE_PORT", Integer.toString(port));
    pb.environment().put("LOUPE_BIND", "127.0.0.1");
    pb.environment().put("LOUPE_OTLP_HTTP_PORT", "-1");
    pb.environment().put("LOUPE_STORAGE", "duckdb");
    pb.environment().put("LOUPE_DATA_DIR", dataDir.toAbsolutePath().toString());
    pb.environment().put("LOUPE_INIT_PROJECT_ID", AnalyticsDataset.PROJECT_ID);
    pb.environment().put("LOUPE_INIT_PROJECT_PUBLIC_KEY", ServerProcess.PUBLIC_KEY);
    pb.environment().put("LOUPE_INIT_PROJECT_SECRET_KEY", ServerProcess.SECRET_KEY);
    long t0 = System.nanoTime();
    Process p = pb.start();
    String url = "http://127.0.0.1:" + port;
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = t0 + Duration.ofSeconds(120).toNanos(); // a big database opens slowly
    while (System.nanoTime() < deadline) {
      try {
        var r =
            client.send(
                HttpRequest.newBuilder(URI.create(url + "/api/public/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return new UiServer(p, url, log, (System.nanoTime() - t0) / 1_000_000);
        }
      } catch (IOException notYet) {
        // still starting
      }
      if (!p.isAlive()) throw new IllegalStateException("server exited; see " + log);
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IllegalStateException("server did not become healthy in 120 s; see " + log);
  }

  long pid() {
    return process.pid();
  }

  /** Resident set size of the server process in MiB, from /proc (-1 when unknown). */
  long rssMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
