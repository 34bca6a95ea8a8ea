package dev.loupe.bench;

import dev.loupe.cluster.ClusterSecrets;
import dev.loupe.cluster.LocalCluster;
import dev.loupe.cluster.LoupeNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale-out mode on this machine as {@code ./loupe cluster} starts it ({@link LocalCluster}): a
 * Kafka broker (in this process, so its CPU counts with the load generator's), the ClickHouse
 * engine (a process) and N Loupe nodes from the server jar, each with every role. Its CPU is the
 * nodes' and the engine's.
 */
final class ClusterTarget implements IngestTarget {
  private final LocalCluster cluster;

  private ClusterTarget(LocalCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Starts {@code nodes} nodes of {@code jar} with {@code javaOpts} in {@code dir}; the engine's
   * class path from {@code bench/target/classpath.txt}, unless {@code engineClasspath} is given.
   */
  static ClusterTarget start(Path dir, int nodes, Path jar, String javaOpts, String engineClasspath)
      throws Exception {
    String classpath =
        engineClasspath != null
            ? engineClasspath
            : Files.readString(Path.of("bench/target/classpath.txt")).strip();
    if (!LocalCluster.engineOn(classpath))
      throw new IllegalStateException(
          "--cluster: the ClickHouse engine (module testing/clickhouse, built with JDK 22+) is not"
              + " on the engine class path");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String opt : javaOpts.trim().split("\\s+")) if (!opt.isBlank()) command.add(opt);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    long t0 = System.nanoTime();
    LocalCluster cluster =
        LocalCluster.start(new LocalCluster.Settings(dir, nodes, 0, command, classpath, Map.of()));
    System.out.printf(
        "cluster up in %.1f s: Kafka %s (in this process), ClickHouse engine %s (pid %d), %d"
            + " node%s %s%n",
        (System.nanoTime() - t0) / 1e9,
        cluster.kafkaBootstrapServers(),
        cluster.clickHouseUrl(),
        cluster.clickHousePid(),
        nodes,
        nodes == 1 ? "" : "s",
        cluster.nodes().stream().map(n -> n.url() + " (pid " + n.pid() + ")").toList());
    return new ClusterTarget(cluster);
  }

  @Override
  public List<String> urls() {
    return cluster.nodes().stream().map(LoupeNode::url).toList();
  }

  @Override
  public String publicKey() {
    return ClusterSecrets.PUBLIC_KEY;
  }

  @Override
  public String secretKey() {
    return ClusterSecrets.SECRET_KEY;
  }

  @Override
  public double cpuSeconds() {
    return nodesCpu() + Procs.cpuSeconds(cluster.clickHousePid());
  }

  private double nodesCpu() {
    double sum = 0;
    for (LoupeNode n : cluster.nodes()) sum += Procs.cpuSeconds(n.pid());
    return sum;
  }

  @Override
  public double jitCpuSeconds() {
    double sum = 0;
    for (LoupeNode n : cluster.nodes()) sum += Procs.jitCpuSeconds(n.pid());
    return sum;
  }

  @Override
  public double gcPauseSeconds() {
    double sum = 0;
    for (String url : urls()) sum += Procs.gcPauseSeconds(url);
    return sum;
  }

  @Override
  public String rss() {
    List<String> nodes = new ArrayList<>();
    for (LoupeNode n : cluster.nodes()) nodes.add(Footprint.rssMiB(n.pid()) + "");
    return String.format(
        "nodes %s MiB, ClickHouse engine %,d MiB",
        String.join(" + ", nodes), Footprint.rssMiB(cluster.clickHousePid()));
  }

  @Override
  public Map<String, Double> cpuByPart() {
    Map<String, Double> parts = new LinkedHashMap<>();
    parts.put("nodes", nodesCpu());
    parts.put("ClickHouse engine", Procs.cpuSeconds(cluster.clickHousePid()));
    return parts;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
