package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * What the server has applied of what it acknowledged: the number of observations the public API
 * finds in the project ({@code GET /api/public/observations?limit=1}, {@code meta.totalItems});
 * each bench span is one observation. It measures the same thing whether an acknowledgement means
 * "written to the store" or "durable in an ingest log, applied behind it", and however reads wait
 * for acknowledged writes: a count is taken when its answer arrives.
 */
final class AppliedProbe {
  /**
   * @param spans acknowledged spans of the measured load
   * @param appliedSeconds from the start of the load until all of them were visible
   * @param drainSeconds from the end of the load (last acknowledgement) until all were visible
   * @param maxBacklog the most acknowledged-but-not-visible spans a count found during the load
   * @param samples counts taken during the load (about one a second)
   */
  record Result(
      long spans,
      double appliedSeconds,
      double drainSeconds,
      long maxBacklog,
      int samples,
      Histogram countLatency) {
    double spansPerSecond() {
      return spans / appliedSeconds;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);

  private final HttpClient client = HttpClient.newHttpClient();
  private final HttpRequest count;

  AppliedProbe(String baseUrl, String publicKey, String secretKey) {
    this.count =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/public/observations?limit=1"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString((publicKey + ":" + secretKey).getBytes()))
            .timeout(Duration.ofSeconds(60))
            .build();
  }

  /** Observations visible in the project now. */
  long visible() throws Exception {
    HttpResponse<byte[]> r = client.send(count, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200)
      throw new IllegalStateException("count of observations answered " + r.statusCode());
    JsonNode total = JSON.readTree(r.body()).path("meta").path("totalItems");
    if (!total.canConvertToLong()) throw new IllegalStateException("no meta.totalItems");
    return total.asLong();
  }

  /** Waits until at least {@code target} observations are visible; the nanoTime it saw them. */
  long awaitVisible(long target) throws Exception {
    long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
    while (true) {
      if (visible() >= target) return System.nanoTime();
      if (System.nanoTime() > deadline)
        throw new IllegalStateException("acknowledged spans not visible after " + DRAIN_LIMIT);
      Thread.sleep(20);
    }
  }

  /**
   * Runs {@code load}, counting visible observations about once a second meanwhile, then waits
   * until every span it acknowledged is visible.
   *
   * @param acknowledged the load's acknowledged spans so far (read before each count)
   */
  Result measure(LongSupplier acknowledged, Callable<HttpLoad.Result> load) throws Exception {
    long before = visible(), ackedBefore = acknowledged.getAsLong();
    Histogram latency = new Histogram();
    long[] maxBacklog = {0};
    int[] samples = {0};
    long start = System.nanoTime();
    Thread sampler =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    while (!Thread.currentThread().isInterrupted()) {
                      Thread.sleep(1_000);
                      long acked = acknowledged.getAsLong() - ackedBefore, t0 = System.nanoTime();
                      long seen = visible() - before;
                      latency.record((System.nanoTime() - t0) / 1_000);
                      samples[0]++;
                      maxBacklog[0] = Math.max(maxBacklog[0], acked - seen);
                    }
                  } catch (InterruptedException e) {
                    // the load is over
                  } catch (Exception e) {
                    System.err.println("applied probe: " + e);
                  }
                });
    HttpLoad.Result result;
    try {
      result = load.call();
    } finally {
      sampler.interrupt();
      sampler.join();
    }
    long end = System.nanoTime();
    long all = awaitVisible(before + result.spans());
    return new Result(
        result.spans(),
        (all - start) / 1e9,
        Math.max(0, all - end) / 1e9,
        maxBacklog[0],
        samples[0],
        latency);
  }
}
