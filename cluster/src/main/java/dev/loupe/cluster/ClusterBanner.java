package dev.loupe.cluster;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** What {@code ./loupe cluster} prints once every node is healthy: where to send and read. */
final class ClusterBanner {
  private ClusterBanner() {}

  static void print(LocalCluster cluster, Path dir, double seconds, PrintStream out) {
    List<LoupeNode> nodes = cluster.nodes();
    String a = nodes.getFirst().url();
    String b = nodes.get(Math.min(1, nodes.size() - 1)).url();
    String keys = ClusterSecrets.PUBLIC_KEY + ":" + ClusterSecrets.SECRET_KEY;
    StringBuilder s = new StringBuilder();
    s.append(
        "%nLoupe cluster up in %.1f s: %d node%s on one Kafka topic and one ClickHouse store%n%n"
            .formatted(seconds, nodes.size(), nodes.size() == 1 ? "" : "s"));
    s.append("  Kafka       %s%n".formatted(cluster.kafkaBootstrapServers()));
    s.append(
        "  ClickHouse  %s (chDB engine, data in %s)%n"
            .formatted(cluster.clickHouseUrl(), dir.resolve("clickhouse")));
    for (LoupeNode n : nodes) {
      s.append(
          "  %-10s  %s   web UI %s/ui   log %s%n"
              .formatted(n.name(), n.url(), n.url(), dir.relativize(n.log())));
    }
    s.append("%n  OTLP/HTTP   %s/api/public/otel/v1/traces (on every node)%n".formatted(a));
    s.append("  project     %s%n".formatted(ClusterSecrets.PROJECT));
    s.append("  public key  %s%n".formatted(ClusterSecrets.PUBLIC_KEY));
    s.append("  secret key  %s%n".formatted(ClusterSecrets.SECRET_KEY));
    s.append(
        "  API key     %s (Bearer, with X-Lemma-Project-ID: %s)%n"
            .formatted(ClusterSecrets.API_KEY, ClusterSecrets.PROJECT));
    s.append(
        "%nSend a trace through %s and read it through %s:%n%n"
            .formatted(nodes.getFirst().name(), nodes.get(Math.min(1, nodes.size() - 1)).name()));
    s.append(
        "  curl -s -u %s -H 'Content-Type: application/json' %s/api/public/ingestion -d '"
            .formatted(keys, a));
    s.append(
        "{\"batch\":[{\"id\":\"e1\",\"type\":\"trace-create\",\"timestamp\":\"2026-01-01T00:00:00Z\",");
    s.append("\"body\":{\"id\":\"hello-cluster\",\"name\":\"hello\"}},");
    s.append(
        "{\"id\":\"e2\",\"type\":\"generation-create\",\"timestamp\":\"2026-01-01T00:00:00Z\",");
    s.append(
        "\"body\":{\"id\":\"g1\",\"traceId\":\"hello-cluster\",\"name\":\"chat\",\"model\":\"gpt-4o\",");
    s.append("\"usageDetails\":{\"input\":1000,\"output\":200}}}]}'%n".formatted());
    s.append(
        "  curl -s -u %s %s/api/public/traces/hello-cluster   (its totalCost: 0.0045 USD)%n"
            .formatted(keys, b));
    s.append("%nLangfuse SDKs (any node):%n%n".formatted());
    s.append(
        "  LANGFUSE_BASE_URL=%s LANGFUSE_PUBLIC_KEY=%s LANGFUSE_SECRET_KEY=%s%n"
            .formatted(a, ClusterSecrets.PUBLIC_KEY, ClusterSecrets.SECRET_KEY));
    s.append(
        "%nKill a node (kill -9 <pid>: %s) and the others go on; Ctrl-C stops everything.%n"
            .formatted(
                String.join(", ", nodes.stream().map(n -> n.name() + " " + n.pid()).toList())));
    out.print(s);
    out.flush();
  }
}
