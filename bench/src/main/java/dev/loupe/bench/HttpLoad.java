package dev.loupe.bench;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent OTLP/HTTP protobuf clients against a server for a fixed time; samples ingest → visible
 * latency (from sending a batch until one of its traces is readable through the public API). With
 * several servers (the nodes of a cluster) client i sends to server {@code i % n} and reads back
 * through the next one, so "visible" includes crossing nodes.
 */
final class HttpLoad {
  record Result(
      long spans,
      double seconds,
      long failures,
      Map<String, Long> failureReasons,
      long refusals,
      double backoffSeconds,
      Histogram ackLatency,
      Histogram visibleLatency) {
    double spansPerSecond() {
      return spans / seconds;
    }
  }

  private final List<String> baseUrls;
  private final String auth;
  private final Map<String, String> exportHeaders;
  private final AtomicLong acknowledged = new AtomicLong();
  private final Map<String, Long> failureReasons = new ConcurrentHashMap<>();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpLoad(String baseUrl, String publicKey, String secretKey) {
    this(List.of(baseUrl), publicKey, secretKey);
  }

  HttpLoad(List<String> baseUrls, String publicKey, String secretKey) {
    if (baseUrls.isEmpty()) throw new IllegalArgumentException("baseUrls is empty");
    this.baseUrls = List.copyOf(baseUrls);
    this.auth =
        "Basic " + Base64.getEncoder().encodeToString((publicKey + ":" + secretKey).getBytes());
    this.exportHeaders = Map.of("Authorization", auth, "Content-Type", "application/x-protobuf");
  }

  /** Spans acknowledged by every run so far (a running total, read while a run goes on). */
  long acknowledged() {
    return acknowledged.get();
  }

  Result run(int clients, int batchSpans, Duration duration, long seed) throws Exception {
    return run(clients, batchSpans, duration, seed, 0);
  }

  /**
   * Runs the clients for {@code duration}. With {@code rate} > 0 (spans per second, all clients
   * together) each client sends on a fixed schedule, one batch every {@code clients × batchSpans /
   * rate} seconds, and only sends late when the previous export was still in flight: a sustained
   * load below saturation, where the visible delay is the pipeline's and not the lag bound's. With
   * 0 the clients send flat out.
   */
  Result run(int clients, int batchSpans, Duration duration, long seed, double rate)
      throws Exception {
    failureReasons.clear();
    long interval = rate > 0 ? (long) (clients * (double) batchSpans / rate * 1e9) : 0;
    AtomicLong spans = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicLong refusals = new AtomicLong();
    AtomicLong backoffNanos = new AtomicLong();
    Histogram ack = new Histogram();
    Histogram visible = new Histogram();
    long deadline = System.nanoTime() + duration.toNanos();
    long t0 = System.nanoTime();
    double seconds;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        RequestTemplates gen = new RequestTemplates(seed + c, batchSpans);
        int clientNo = c;
        String sendTo = baseUrls.get(c % baseUrls.size());
        String readFrom = baseUrls.get((c + 1) % baseUrls.size());
        futures.add(
            pool.submit(
                () -> {
                  long n = 0;
                  PlainHttp http = new PlainHttp(sendTo);
                  // Like an SDK's batch processor, a client collects its next batch while the
                  // current export is in flight.
                  var next = pool.submit(() -> gen.next(System.currentTimeMillis() * 1_000_000L));
                  // paced clients start spread over one interval
                  long due = System.nanoTime() + interval * clientNo / clients;
                  while (System.nanoTime() < deadline) {
                    Batch batch = next.get();
                    if (interval > 0) {
                      long wait = due - System.nanoTime();
                      if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
                      due += interval;
                    }
                    next = pool.submit(() -> gen.next(System.currentTimeMillis() * 1_000_000L));
                    long sent = System.nanoTime();
                    long rejected = post(http, batch.body());
                    // Refused (429/503 with Retry-After): wait as told and send the same batch
                    // again, as the OTLP exporters and the Langfuse SDKs do, instead of
                    // building new batches the server has said it cannot take yet.
                    while (rejected < -1 && System.nanoTime() < deadline) {
                      refusals.incrementAndGet();
                      long wait = Math.min(-rejected - 1, deadline - System.nanoTime());
                      backoffNanos.addAndGet(wait);
                      Thread.sleep(Duration.ofNanos(wait));
                      sent = System.nanoTime();
                      rejected = post(http, batch.body());
                    }
                    long acked = System.nanoTime();
                    if (rejected >= 0) {
                      spans.addAndGet(batch.spans() - rejected);
                      acknowledged.addAndGet(batch.spans() - rejected);
                      ack.record((acked - sent) / 1_000);
                      String probe = batch.traceIds().getLast();
                      long taken = sent; // the attempt that was acknowledged
                      if (n++ % 5 == clientNo % 5)
                        pool.submit(() -> pollVisible(readFrom, probe, taken, visible));
                    } else if (rejected == -1) {
                      failures.incrementAndGet();
                    } else {
                      refusals.incrementAndGet(); // refused as the run ended: not sent again
                    }
                  }
                  next.cancel(true);
                  http.close();
                  return null;
                }));
      }
      for (var f : futures) f.get();
      // The clock stops when the last client is done, not when the visibility probes still
      // polling after the deadline are.
      seconds = (System.nanoTime() - t0) / 1e9;
    }
    return new Result(
        spans.get(),
        seconds,
        failures.get(),
        Map.copyOf(failureReasons),
        refusals.get(),
        backoffNanos.get() / 1e9 / clients,
        ack,
        visible);
  }

  /**
   * Posts one export: the number of spans the server rejected (its partial success); for a refusal
   * (429 or 503) {@code -1 - nanos} to wait, from its {@code Retry-After} (1 s when absent); -1
   * when the request failed otherwise.
   */
  private long post(PlainHttp http, byte[] body) {
    try {
      PlainHttp.Response r = http.post("/api/public/otel/v1/traces", exportHeaders, body);
      if (r.status() == 429 || r.status() == 503) {
        String after = r.headers().get("retry-after");
        long seconds = after == null ? 1 : seconds(after);
        return -1 - Duration.ofSeconds(Math.max(0, Math.min(seconds, 30))).toNanos();
      }
      if (r.status() != 200) return failed("HTTP " + r.status());
      return ExportTraceServiceResponse.parseFrom(r.body()).getPartialSuccess().getRejectedSpans();
    } catch (Exception e) {
      return failed(e.getClass().getSimpleName());
    }
  }

  /** Counts a failed request by its reason (status or exception); -1. */
  private long failed(String reason) {
    failureReasons.merge(reason, 1L, Long::sum);
    return -1;
  }

  private static long seconds(String retryAfter) {
    try {
      return Long.parseLong(retryAfter.trim());
    } catch (NumberFormatException e) {
      return 1; // an HTTP date: not sent by Loupe
    }
  }

  static final Duration POLL_MIN = Duration.ofMillis(5);

  private void pollVisible(String baseUrl, String traceId, long sentNanos, Histogram visible) {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/public/traces/" + traceId))
            .header("Authorization", auth)
            .timeout(Duration.ofSeconds(10))
            .build();
    long deadline = sentNanos + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          visible.record((System.nanoTime() - sentNanos) / 1_000);
          return;
        }
        Thread.sleep(pollInterval(System.nanoTime() - sentNanos));
      } catch (Exception e) {
        return;
      }
    }
  }

  /**
   * How long a visibility probe waits before asking again, {@code waited} after the request was
   * sent: 5 ms, or 1/20 of the time waited so far when that is longer. A sample then overstates the
   * delay by at most 5 ms or 5%, while a probe asks ~80 times in the first 2 s instead of 400: at a
   * fixed 5 ms the probes were ~4,000 trace reads a second flat out, an eighth of the request
   * threads' CPU (a user opening traces asks a few times a second).
   */
  static Duration pollInterval(long waitedNanos) {
    return Duration.ofNanos(Math.max(POLL_MIN.toNanos(), waitedNanos / 20));
  }
}
