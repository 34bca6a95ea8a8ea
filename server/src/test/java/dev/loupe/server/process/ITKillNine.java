package dev.loupe.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.loupe.model.Json;
import dev.loupe.pipeline.kafka.KafkaSettings;
import dev.loupe.server.TestKafka;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of what was acknowledged: a real server (child JVM) on a DuckDB data dir takes OTLP
 * exports from concurrent clients, each recording exactly the traces it got a 200 for; the server
 * is killed with SIGKILL at a random moment (sometimes again while it applies the backlog after a
 * restart), restarted on the same data dir, and every acknowledged trace is found with all its
 * generations, each priced: half the traces are sent as two requests (usage, then model), so their
 * cost exists only once the applier merged both, perhaps across a crash. Repeated over {@code
 * -Dloupe.killTrials} trials (default 6), with the seed printed ({@code -Dloupe.killSeed} repeats a
 * run).
 */
class ITKillNine {
  static final int CLIENTS = 6;
  static final int SPANS = 60;
  static final String HEAP = "512m";

  @TempDir Path dir;

  @Test
  void killedAtRandomMoments_everyAcknowledgedSpanIsFoundPricedAfterRestart() throws Exception {
    run("ITKillNine", Map.of(), Integer.getInteger("loupe.killTrials", 6));
  }

  /**
   * The same on the Kafka ingest log (a broker in this JVM, a topic of the test's own): the
   * acknowledgement is Kafka's, the restarted node starts its partitions at the positions DuckDB
   * recorded, once the killed member's session (10 s) has timed out.
   */
  @Test
  void onKafka_killedAtRandomMoments_everyAcknowledgedSpanIsFoundPricedAfterRestart()
      throws Exception {
    KafkaSettings kafka = TestKafka.fresh(3);
    run(
        "ITKillNine on Kafka",
        Map.of(
            "LOUPE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "LOUPE_KAFKA_TOPIC", kafka.topic(),
            "LOUPE_KAFKA_GROUP", kafka.group(),
            "LOUPE_KAFKA_PARTITIONS", "3"),
        Integer.getInteger("loupe.killTrials", 3));
  }

  private void run(String name, Map<String, String> env, int trials) throws Exception {
    boolean kafka = !env.isEmpty();
    long seed = Long.getLong("loupe.killSeed", System.nanoTime());
    Random random = new Random(seed);
    Path data = dir.resolve("data");
    List<String> all = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    int replayKills = 0;
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      ServerProcess server = ServerProcess.start(data, HEAP, env);
      try {
        for (int trial = 0; trial < trials; trial++) {
          List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
          AtomicBoolean dead = new AtomicBoolean();
          List<Thread> clients = new ArrayList<>();
          for (int c = 0; c < CLIENTS; c++) {
            Random r = new Random(random.nextLong());
            int port = server.port();
            clients.add(
                Thread.ofVirtual().start(() -> sendUntilDead(client, port, r, dead, acknowledged)));
          }
          Thread.sleep(200 + random.nextInt(2_800));
          dead.set(true);
          server.kill();
          for (Thread t : clients) t.join();

          server = ServerProcess.start(data, HEAP, env);
          if (random.nextInt(3) == 0) { // killed again while it applies the backlog
            Thread.sleep(random.nextInt(400));
            server.kill();
            replayKills++;
            server = ServerProcess.start(data, HEAP, env);
          }
          // on Kafka the backlog waits for the killed member's session to end: reads then see
          // what is stored; wait until it is all applied
          if (kafka) awaitCaughtUp(client, server.port());
          for (String traceId : acknowledged) {
            String problem = check(client, server.port(), traceId);
            if (problem != null) lost.add("trial " + trial + ": " + problem);
          }
          all.addAll(acknowledged);
        }
        // and nothing acknowledged earlier was lost later: this time through the traces list,
        // whose per-trace rollup must have survived the kills as the rows did
        Map<String, JsonNode> listed = ServerProcess.allTraces(client, server.port());
        for (String traceId : all) {
          String problem = checkListed(listed.get(traceId), traceId);
          if (problem != null) lost.add("at the end: " + problem);
        }
      } finally {
        server.close();
      }
    }
    System.out.printf(
        name
            + ": %d trials (%d more kills while applying the backlog), %d acknowledged"
            + " traces, %d spans acknowledged, lost %d %s (seed %d)%n",
        trials,
        replayKills,
        all.size(),
        all.size() * (long) SPANS,
        lost.size(),
        lost.size() > 10 ? lost.subList(0, 10) : lost,
        seed);
    assertThat(all).as("acknowledged traces over the trials").isNotEmpty();
    assertThat(lost)
        .as("acknowledged traces missing, incomplete or unpriced (seed %d)", seed)
        .isEmpty();
  }

  /** Waits (up to a minute) until health reports nothing acknowledged left to apply. */
  private static void awaitCaughtUp(HttpClient client, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> h =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/public/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (h.statusCode() == 200
          && Json.parse(h.body()).path("ingest").path("lagRecords").asLong() == 0) return;
      Thread.sleep(200);
    }
    throw new AssertionError("the restarted node did not apply its backlog within a minute");
  }

  /** Exports new traces until the server is killed; records each one answered 200. */
  private static void sendUntilDead(
      HttpClient client, int port, Random r, AtomicBoolean dead, List<String> acknowledged) {
    for (boolean split = false; !dead.get(); split = !split) {
      String traceId = hex(r, 16);
      try {
        // every other trace in two requests: its generations' usage, then their model, so the
        // cost is known only once the store merges both (perhaps across a crash and a replay)
        boolean ok =
            split
                ? export(client, port, body(traceId, r, true, false))
                    && export(client, port, body(traceId, r, false, true))
                : export(client, port, body(traceId, r, true, true));
        if (ok) acknowledged.add(traceId);
      } catch (java.io.IOException e) {
        // killed mid-request (or refused while it starts): not acknowledged
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** True when the export was acknowledged whole; after a refusal, waits its Retry-After. */
  private static boolean export(HttpClient client, int port, byte[] body)
      throws java.io.IOException, InterruptedException {
    HttpRequest request = ServerProcess.otlpExport(port, body, Duration.ofSeconds(30));
    HttpResponse<byte[]> a = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (a.statusCode() == 200
        && ExportTraceServiceResponse.parseFrom(a.body()).getPartialSuccess().getRejectedSpans()
            == 0) return true;
    long wait = a.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
    Thread.sleep(Duration.ofSeconds(wait));
    return false;
  }

  /**
   * Null when the trace is stored with all its generations priced at the exact cost (bundled
   * gpt-4o: 2.5e-6 USD per input token, 1e-5 per output token), else what is wrong.
   */
  private static String check(HttpClient client, int port, String traceId) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/public/traces/" + traceId))
                .header("Authorization", ServerProcess.BASIC)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) return traceId + ": " + r.statusCode();
    JsonNode observations = Json.parse(r.body()).path("observations");
    if (observations.size() != SPANS)
      return traceId + ": " + observations.size() + " of " + SPANS + " observations";
    for (JsonNode o : observations) {
      int i = Integer.parseInt(o.path("name").asText().substring("chat ".length()));
      BigDecimal expected = cost(i);
      JsonNode cost = o.path("calculatedTotalCost");
      if (!cost.isNumber() || cost.decimalValue().compareTo(expected) != 0)
        return traceId + ": " + o.path("name").asText() + " costs " + cost + ", not " + expected;
    }
    return null;
  }

  /**
   * Null when the listed trace has its {@link #SPANS} observations and its total cost is the sum of
   * their exact costs, else what is wrong.
   */
  private static String checkListed(JsonNode trace, String traceId) {
    if (trace == null) return traceId + ": not in the list";
    int observations = trace.path("observations").size();
    if (observations != SPANS)
      return traceId + ": " + observations + " of " + SPANS + " observations listed";
    BigDecimal expected = BigDecimal.ZERO;
    for (int i = 0; i < SPANS; i++) expected = expected.add(cost(i));
    JsonNode total = trace.path("totalCost");
    if (!total.isNumber() || total.decimalValue().compareTo(expected) != 0)
      return traceId + ": listed total cost " + total + ", not " + expected;
    return null;
  }

  /** The exact cost of generation {@code i} of a trace. */
  private static BigDecimal cost(int i) {
    return new BigDecimal("0.0000025")
        .multiply(BigDecimal.valueOf(100 + i))
        .add(new BigDecimal("0.00001").multiply(BigDecimal.valueOf(10 + i % 50)));
  }

  /**
   * One trace of {@link #SPANS} generations with their usage and/or their model (both make a cost);
   * span ids follow from the trace id, so two bodies of one trace write the same generations.
   */
  static byte[] body(String traceId, Random r, boolean usage, boolean model) {
    ByteString trace = ByteString.copyFrom(HexFormat.of().parseHex(traceId));
    String input =
        "{\"role\":\"user\",\"content\":\"" + "question ".repeat(40 + r.nextInt(40)) + "\"}";
    long start = 1_795_000_000_000_000_000L + r.nextInt(1_000_000) * 1_000_000_000L;
    List<Span> spans = new ArrayList<>(SPANS);
    for (int i = 0; i < SPANS; i++) {
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(trace)
              .setSpanId( // unique: the trace id's first 6 bytes and the span's index
                  ByteString.copyFrom(
                      ByteBuffer.allocate(8)
                          .put(trace.substring(0, 6).toByteArray())
                          .putShort((short) (i + 1))
                          .array()))
              .setName("chat " + i)
              .setStartTimeUnixNano(start + i * 1_000_000L)
              .setEndTimeUnixNano(start + i * 1_000_000L + 300_000_000L)
              .addAttributes(attribute("langfuse.observation.type", "generation"))
              .addAttributes(attribute("langfuse.observation.input", input));
      if (model) span.addAttributes(attribute("langfuse.observation.model.name", "gpt-4o"));
      if (usage)
        span.addAttributes(
            attribute(
                "langfuse.observation.usage_details",
                "{\"input\":" + (100 + i) + ",\"output\":" + (10 + i % 50) + "}"));
      spans.add(span.build());
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build()
        .toByteArray();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  private static String hex(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    b[0] |= 1;
    return HexFormat.of().formatHex(b);
  }
}
