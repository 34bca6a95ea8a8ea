package dev.loupe.cluster;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The scale-out mode on one machine: a Kafka broker (in this JVM), a ClickHouse engine and N Loupe
 * nodes (processes of their own) sharing both, every node with every role, the same session secret
 * and judge-key seal, and one project whose keys are known ({@link ClusterSecrets}). Node 0 starts
 * first (it applies the schema and creates the project), the others then together. Closing stops
 * the nodes, then the engine, then the broker.
 *
 * <pre>{@code
 * try (LocalCluster c = LocalCluster.start(settings)) {
 *   c.node(0).url(); // http://127.0.0.1:<port>
 *   c.node(0).kill(); // kill -9
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
  private final Settings settings;
  private final ClusterSecrets secrets;
  private final LocalKafka kafka;
  private final ClickHouseProcess clickHouse;
  private final List<LoupeNode> nodes;

  private LocalCluster(
      Settings settings,
      ClusterSecrets secrets,
      LocalKafka kafka,
      ClickHouseProcess clickHouse,
      List<LoupeNode> nodes) {
    this.settings = settings;
    this.secrets = secrets;
    this.kafka = kafka;
    this.clickHouse = clickHouse;
    this.nodes = nodes;
  }

  /**
   * What to start.
   *
   * @param dir where the broker, the engine and the nodes keep their data and logs
   * @param nodes how many Loupe nodes (at least 1)
   * @param firstPort node i listens on {@code firstPort + i}; 0 for free ports
   * @param nodeCommand the command that runs one node (e.g. {@code java <flags> -jar
   *     loupe-server.jar}); its settings come as {@code LOUPE_*} variables
   * @param engineClasspath a class path holding the ClickHouse engine ({@code LocalClickHouse})
   * @param nodeEnv variables added to (or replacing) each node's {@code LOUPE_*} settings
   */
  public record Settings(
      Path dir,
      int nodes,
      int firstPort,
      List<String> nodeCommand,
      String engineClasspath,
      Map<String, String> nodeEnv) {
    public Settings {
      requireNonNull(dir, "dir");
      if (nodes < 1) throw new IllegalArgumentException("nodes must be >= 1: " + nodes);
      if (firstPort < 0 || firstPort + nodes - 1 > 65535)
        throw new IllegalArgumentException("ports " + firstPort + ".. are not 0 or 1-65535");
      nodeCommand = List.copyOf(nodeCommand);
      if (nodeCommand.isEmpty()) throw new IllegalArgumentException("nodeCommand is empty");
      requireNonNull(engineClasspath, "engineClasspath");
      nodeEnv = Map.copyOf(nodeEnv);
    }
  }

  /**
   * True when {@code classpath} holds the ClickHouse engine (module {@code testing/clickhouse},
   * built with JDK 22+ only).
   */
  public static boolean engineOn(String classpath) {
    return ClickHouseProcess.onClasspath(classpath);
  }

  /** Starts everything and returns once every node answers health with 200. */
  public static LocalCluster start(Settings settings) {
    ClusterSecrets secrets = ClusterSecrets.load(settings.dir());
    LocalKafka kafka = LocalKafka.start(settings.dir().resolve("kafka"));
    ClickHouseProcess clickHouse = null;
    List<LoupeNode> nodes = Collections.synchronizedList(new ArrayList<>());
    try {
      clickHouse =
          ClickHouseProcess.start(
              settings.dir().resolve("clickhouse"),
              0,
              settings.engineClasspath(),
              settings.dir().resolve("logs").resolve("clickhouse.log"));
      LocalCluster cluster = new LocalCluster(settings, secrets, kafka, clickHouse, nodes);
      for (int i = 0; i < settings.nodes(); i++) nodes.add(null);
      cluster.startNode(0);
      List<CompletableFuture<Void>> rest = new ArrayList<>();
      for (int i = 1; i < settings.nodes(); i++) {
        int n = i;
        rest.add(CompletableFuture.runAsync(() -> cluster.startNode(n)));
      }
      CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).join();
      return cluster;
    } catch (RuntimeException e) {
      for (LoupeNode n : nodes) if (n != null) n.close();
      if (clickHouse != null) clickHouse.close();
      kafka.close();
      throw e;
    }
  }

  /**
   * Starts node {@code i} (again, after {@link LoupeNode#kill}) on its port and data directory, and
   * waits until it is healthy.
   */
  public LoupeNode startNode(int i) {
    LoupeNode old = nodes.get(i);
    if (old != null && old.isAlive()) throw new IllegalStateException(old.name() + " is running");
    int port = old != null ? old.port() : port(i);
    String name = "node " + (char) ('A' + i);
    Path log = settings.dir().resolve("logs").resolve("node-" + (char) ('a' + i) + ".log");
    LoupeNode node = LoupeNode.start(name, port, settings.nodeCommand(), env(i, port), log);
    nodes.set(i, node);
    node.awaitHealthy();
    return node;
  }

  private int port(int i) {
    return settings.firstPort() == 0 ? freePort() : settings.firstPort() + i;
  }

  private Map<String, String> env(int i, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("LOUPE_PORT", Integer.toString(port));
    env.put("LOUPE_BIND", "127.0.0.1");
    env.put("LOUPE_OTLP_HTTP_PORT", "-1");
    env.put("LOUPE_DATA_DIR", settings.dir().resolve("node-" + (char) ('a' + i)).toString());
    env.put("LOUPE_STORAGE", "clickhouse");
    env.put("LOUPE_CLICKHOUSE_URL", clickHouse.url());
    env.put("LOUPE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.putAll(secrets.nodeEnv());
    env.putAll(settings.nodeEnv());
    return env;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  public List<LoupeNode> nodes() {
    return List.copyOf(nodes);
  }

  public LoupeNode node(int i) {
    return nodes.get(i);
  }

  public ClusterSecrets secrets() {
    return secrets;
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String clickHouseUrl() {
    return clickHouse.url();
  }

  /** The engine's process id (the ingest bench reads its CPU and memory from /proc). */
  public long clickHousePid() {
    return clickHouse.pid();
  }

  /** Stops the nodes (SIGTERM, together), then the engine, then the broker. */
  @Override
  public void close() {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (LoupeNode n : nodes()) if (n != null) stops.add(CompletableFuture.runAsync(n::close));
    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    clickHouse.close();
    kafka.close();
  }
}
