package dev.loupe.server.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.cluster.ClusterSecrets;
import dev.loupe.cluster.LocalCluster;
import dev.loupe.model.Json;
import dev.loupe.server.seed.Harness;
import dev.loupe.server.seed.SeedTraceAssertions;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale-out mode as deployed: one Kafka broker, one ClickHouse engine and three Loupe node
 * processes ({@code dev.loupe.server.Main}, the server jar's main, with the flags {@code ./loupe
 * server} uses) on {@code LOUPE_STORAGE=clickhouse} and the Kafka ingest log, started by {@link
 * LocalCluster} as {@code ./loupe cluster} starts them. Needs the engine (module {@code
 * testing/clickhouse}, JDK 22+ builds) and chDB ({@code testing/clickhouse/install-chdb.sh}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITMultiNode {
  static final String HEAP = "384m";

  @TempDir static Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  LocalCluster cluster;
  long clickHouseBytesAtStart;
  long kafkaBytesAtStart;

  @BeforeAll
  void start() throws Exception {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    assumeTrue(
        LocalCluster.engineOn(classpath),
        "the ClickHouse engine is built with JDK 22+ only (module testing/clickhouse)");
    assumeTrue(
        classPresent("dev.loupe.storage.clickhouse.ClickHouseStorage"),
        "the ClickHouse store (module storage/clickhouse) is not in this build");
    List<String> node = new ArrayList<>();
    node.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    node.addAll(ServerProcess.launcherFlags(HEAP));
    node.add("--enable-native-access=ALL-UNNAMED");
    node.add("-cp");
    node.add(classpath);
    node.add("dev.loupe.server.Main");
    cluster =
        LocalCluster.start(
            new LocalCluster.Settings(
                dir, 3, 0, node, classpath, Map.of("LOUPE_KAFKA_PARTITIONS", "6")));
    // the broker preallocates its segments and indexes: sizes are counted from here
    clickHouseBytesAtStart = bytesUnder(dir.resolve("clickhouse"));
    kafkaBytesAtStart = bytesUnder(dir.resolve("kafka"));
  }

  /**
   * What sizing is derived from (docs/deploy): the engine's and the broker's directories per span
   * stored, and the surviving nodes' peak resident memory.
   */
  private String footprint(long spans) throws java.io.IOException {
    long clickHouse = bytesUnder(dir.resolve("clickhouse")) - clickHouseBytesAtStart;
    long kafka = bytesUnder(dir.resolve("kafka")) - kafkaBytesAtStart;
    StringBuilder s =
        new StringBuilder(
            String.format(
                "ClickHouse dir grew %.1f MiB, Kafka dir %.1f MiB for %d spans (%d and %d"
                    + " bytes/span, the seed traces included)",
                clickHouse / 1048576.0,
                kafka / 1048576.0,
                spans,
                spans == 0 ? 0 : clickHouse / spans,
                spans == 0 ? 0 : kafka / spans));
    for (int i = 1; i < 3; i++) {
      String status =
          java.nio.file.Files.readString(
              Path.of("/proc", Long.toString(cluster.node(i).pid()), "status"));
      String hwm = status.lines().filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("?");
      s.append(", ")
          .append(cluster.node(i).name())
          .append(" peak RSS ")
          .append(hwm.substring(6).trim());
    }
    return s.toString();
  }

  private static long bytesUnder(Path root) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(root)) {
      return files
          .filter(java.nio.file.Files::isRegularFile)
          .mapToLong(f -> f.toFile().length())
          .sum();
    }
  }

  private static boolean classPresent(String name) {
    try {
      Class.forName(name, false, ITMultiNode.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @AfterAll
  void stop() {
    if (cluster != null) cluster.close();
    http.close();
  }

  /**
   * The seed's real Langfuse TypeScript SDK sends to node A, in its four wire variants; every trace
   * reads back whole through node B, priced.
   */
  @Test
  @Order(1)
  void seedHarness_sentToNodeA_readsBackThroughNodeBWithItsCost() throws Exception {
    Harness harness = Harness.prepared();
    String a = cluster.node(0).url();
    String b = cluster.node(1).url();
    Harness.Run run =
        harness.run(
            Map.of(),
            "bash",
            "run-seed.sh",
            a,
            ClusterSecrets.PUBLIC_KEY,
            ClusterSecrets.SECRET_KEY);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("4 passed, 0 failed");
    assertThat(run.traceIds()).hasSize(4);
    for (String id : run.traceIds()) {
      JsonNode trace =
          Json.parse(
              http.send(ClusterLoad.get(b + "/api/public/traces/" + id), ClusterLoad.ofString())
                  .body());
      SeedTraceAssertions.assertSeedTrace(trace, id);
      System.out.printf(
          "ITMultiNode seed: trace %s sent to node A (%s), read through node B (%s): %d"
              + " observations, totalCost %s USD%n",
          id, a, b, trace.path("observations").size(), trace.path("totalCost").decimalValue());
    }
  }

  /**
   * Clients load nodes A and B while readers read through C; A is killed with SIGKILL mid-load, B's
   * clients go on past the Kafka session timeout (A's partitions move to B and C); every trace A or
   * B acknowledged reads back through C whole, priced, with its total.
   */
  @Test
  @Order(2)
  void nodeAKilledMidLoad_everyAcknowledgedSpanReadsBackThroughC() throws Exception {
    KillRun run = new KillRun(http, cluster).run(6_000, 20_000);
    System.out.println("ITMultiNode kill: " + run.summary());
    System.out.println("ITMultiNode footprint: " + footprint(run.spansAcknowledged()));
    assertThat(run.caughtUp()).as("the group applied the backlog within 2 minutes").isTrue();
    assertThat(run.acknowledgedBy("node A")).as("traces node A acknowledged").isPositive();
    assertThat(run.acknowledgedAfterKill()).as("traces B acknowledged after the kill").isPositive();
    assertThat(run.lost()).as("acknowledged traces missing, incomplete or unpriced").isEmpty();
  }
}
