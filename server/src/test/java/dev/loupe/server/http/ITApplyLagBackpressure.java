package dev.loupe.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.process.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overload of the applier, not of the request bodies: clients export large bodies faster than the
 * store applies them, against a real server (child JVM) whose apply-lag bound is 1 s. Past a
 * quarter of the bound, requests wait for the applier before they are read (8 such clients are only
 * slowed down: the lag stayed under 0.93 s for 2 minutes); 32 clients, whose waiting requests are
 * taken together, push it past the bound, and then ingest answers 429 with Retry-After naming the
 * lag (the clients honour it, as OTLP exporters do); health reports the lag meanwhile; afterwards
 * every span acknowledged with a 200 is stored.
 */
class ITApplyLagBackpressure {
  static final int CLIENTS = 32;
  static final Duration GIVE_UP = Duration.ofSeconds(120);
  static final Duration AFTER_FIRST_REFUSAL = Duration.ofSeconds(3);

  @TempDir Path dir;

  @Test
  void applierBehindTheBound_ingestIs429WithRetryAfterAndEveryAcknowledgedSpanIsStored()
      throws Exception {
    byte[] template = ITIngestFlood.body(new Random(11));
    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    Map<String, Long> unexpected = new ConcurrentHashMap<>();
    AtomicLong lagRefusals = new AtomicLong();
    AtomicReference<String> refusal = new AtomicReference<>();
    AtomicLong stopAt = new AtomicLong(System.nanoTime() + GIVE_UP.toNanos());
    double maxLagSeconds = 0;
    long maxLagRecords = 0;
    try (ServerProcess server =
            ServerProcess.start(
                dir.resolve("data"), "1g", Map.of("LOUPE_MAX_APPLY_LAG_SECONDS", "1"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Random r = new Random(0xbacc_0000L + 31L * c);
        clients.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (System.nanoTime() < stopAt.get()) {
                        String traceId = ITIngestFlood.hex(r, 16);
                        byte[] salt = new byte[4];
                        r.nextBytes(salt);
                        HttpResponse<String> a =
                            export(
                                client,
                                server.port(),
                                ITIngestFlood.withIds(template, traceId, salt));
                        int status = a == null ? -1 : a.statusCode();
                        String retryAfter =
                            a == null ? null : a.headers().firstValue("Retry-After").orElse(null);
                        if (status == 200) {
                          acknowledged.add(traceId);
                        } else if (status == 429
                            && retryAfter != null
                            && a.body().contains("ingest is behind")) {
                          if (lagRefusals.getAndIncrement() == 0) {
                            refusal.set("Retry-After: " + retryAfter + "; " + a.body());
                            stopAt.set(System.nanoTime() + AFTER_FIRST_REFUSAL.toNanos());
                          }
                          ITIngestFlood.sleep(Duration.ofSeconds(Long.parseLong(retryAfter)));
                        } else if ((status == 429 || status == 503) && retryAfter != null) {
                          ITIngestFlood.sleep(Duration.ofSeconds(Long.parseLong(retryAfter)));
                        } else {
                          unexpected.merge(
                              status + " " + (a == null ? "no answer" : a.body()), 1L, Long::sum);
                        }
                      }
                    }));
      }
      while (clients.stream().anyMatch(Thread::isAlive)) {
        JsonNode ingest = health(client, server.port()).path("ingest");
        maxLagSeconds = Math.max(maxLagSeconds, ingest.path("lagSeconds").asDouble());
        maxLagRecords = Math.max(maxLagRecords, ingest.path("lagRecords").asLong());
        Thread.sleep(100);
      }

      List<String> lost = new ArrayList<>();
      for (String traceId : acknowledged) {
        long stored = storedSpans(client, server.port(), traceId);
        if (stored != ITIngestFlood.SPANS_PER_BODY) lost.add(traceId + ": " + stored);
      }
      JsonNode after = health(client, server.port()).path("ingest");
      System.out.printf(
          "ITApplyLagBackpressure: %d clients, %d acknowledged (%d spans), %d refused for apply"
              + " lag, max health lag %.2f s / %d records, after: %s, first refusal %s,"
              + " unexpected %s, lost %s%n",
          CLIENTS,
          acknowledged.size(),
          acknowledged.size() * (long) ITIngestFlood.SPANS_PER_BODY,
          lagRefusals.get(),
          maxLagSeconds,
          maxLagRecords,
          after,
          refusal.get(),
          unexpected,
          lost);
      assertThat(lagRefusals.get()).as("429s for apply lag within %s", GIVE_UP).isPositive();
      assertThat(refusal.get()).matches("Retry-After: \\d+; .*\"TooManyRequests\".*");
      assertThat(unexpected).as("answers other than 200 or a refusal with Retry-After").isEmpty();
      assertThat(acknowledged).isNotEmpty();
      assertThat(lost).as("acknowledged traces not fully stored").isEmpty();
      assertThat(maxLagSeconds).as("health's lagSeconds under overload").isGreaterThan(0.5);
      assertThat(maxLagRecords).as("health's lagRecords under overload").isPositive();
      assertThat(after.path("lagRecords").asLong()).isZero();
      assertThat(after.path("applied").asLong()).isEqualTo(after.path("appended").asLong());
      assertThat(server.isAlive()).isTrue();
    }
  }

  private static HttpResponse<String> export(HttpClient client, int port, byte[] body) {
    HttpRequest request = ServerProcess.otlpExport(port, body, Duration.ofSeconds(60));
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static JsonNode health(HttpClient client, int port) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/public/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Json.parse(r.body());
  }

  private static long storedSpans(HttpClient client, int port, String traceId) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/public/observations?limit=1&traceId="
                            + traceId))
                .header("Authorization", ServerProcess.BASIC)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.parse(r.body()).path("meta").path("totalItems").asLong();
  }
}
