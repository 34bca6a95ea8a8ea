package dev.loupe.cluster;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./loupe cluster [--nodes 3] [--port 3000] [--dir cluster-data] [--jar
 * server/target/loupe-server.jar]}: Kafka, the ClickHouse engine and N Loupe nodes from the server
 * jar on ports {@code port, port+1, ...}; prints where they answer, the keys and how to send a
 * first trace, and runs until Ctrl-C, which stops them all. The nodes' JVM flags come from {@code
 * LOUPE_SERVER_FLAGS} (the launcher passes what {@code ./loupe server} uses); the data stays in the
 * directory for the next start.
 */
public final class ClusterMain {
  private ClusterMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> opt;
    try {
      opt = options(args);
    } catch (IllegalArgumentException e) {
      System.err.println("loupe cluster: " + e.getMessage());
      System.err.println(
          "usage: ./loupe cluster [--nodes 3] [--port 3000] [--dir cluster-data] [--jar path]");
      System.exit(2);
      return;
    }
    Path dir = Path.of(opt.getOrDefault("dir", "cluster-data")).toAbsolutePath();
    Path jar = Path.of(opt.getOrDefault("jar", "server/target/loupe-server.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      System.err.println("loupe cluster: no server jar at " + jar + " (./loupe build makes it)");
      System.exit(2);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String flags = System.getenv().getOrDefault("LOUPE_SERVER_FLAGS", "-Xmx512m").trim();
    if (!flags.isEmpty()) command.addAll(List.of(flags.split("\\s+")));
    command.add("-jar");
    command.add(jar.toString());
    LocalCluster.Settings settings =
        new LocalCluster.Settings(
            dir,
            Integer.parseInt(opt.getOrDefault("nodes", "3")),
            Integer.parseInt(opt.getOrDefault("port", "3000")),
            command,
            System.getProperty("java.class.path"),
            Map.of());
    AtomicReference<LocalCluster> running = new AtomicReference<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(running.get()), "cluster-stop"));
    System.out.printf(
        "Starting Kafka, the ClickHouse engine and %d Loupe node%s in %s ...%n",
        settings.nodes(), settings.nodes() == 1 ? "" : "s", dir);
    long t0 = System.nanoTime();
    LocalCluster cluster;
    try {
      cluster = LocalCluster.start(settings);
    } catch (RuntimeException e) {
      System.err.println("loupe cluster: " + e.getMessage());
      System.exit(1);
      return;
    }
    running.set(cluster);
    ClusterBanner.print(cluster, dir, (System.nanoTime() - t0) / 1_000_000_000.0, System.out);
    Thread.currentThread().join();
  }

  private static void stop(LocalCluster cluster) {
    PrintStream out = System.out;
    if (cluster == null) { // interrupted while starting: whatever was started goes too
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
      return;
    }
    out.println("\nStopping the nodes, the ClickHouse engine and Kafka ...");
    cluster.close();
    out.println("Stopped. The data stays in its directory for the next start.");
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length)
        throw new IllegalArgumentException("unexpected argument: " + a);
      String name = a.substring(2);
      if (!List.of("nodes", "port", "dir", "jar").contains(name))
        throw new IllegalArgumentException("unknown option: " + a);
      opt.put(name, args[++i]);
    }
    for (String n : List.of("nodes", "port")) {
      if (opt.containsKey(n) && !opt.get(n).matches("\\d{1,5}"))
        throw new IllegalArgumentException("--" + n + " must be a number: " + opt.get(n));
    }
    return opt;
  }
}
