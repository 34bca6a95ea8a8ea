package dev.loupe.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.alerts.AlertChannel;
import dev.loupe.storage.alerts.AlertDelivery;
import dev.loupe.storage.alerts.AlertEvent;
import dev.loupe.storage.alerts.AlertQuery;
import dev.loupe.storage.alerts.AlertRule;
import dev.loupe.storage.alerts.AlertState;
import dev.loupe.storage.alerts.ChannelKind;
import dev.loupe.storage.alerts.Comparison;
import dev.loupe.storage.alerts.NoDataPolicy;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricsView;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to a real HTTP receiver: the body is signed as documented, a 5xx is retried with
 * backoff and every attempt is logged, a 4xx is final, an unreachable receiver is retried up to the
 * limit.
 */
class NotifierTest {
  private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryStorage storage = new InMemoryStorage();
  private final Deque<Integer> answers = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();
  private HttpServer receiver;
  private Notifier notifier;

  record Received(Map<String, String> headers, byte[] body, long at) {}

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          Map<String, String> h = new java.util.HashMap<>();
          ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.getFirst()));
          int status;
          synchronized (received) {
            received.add(new Received(h, body, System.nanoTime()));
            status = answers.isEmpty() ? 200 : answers.poll();
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    receiver.start();
    notifier =
        new Notifier(
            storage.alertStore(),
            Clock.systemUTC(),
            new Notifier.RetryPolicy(
                4, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() {
    notifier.close();
    receiver.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  private static AlertRule rule() {
    return new AlertRule(
        "p",
        "r-1",
        "gpt-x errors",
        null,
        new AlertQuery(
            MetricsView.OBSERVATIONS,
            new Metric(Measure.ERRORS, Aggregation.AVG),
            List.of(
                new MetricFilter(
                    Dimension.PROVIDED_MODEL_NAME, FilterOperator.EQ, List.of("gpt-x")))),
        Comparison.GT,
        0.5,
        Duration.ofMinutes(5),
        Duration.ofSeconds(10),
        Duration.ZERO,
        NoDataPolicy.NO_DATA,
        List.of("ch"),
        true,
        T,
        T);
  }

  private static Notice firing() {
    AlertEvent e =
        new AlertEvent(
            "p",
            "e-1",
            "r-1",
            T,
            AlertState.OK,
            AlertState.FIRING,
            0.6,
            0.5,
            "avg(errors) = 0.6 > 0.5 over the last 5m");
    return Notice.of("n-1", rule(), e);
  }

  private AlertChannel channel(ChannelKind kind, String secret) {
    return new AlertChannel("p", "ch", "hook", kind, url(), secret, T, T);
  }

  @Test
  void serverError_isRetriedWithBackoff_everyAttemptLogged_andEachSignedAfresh() throws Exception {
    answers.add(500);
    answers.add(503);
    List<AlertDelivery> attempts =
        notifier.deliver(channel(ChannelKind.WEBHOOK, "s3cret"), firing());

    assertThat(attempts)
        .extracting(AlertDelivery::attempt, AlertDelivery::statusCode, AlertDelivery::error)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, 200, null),
            org.assertj.core.groups.Tuple.tuple(2, 503, "HTTP 503"),
            org.assertj.core.groups.Tuple.tuple(1, 500, "HTTP 500"));
    assertThat(storage.alertStore().listDeliveries("p", "r-1", "ch", 10))
        .containsExactlyElementsOf(attempts);
    assertThat(received).hasSize(3);
    long gap1 = (received.get(1).at() - received.get(0).at()) / 1_000_000;
    long gap2 = (received.get(2).at() - received.get(1).at()) / 1_000_000;
    assertThat(gap1).as("first backoff").isGreaterThanOrEqualTo(200);
    assertThat(gap2).as("doubled").isGreaterThanOrEqualTo(400);
    for (Received r : received) {
      long ts = Long.parseLong(r.headers().get("x-loupe-timestamp"));
      assertThat(WebhookSigner.verify("s3cret", ts, r.body(), r.headers().get("x-loupe-signature")))
          .isTrue();
      assertThat(WebhookSigner.verify("other", ts, r.body(), r.headers().get("x-loupe-signature")))
          .isFalse();
      assertThat(r.headers().get("x-loupe-delivery")).isEqualTo("n-1");
      assertThat(r.headers().get("x-loupe-event")).isEqualTo("FIRING");
    }
    JsonNode body = JSON.readTree(received.getFirst().body());
    assertThat(body.path("kind").asText()).isEqualTo("FIRING");
    assertThat(body.path("value").asDouble()).isEqualTo(0.6);
    assertThat(body.path("rule").path("condition").asText()).isEqualTo("avg(errors) > 0.5");
    assertThat(body.path("rule").path("filters").get(0).path("column").asText())
        .isEqualTo("providedModelName");
  }

  @Test
  void clientError_isFinal() {
    answers.add(404);
    List<AlertDelivery> attempts = notifier.deliver(channel(ChannelKind.WEBHOOK, "k"), firing());
    assertThat(attempts)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.statusCode()).isEqualTo(404);
              assertThat(d.ok()).isFalse();
            });
    assertThat(received).hasSize(1);
  }

  @Test
  void unreachableReceiver_isRetriedUpToTheLimit_withTheErrorLogged() {
    receiver.stop(0);
    List<AlertDelivery> attempts = notifier.deliver(channel(ChannelKind.WEBHOOK, "k"), firing());
    assertThat(attempts).hasSize(4);
    assertThat(attempts)
        .allSatisfy(
            d -> {
              assertThat(d.statusCode()).isNull();
              assertThat(d.error()).contains("Connect");
            });
  }

  @Test
  void slackChannel_getsTextAndBlocks_unsignedWithoutSecret() throws Exception {
    notifier.deliver(channel(ChannelKind.SLACK, null), firing());
    Received r = received.getFirst();
    assertThat(r.headers()).doesNotContainKey("x-loupe-signature");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("text").asText())
        .isEqualTo("[FIRING] gpt-x errors: avg(errors) = 0.6 > 0.5 over the last 5m");
    assertThat(body.path("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(body.path("blocks").get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
    assertThat(body.path("blocks").get(1).path("text").path("text").asText())
        .contains("providedModelName = gpt-x", "OK → FIRING");
  }
}
