package dev.loupe.alerting;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.AlertStore;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notices to channels: a POST of the channel kind's body ({@link Payloads}), signed when
 * the channel has a secret ({@link WebhookSigner}), with the headers {@code X-Loupe-Event} (FIRING,
 * RESOLVED, TEST), {@code X-Loupe-Delivery} (the notice id, the same on every attempt) and {@code
 * X-Loupe-Attempt}. A 2xx answer delivers; no answer, a timeout, 408, 429 or a 5xx is retried after
 * an exponential backoff ({@link RetryPolicy}); another 4xx is final. Every attempt is written to
 * the delivery log. Deliveries run in the background on virtual threads, at most {@value
 * #CONCURRENT} at a time, never on the evaluating thread.
 */
public final class Notifier implements AutoCloseable {
  static final int CONCURRENT = 32;
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  /**
   * At most {@code maxAttempts} attempts per channel, waiting {@code firstBackoff}, then twice as
   * long each time, never more than {@code maxBackoff}; each attempt times out after {@code
   * timeout}.
   */
  public record RetryPolicy(
      int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration timeout) {
    public RetryPolicy {
      if (maxAttempts < 1 || maxAttempts > 20)
        throw new IllegalArgumentException("maxAttempts: 1..20");
      requireNonNull(firstBackoff, "firstBackoff");
      requireNonNull(maxBackoff, "maxBackoff");
      requireNonNull(timeout, "timeout");
    }

    /** 5 attempts, 1 s, 2 s, 4 s, 8 s apart (at most 60 s), 10 s per attempt. */
    public static RetryPolicy defaults() {
      return new RetryPolicy(
          5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** The wait before attempt {@code n + 1} (after attempt {@code n}, n ≥ 1). */
    public Duration backoffAfter(int n) {
      long ms = firstBackoff.toMillis() << Math.min(n - 1, 20);
      return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
  }

  private final AlertStore store;
  private final Clock clock;
  private final RetryPolicy policy;
  private final HttpClient http;
  private final ExecutorService background =
      Executors.newThreadPerTaskExecutor(
          Thread.ofVirtual().name("loupe-alert-delivery-", 0).factory());
  private final Semaphore slots = new Semaphore(CONCURRENT);

  public Notifier(AlertStore store, Clock clock, RetryPolicy policy) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.policy = requireNonNull(policy, "policy");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(policy.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Delivers the notice to each channel in the background, with retries. */
  public void notifyInBackground(Notice notice, List<AlertChannel> channels) {
    for (AlertChannel channel : channels) {
      try {
        background.execute(() -> deliverWithSlot(channel, notice));
      } catch (RejectedExecutionException e) {
        LOG.warn("notifier closed: {} not delivered to channel {}", notice.kind(), channel.id());
      }
    }
  }

  private void deliverWithSlot(AlertChannel channel, Notice notice) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      deliver(channel, notice);
    } finally {
      slots.release();
    }
  }

  /** One attempt to deliver the notice to the channel, on the calling thread; logged. */
  public AlertDelivery deliverOnce(AlertChannel channel, Notice notice) {
    return attempt(channel, notice, 1).delivery;
  }

  /**
   * Delivers the notice to one channel on the calling thread, retrying as the policy says; every
   * attempt is logged. Returns the attempts, the last one first.
   */
  public List<AlertDelivery> deliver(AlertChannel channel, Notice notice) {
    List<AlertDelivery> attempts = new ArrayList<>();
    for (int n = 1; n <= policy.maxAttempts(); n++) {
      Attempt a = attempt(channel, notice, n);
      attempts.addFirst(a.delivery);
      if (a.delivery.ok() || !a.retryable || n == policy.maxAttempts()) break;
      try {
        Thread.sleep(policy.backoffAfter(n));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        LOG.warn(
            "stopped retrying {} to channel {} after {} attempts", notice.kind(), channel.id(), n);
        break;
      }
    }
    return attempts;
  }

  private record Attempt(AlertDelivery delivery, boolean retryable) {}

  private Attempt attempt(AlertChannel channel, Notice notice, int n) {
    byte[] body = Payloads.body(channel.kind(), notice);
    Instant at = clock.instant();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(channel.url()))
            .timeout(policy.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Loupe-Alerts/1")
            .header("X-Loupe-Event", notice.kind().name())
            .header("X-Loupe-Delivery", notice.id())
            .header("X-Loupe-Attempt", Integer.toString(n))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    String secret = channel.secret();
    if (secret != null) {
      long ts = at.getEpochSecond();
      request
          .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(ts))
          .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, ts, body));
    }
    long t0 = System.nanoTime();
    Integer status = null;
    String error = null;
    boolean retryable;
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      status = response.statusCode();
      boolean ok = status >= 200 && status < 300;
      if (!ok) error = "HTTP " + status;
      retryable = status == 408 || status == 429 || status >= 500;
    } catch (HttpTimeoutException e) {
      error = "timed out after " + policy.timeout().toMillis() + " ms";
      retryable = true;
    } catch (IOException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      retryable = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted (server stopping)";
      retryable = false;
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    AlertDelivery d =
        new AlertDelivery(
            notice.rule().projectId(),
            UUID.randomUUID().toString(),
            notice.id(),
            ruleId(notice),
            channel.id(),
            notice.event() == null ? null : notice.event().id(),
            notice.kind(),
            n,
            at,
            status,
            error,
            ms);
    try {
      store.putDelivery(d);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not log delivery {} to channel {}: {}", notice.id(), channel.id(), e.toString());
    }
    if (error != null)
      LOG.info("alert {} to channel {} attempt {}: {}", notice.kind(), channel.id(), n, error);
    return new Attempt(d, retryable);
  }

  /** A channel's own test has no real rule: logged with no rule id. */
  private static @Nullable String ruleId(Notice notice) {
    return notice.rule().id().equals(Alerts.TEST_RULE_ID) ? null : notice.rule().id();
  }

  /** Stops the background deliveries (their remaining retries are dropped). */
  @Override
  public void close() {
    background.shutdownNow();
  }

  @Override
  public String toString() {
    return "Notifier{" + policy + "}";
  }
}
