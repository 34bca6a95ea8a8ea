package dev.loupe.server.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Loupe server in a child JVM ({@code dev.loupe.server.Main} from the test classpath, with
 * the JVM flags {@code ./loupe server} uses, asked of the launcher with the given heap bound as
 * {@code LOUPE_HEAP}), on DuckDB in a given directory, with one project whose keys are known. Its
 * own process, so its memory can be measured honestly: {@link #maxRssKiB()} is the kernel's
 * high-water mark of its resident set.
 */
public final class ServerProcess implements AutoCloseable {
  public static final String PROJECT = "proj-child";
  public static final String PUBLIC_KEY = "pk-lf-child";
  public static final String SECRET_KEY = "sk-lf-child";
  public static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString((PUBLIC_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.US_ASCII));

  private static final Pattern STARTED = Pattern.compile("started in \\d+ ms: http://[^:]+:(\\d+)");

  private final Process process;
  private final Path log;
  private final int port;

  private ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts a server and waits until it listens.
   *
   * @param heap the {@code -Xmx} value, e.g. {@code 256m}
   * @param env extra {@code LOUPE_*} variables (port, bind, data dir and project are set here)
   */
  public static ServerProcess start(Path dataDir, String heap, Map<String, String> env)
      throws IOException, InterruptedException {
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(launcherFlags(heap));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add("dev.loupe.server.Main");
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> e = new HashMap<>();
    e.put("LOUPE_PORT", "0");
    e.put("LOUPE_OTLP_HTTP_PORT", "-1");
    e.put("LOUPE_BIND", "127.0.0.1");
    e.put("LOUPE_DATA_DIR", dataDir.toString());
    e.put("LOUPE_INIT_PROJECT_ID", PROJECT);
    e.put("LOUPE_INIT_PROJECT_PUBLIC_KEY", PUBLIC_KEY);
    e.put("LOUPE_INIT_PROJECT_SECRET_KEY", SECRET_KEY);
    e.putAll(env);
    pb.environment().keySet().removeIf(k -> k.startsWith("LOUPE_"));
    pb.environment().putAll(e);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process process = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) return new ServerProcess(process, log, Integer.parseInt(m.group(1)));
      if (!process.isAlive()) break;
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server did not start:\n" + Files.readString(log));
  }

  /**
   * {@code ./loupe server-flags} with {@code LOUPE_HEAP=heap}: what {@code ./loupe server} runs.
   */
  static List<String> launcherFlags(String heap) throws IOException, InterruptedException {
    Path launcher = Path.of(System.getProperty("loupe.repo.root", ".."), "loupe");
    ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "server-flags");
    pb.environment().remove("LOUPE_JAVA_OPTS");
    pb.environment().put("LOUPE_HEAP", heap);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0 || !out.contains("-Xmx" + heap))
      throw new IllegalStateException(launcher + " server-flags failed: " + out);
    return List.of(out.split("\\s+"));
  }

  /** A protobuf OTLP/HTTP export of {@code body} to the child's main port, as its project. */
  public static HttpRequest otlpExport(int port, byte[] body, java.time.Duration timeout) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/public/otel/v1/traces"))
        .header("Authorization", BASIC)
        .header("Content-Type", "application/x-protobuf")
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /**
   * Every trace of the child's project by id, as the API lists them (with their observations' ids),
   * from the list's pages of 100 (the API's most).
   *
   * @throws IOException when a page cannot be read, naming the page and the answer
   */
  public static Map<String, JsonNode> allTraces(HttpClient client, int port)
      throws IOException, InterruptedException {
    Map<String, JsonNode> listed = new HashMap<>();
    for (int page = 1; ; page++) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + port + "/api/public/traces?limit=100&page=" + page))
                  .header("Authorization", BASIC)
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200)
        throw new IOException("traces list page " + page + ": " + r.statusCode() + " " + r.body());
      JsonNode data = Json.parse(r.body()).path("data");
      if (data.isEmpty()) return listed;
      for (JsonNode t : data) listed.put(t.path("id").asText(), t);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Peak resident set size so far ({@code VmHWM} in {@code /proc/<pid>/status}), in KiB. */
  public long maxRssKiB() {
    return statusKiB("VmHWM");
  }

  /** Current resident set size ({@code VmRSS}), in KiB. */
  public long rssKiB() {
    return statusKiB("VmRSS");
  }

  private long statusKiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the server's /proc status", e);
    }
    throw new IllegalStateException(field + " not found in /proc/" + pid() + "/status");
  }

  /** Everything the server wrote so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kills it as a crash would: {@code SIGKILL} ({@code kill -9}), no shutdown hook, nothing
   * flushed; returns once it is gone.
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(20, TimeUnit.SECONDS))
      throw new IllegalStateException("the server did not die of SIGKILL within 20 s");
  }

  /** Stops it as an operator would (SIGTERM: the shutdown hook closes storage). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
