package dev.loupe.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent OTLP/HTTP protobuf clients against a server for a fixed time; samples ingest → visible
 * latency (from sending a batch until one of its traces is readable through the public API).
 */
final class HttpLoad {
  record Result(
      long spans, double seconds, long failures, Histogram ackLatency, Histogram visibleLatency) {
    double spansPerSecond() {
      return spans / seconds;
    }
  }

  private final String baseUrl;
  private final String auth;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpLoad(String baseUrl, String publicKey, String secretKey) {
    this.baseUrl = baseUrl;
    this.auth =
        "Basic " + Base64.getEncoder().encodeToString((publicKey + ":" + secretKey).getBytes());
  }

  Result run(int clients, int batchSpans, Duration duration, long seed) throws Exception {
    AtomicLong spans = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    Histogram ack = new Histogram();
    Histogram visible = new Histogram();
    long deadline = System.nanoTime() + duration.toNanos();
    long t0 = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        AgentTraceGenerator gen = new AgentTraceGenerator(seed + c);
        int clientNo = c;
        futures.add(
            pool.submit(
                () -> {
                  long n = 0;
                  // Like an SDK's batch processor, a client collects its next batch while the
                  // current export is in flight.
                  var next = pool.submit(() -> Batch.next(gen, batchSpans));
                  while (System.nanoTime() < deadline) {
                    Batch batch = next.get();
                    next = pool.submit(() -> Batch.next(gen, batchSpans));
                    long sent = System.nanoTime();
                    int status = post(batch.body());
                    long acked = System.nanoTime();
                    if (status == 200) {
                      spans.addAndGet(batch.spans());
                      ack.record((acked - sent) / 1_000);
                      String probe = batch.traceIds().getLast();
                      if (n++ % 5 == clientNo % 5)
                        pool.submit(() -> pollVisible(probe, sent, visible));
                    } else {
                      failures.incrementAndGet();
                    }
                  }
                  next.cancel(true);
                  return null;
                }));
      }
      for (var f : futures) f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(spans.get(), seconds, failures.get(), ack, visible);
  }

  /** One export request and the traces in it. */
  private record Batch(byte[] body, List<String> traceIds) {
    static Batch next(AgentTraceGenerator gen, int spans) {
      List<String> ids = new ArrayList<>();
      synchronized (gen) {
        return new Batch(gen.request(spans, System.currentTimeMillis() * 1_000_000L, ids), ids);
      }
    }

    long spans() {
      return traceIds.size() * (long) AgentTraceGenerator.SPANS_PER_TRACE;
    }
  }

  private int post(byte[] body) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(baseUrl + "/api/public/otel/v1/traces"))
              .header("Authorization", auth)
              .header("Content-Type", "application/x-protobuf")
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      return client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private void pollVisible(String traceId, long sentNanos, Histogram visible) {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/public/traces/" + traceId))
            .header("Authorization", auth)
            .timeout(Duration.ofSeconds(10))
            .build();
    for (int i = 0; i < 2_000; i++) {
      try {
        if (client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          visible.record((System.nanoTime() - sentNanos) / 1_000);
          return;
        }
        Thread.sleep(5);
      } catch (Exception e) {
        return;
      }
    }
  }
}
