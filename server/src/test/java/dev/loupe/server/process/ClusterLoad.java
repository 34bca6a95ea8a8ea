package dev.loupe.server.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.cluster.ClusterSecrets;
import dev.loupe.model.Json;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The load of the multi-node test: a client sending traces of {@link ITKillNine#SPANS} priced
 * generations to one node until told to stop, recording exactly the traces it got a 200 for (every
 * other trace sent in two requests, usage then model, so its cost exists only once the store merged
 * both); and the check that a trace reads back whole through a node, every generation priced, the
 * trace's total their sum.
 */
final class ClusterLoad {
  /** A trace a node acknowledged, and when (System.nanoTime). */
  record Ack(String traceId, String node, long ackedAtNanos) {}

  /** A trace as read: how many of its observations came back, and what is wrong (null: nothing). */
  record Read(int observations, String problem) {
    boolean ok() {
      return problem == null;
    }
  }

  private ClusterLoad() {}

  /** Sends until {@code stop}; a refused or broken connection is not acknowledged. */
  static void send(
      HttpClient client,
      String url,
      String node,
      Random r,
      AtomicBoolean stop,
      Consumer<Ack> acks) {
    for (boolean split = false; !stop.get(); split = !split) {
      byte[] id = new byte[16];
      r.nextBytes(id);
      id[0] |= 1;
      String traceId = HexFormat.of().formatHex(id);
      try {
        boolean ok =
            split
                ? export(client, url, ITKillNine.body(traceId, r, true, false))
                    && export(client, url, ITKillNine.body(traceId, r, false, true))
                : export(client, url, ITKillNine.body(traceId, r, true, true));
        if (ok) acks.accept(new Ack(traceId, node, System.nanoTime()));
      } catch (IOException e) {
        sleep(Duration.ofMillis(100)); // the node is gone (or going): not acknowledged
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static boolean export(HttpClient client, String url, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/public/otel/v1/traces"))
            .header("Authorization", ClusterSecrets.basicAuth())
            .header("Content-Type", "application/x-protobuf")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<byte[]> a = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (a.statusCode() == 200
        && ExportTraceServiceResponse.parseFrom(a.body()).getPartialSuccess().getRejectedSpans()
            == 0) return true;
    sleep(
        Duration.ofSeconds(a.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L)));
    return false;
  }

  /**
   * A problem of null when {@code GET /api/public/traces/{id}} through {@code url} has all the
   * trace's generations, each at its exact cost (bundled gpt-4o: 2.5e-6 USD per input token, 1e-5
   * per output token), and a trace total of their sum; else what is wrong.
   */
  static Read check(HttpClient client, String url, String traceId)
      throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(get(url + "/api/public/traces/" + traceId), ofString());
    if (r.statusCode() != 200) return new Read(0, traceId + ": " + r.statusCode());
    JsonNode trace = Json.parse(r.body());
    JsonNode observations = trace.path("observations");
    int n = observations.size();
    if (n != ITKillNine.SPANS)
      return new Read(n, traceId + ": " + n + " of " + ITKillNine.SPANS + " observations");
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode o : observations) {
      int i = Integer.parseInt(o.path("name").asText().substring("chat ".length()));
      BigDecimal expected = cost(i);
      total = total.add(expected);
      JsonNode cost = o.path("calculatedTotalCost");
      if (!cost.isNumber() || cost.decimalValue().compareTo(expected) != 0)
        return new Read(
            n, traceId + ": " + o.path("name").asText() + " costs " + cost + ", not " + expected);
    }
    JsonNode traceTotal = trace.path("totalCost");
    if (!traceTotal.isNumber() || traceTotal.decimalValue().compareTo(total) != 0)
      return new Read(n, traceId + ": trace total " + traceTotal + ", not " + total);
    return new Read(n, null);
  }

  /** Generation {@code i}'s cost: (100 + i) input and (10 + i % 50) output tokens of gpt-4o. */
  static BigDecimal cost(int i) {
    return new BigDecimal("0.0000025")
        .multiply(BigDecimal.valueOf(100 + i))
        .add(new BigDecimal("0.00001").multiply(BigDecimal.valueOf(10 + i % 50)));
  }

  static HttpRequest get(String uri) {
    return HttpRequest.newBuilder(URI.create(uri))
        .header("Authorization", ClusterSecrets.basicAuth())
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  /** The {@code q} quantile (0-1) of {@code sorted} millisecond values, nearest rank. */
  static long quantile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) return -1;
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
