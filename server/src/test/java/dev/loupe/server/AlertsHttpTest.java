package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.AUTH_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.loupe.model.Json;
import dev.loupe.server.ServerConfig.StorageKind;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert on a real server over a real DuckDB file: error generations sent through the Langfuse
 * batch API fire it, healthy ones resolve it; the test's own HTTP receiver checks every webhook's
 * HMAC itself; a receiver that answers 500 and then 200 shows the retry in the delivery log; the
 * values are the test's own arithmetic over what it sent; another project sees none of it; the
 * secret never comes back.
 */
class AlertsHttpTest {
  private static final String SECRET = "whsec-loupe-test-3f9a";
  private static final String MODEL = "gpt-alert-x";

  @TempDir Path dir;
  private TestServer t;
  private HttpServer receiver;
  private final List<Received> signed = new ArrayList<>();
  private final List<Received> flaky = new ArrayList<>();
  private final AtomicInteger flakyCalls = new AtomicInteger();

  record Received(JsonNode body, boolean signatureOk, String delivery, int attempt) {}

  @BeforeEach
  void start() throws Exception {
    t = TestServer.start(StorageKind.DUCKDB, dir);
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/signed", ex -> receive(ex, signed, 200));
    receiver.createContext(
        "/flaky", ex -> receive(ex, flaky, flakyCalls.getAndIncrement() % 2 == 0 ? 500 : 200));
    receiver.start();
  }

  /** Recomputes the signature from the raw body as a receiver following docs/api.md would. */
  private static void receive(
      com.sun.net.httpserver.HttpExchange ex, List<Received> into, int status)
      throws java.io.IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String ts = ex.getRequestHeaders().getFirst("X-Loupe-Timestamp");
    String sig = ex.getRequestHeaders().getFirst("X-Loupe-Signature");
    boolean ok = false;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((ts + ".").getBytes(StandardCharsets.UTF_8));
      String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(ts));
      ok =
          sig != null
              && MessageDigest.isEqual(
                  expected.getBytes(StandardCharsets.UTF_8), sig.getBytes(StandardCharsets.UTF_8))
              && age < 300;
    } catch (Exception e) {
      ok = false;
    }
    synchronized (into) {
      into.add(
          new Received(
              Json.parse(new String(body, StandardCharsets.UTF_8)),
              ok,
              ex.getRequestHeaders().getFirst("X-Loupe-Delivery"),
              Integer.parseInt(ex.getRequestHeaders().getFirst("X-Loupe-Attempt"))));
    }
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  @AfterEach
  void stop() {
    if (receiver != null) receiver.stop(0);
    if (t != null) t.close();
  }

  private String hook(String path) {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
  }

  private HttpResponse<String> send(String method, String path, String auth, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(t.uri(path))
            .header("Authorization", auth)
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return t.send(b.build());
  }

  private JsonNode ok(String method, String path, String auth, String body) {
    HttpResponse<String> r = send(method, path, auth, body);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
    return Json.parse(r.body());
  }

  /** Sends generations of a model, {@code errors} of them at level ERROR, all started 30 s ago. */
  private void ingest(String auth, String model, int count, int errors, String prefix) {
    Instant start = Instant.now().minusSeconds(30);
    StringBuilder batch = new StringBuilder("{\"batch\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) batch.append(',');
      String id = prefix + "-" + i;
      batch
          .append("{\"id\":\"ev-")
          .append(id)
          .append("\",\"type\":\"generation-create\",\"timestamp\":\"")
          .append(start)
          .append("\",\"body\":{\"id\":\"")
          .append(id)
          .append("\",\"traceId\":\"t-")
          .append(id)
          .append("\",\"name\":\"chat\",\"model\":\"")
          .append(model)
          .append("\",\"startTime\":\"")
          .append(start)
          .append("\",\"endTime\":\"")
          .append(start.plusMillis(800))
          .append("\",\"level\":\"")
          .append(i < errors ? "ERROR" : "DEFAULT")
          .append("\"}}");
    }
    batch.append("]}");
    HttpResponse<String> r = send("POST", "/api/public/ingestion", auth, batch.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
    assertThat(Json.parse(r.body()).path("errors").size()).as(r.body()).isZero();
  }

  private JsonNode awaitRule(String id, Predicate<JsonNode> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode rule = null;
    while (System.nanoTime() < deadline) {
      rule = ok("GET", "/api/public/alert-rules/" + id, AUTH_A, null);
      if (condition.test(rule)) return rule;
      Thread.sleep(100);
    }
    throw new AssertionError("rule never got there: " + rule);
  }

  private static <T> void awaitSize(List<T> list, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (list) {
        if (list.size() >= n) return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("received " + list.size() + " of " + n);
  }

  private String channel(String name, String path) {
    JsonNode c =
        ok(
            "POST",
            "/api/public/alert-channels",
            AUTH_A,
            "{\"name\":\""
                + name
                + "\",\"kind\":\"WEBHOOK\",\"url\":\""
                + hook(path)
                + "\",\"secret\":\""
                + SECRET
                + "\"}");
    return c.path("id").asText();
  }

  @Test
  void errorRateAlert_firesAndResolvesOnSentData_signedWebhooksVerified_retriesLogged()
      throws Exception {
    String signedId = channel("ops", "/signed");
    String flakyId = channel("flaky", "/flaky");
    JsonNode created =
        ok(
            "POST",
            "/api/public/alert-rules",
            AUTH_A,
            "{\"name\":\"gpt-alert-x error rate\","
                + "\"query\":{\"view\":\"observations\","
                + "\"metrics\":[{\"measure\":\"errors\",\"aggregation\":\"avg\"}],"
                + "\"filters\":[{\"column\":\"providedModelName\",\"operator\":\"=\",\"value\":\""
                + MODEL
                + "\"},{\"column\":\"type\",\"operator\":\"=\",\"value\":\"GENERATION\"}]},"
                + "\"comparison\":\">\",\"threshold\":0.5,\"window\":\"10m\",\"interval\":\"1s\","
                + "\"channelIds\":[\""
                + signedId
                + "\",\""
                + flakyId
                + "\"]}");
    String ruleId = created.path("id").asText();
    assertThat(created.path("condition").asText()).isEqualTo("avg(errors) > 0.5");
    assertThat(created.path("interval").asText()).isEqualTo("1s");

    // before any data: an average of nothing is no data
    awaitRule(ruleId, r -> r.path("status").path("state").asText().equals("NO_DATA"));

    // 10 calls of the model, 6 failed: 0.6 > 0.5. Noise the rule must not count: another model
    // failing in project A, and the same model failing in project B.
    int sentErrors = 6, sent = 10;
    ingest(AUTH_A, MODEL, sent, sentErrors, "bad");
    ingest(AUTH_A, "other-model", 5, 5, "other");
    ingest(AUTH_B, MODEL, 10, 10, "b");
    double firingValue = (double) sentErrors / sent;

    JsonNode firing =
        awaitRule(ruleId, r -> r.path("status").path("state").asText().equals("FIRING"));
    assertThat(firing.path("status").path("value").asDouble()).isEqualTo(firingValue);
    System.out.println("alert firing: " + firing.path("status"));

    awaitSize(signed, 1);
    Received fired = signed.getFirst();
    assertThat(fired.signatureOk()).as("HMAC recomputed by the receiver").isTrue();
    assertThat(fired.body().path("kind").asText()).isEqualTo("FIRING");
    assertThat(fired.body().path("value").asDouble()).isEqualTo(firingValue);
    assertThat(fired.body().path("rule").path("id").asText()).isEqualTo(ruleId);
    assertThat(fired.body().path("message").asText())
        .isEqualTo("avg(errors) = 0.6 > 0.5 over the last 10m");

    // the flaky receiver answered 500, then 200 to the retry of the same notification
    awaitSize(flaky, 2);
    assertThat(flaky.get(0).delivery()).isEqualTo(flaky.get(1).delivery());
    assertThat(flaky).extracting(Received::attempt).containsExactly(1, 2);
    assertThat(flaky).allMatch(Received::signatureOk);
    JsonNode log = awaitDeliveries(ruleId, flakyId, 2);
    System.out.println("delivery log (flaky channel): " + log);
    assertThat(log.get(0).path("attempt").asInt()).isEqualTo(2);
    assertThat(log.get(0).path("statusCode").asInt()).isEqualTo(200);
    assertThat(log.get(0).path("ok").asBoolean()).isTrue();
    assertThat(log.get(1).path("attempt").asInt()).isEqualTo(1);
    assertThat(log.get(1).path("statusCode").asInt()).isEqualTo(500);
    assertThat(log.get(1).path("error").asText()).isEqualTo("HTTP 500");
    assertThat(log.get(1).path("durationMs").isNumber()).isTrue();
    assertThat(log.get(0).path("kind").asText()).isEqualTo("FIRING");

    // 30 healthy calls: 6 of 40 failed, 0.15, not > 0.5: resolved
    ingest(AUTH_A, MODEL, 30, 0, "good");
    double resolvedValue = (double) sentErrors / (sent + 30);
    JsonNode ok = awaitRule(ruleId, r -> r.path("status").path("state").asText().equals("OK"));
    assertThat(ok.path("status").path("value").asDouble()).isEqualTo(resolvedValue);

    awaitSize(signed, 2);
    Received resolved = signed.get(1);
    assertThat(resolved.signatureOk()).isTrue();
    assertThat(resolved.body().path("kind").asText()).isEqualTo("RESOLVED");
    assertThat(resolved.body().path("previousState").asText()).isEqualTo("FIRING");
    assertThat(resolved.body().path("value").asDouble()).isEqualTo(resolvedValue);

    JsonNode history = ok("GET", "/api/public/alert-rules/" + ruleId + "/history", AUTH_A, null);
    System.out.println("history: " + history);
    List<String> changes = new ArrayList<>();
    history
        .path("data")
        .forEach(
            e ->
                changes.add(
                    e.path("from").asText()
                        + "->"
                        + e.path("to").asText()
                        + " "
                        + e.path("notification").asText()
                        + " "
                        + e.path("value").asText()));
    assertThat(changes)
        .containsExactly(
            "FIRING->OK RESOLVED " + resolvedValue,
            "NO_DATA->FIRING FIRING " + firingValue,
            "OK->NO_DATA null null");

    // the same value from the metrics API, over the rule's window
    Instant now = Instant.now();
    String q =
        "{\"view\":\"observations\",\"metrics\":[{\"measure\":\"errors\",\"aggregation\":\"avg\"}],"
            + "\"filters\":[{\"column\":\"providedModelName\",\"operator\":\"=\",\"value\":\""
            + MODEL
            + "\"}],\"fromTimestamp\":\""
            + now.minus(Duration.ofMinutes(10))
            + "\",\"toTimestamp\":\""
            + now
            + "\"}";
    JsonNode metrics =
        ok(
            "GET",
            "/api/public/metrics?query=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8),
            AUTH_A,
            null);
    assertThat(metrics.path("data").get(0).path("avg_errors").asDouble()).isEqualTo(resolvedValue);
  }

  private JsonNode awaitDeliveries(String ruleId, String channelId, int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode data = null;
    while (System.nanoTime() < deadline) {
      data =
          ok(
                  "GET",
                  "/api/public/alert-deliveries?ruleId=" + ruleId + "&channelId=" + channelId,
                  AUTH_A,
                  null)
              .path("data");
      if (data.size() >= n) return data;
      Thread.sleep(100);
    }
    throw new AssertionError("deliveries: " + data);
  }

  @Test
  void secretIsWriteOnly_keptOnUpdate_neverReturned() {
    String id = channel("ops", "/signed");
    for (String path : List.of("/api/public/alert-channels", "/api/public/alert-channels/" + id)) {
      String body = send("GET", path, AUTH_A, null).body();
      assertThat(body)
          .doesNotContain(SECRET)
          .doesNotContain("\"secret\"")
          .contains("\"signed\":true");
    }
    JsonNode renamed =
        ok(
            "PUT",
            "/api/public/alert-channels/" + id,
            AUTH_A,
            "{\"name\":\"ops-2\",\"url\":\"" + hook("/signed") + "\"}");
    assertThat(renamed.path("signed").asBoolean()).as("no secret in the change: kept").isTrue();
    assertThat(renamed.toString()).doesNotContain(SECRET);

    // the test action signs with the kept secret; the receiver verifies it
    JsonNode test = ok("POST", "/api/public/alert-channels/" + id + "/test", AUTH_A, null);
    assertThat(test.path("statusCode").asInt()).isEqualTo(200);
    assertThat(test.path("kind").asText()).isEqualTo("TEST");
    assertThat(signed).singleElement().satisfies(r -> assertThat(r.signatureOk()).isTrue());

    JsonNode unsigned =
        ok(
            "PUT",
            "/api/public/alert-channels/" + id,
            AUTH_A,
            "{\"name\":\"ops-2\",\"url\":\"" + hook("/signed") + "\",\"secret\":null}");
    assertThat(unsigned.path("signed").asBoolean()).isFalse();
  }

  @Test
  void anotherProject_seesAndTouchesNothing() {
    String channelId = channel("ops", "/signed");
    String rule =
        "{\"name\":\"p95 latency\",\"query\":{\"view\":\"traces\",\"metrics\":[{\"measure\":\"latency\",\"aggregation\":\"p95\"}]},"
            + "\"comparison\":\">=\",\"threshold\":2500,\"window\":\"5m\",\"channelIds\":[\""
            + channelId
            + "\"]}";
    String ruleId = ok("POST", "/api/public/alert-rules", AUTH_A, rule).path("id").asText();

    assertThat(ok("GET", "/api/public/alert-rules", AUTH_B, null).path("data").size()).isZero();
    assertThat(ok("GET", "/api/public/alert-channels", AUTH_B, null).path("data").size()).isZero();
    assertThat(ok("GET", "/api/public/alert-deliveries", AUTH_B, null).path("data").size())
        .isZero();
    for (String[] call :
        new String[][] {
          {"GET", "/api/public/alert-rules/" + ruleId},
          {"GET", "/api/public/alert-rules/" + ruleId + "/history"},
          {"DELETE", "/api/public/alert-rules/" + ruleId},
          {"POST", "/api/public/alert-rules/" + ruleId + "/test"},
          {"GET", "/api/public/alert-channels/" + channelId},
          {"DELETE", "/api/public/alert-channels/" + channelId},
          {"POST", "/api/public/alert-channels/" + channelId + "/test"}
        }) {
      assertThat(send(call[0], call[1], AUTH_B, null).statusCode())
          .as(call[0] + " " + call[1])
          .isEqualTo(404);
    }
    HttpResponse<String> borrowing = send("POST", "/api/public/alert-rules", AUTH_B, rule);
    assertThat(borrowing.statusCode()).isEqualTo(400);
    assertThat(borrowing.body())
        .contains("channelIds[0]: no channel '" + channelId + "' in this project");
    assertThat(ok("GET", "/api/public/alert-rules/" + ruleId, AUTH_A, null).path("name").asText())
        .isEqualTo("p95 latency");
  }

  @Test
  void badBodies_are400NamingTheField_andNothingIsStored() {
    String base =
        "{\"name\":\"x\",\"query\":{\"view\":\"observations\",\"metrics\":[{\"measure\":\"errors\",\"aggregation\":\"avg\"}]},"
            + "\"comparison\":\">\",\"threshold\":0.1,\"window\":\"5m\"";
    assertThat(refused("/api/public/alert-rules", base.replace("\"errors\"", "\"nope\"") + "}"))
        .contains("query.metrics[0].measure: unknown measure 'nope'");
    assertThat(refused("/api/public/alert-rules", base.replace(",\"threshold\":0.1", "") + "}"))
        .contains("threshold: required, a number");
    assertThat(refused("/api/public/alert-rules", base.replace("\"5m\"", "\"5 parsecs\"") + "}"))
        .contains("window: expected a duration like 30s, 5m, 1h, 2d or PT5M");
    assertThat(refused("/api/public/alert-rules", base.replace("\"5m\"", "\"1s\"") + "}"))
        .contains("window: must be 10s to 31d, got 1s");
    assertThat(refused("/api/public/alert-rules", base.replace("\">\"", "\"~\"") + "}"))
        .contains("comparison: unknown comparison '~'");
    assertThat(refused("/api/public/alert-rules", base + ",\"channelIds\":[\"ghost\"]}"))
        .contains("channelIds[0]: no channel 'ghost' in this project");
    assertThat(
            refused(
                "/api/public/alert-rules",
                base.replace("}]}", "},{\"measure\":\"count\",\"aggregation\":\"count\"}]}") + "}"))
        .contains("query.metrics: exactly one metric, got 2");
    assertThat(refused("/api/public/alert-channels", "{\"name\":\"c\",\"url\":\"ftp://x\"}"))
        .contains("url: must be an http or https URL");
    assertThat(ok("GET", "/api/public/alert-rules", AUTH_A, null).path("data").size()).isZero();
    assertThat(ok("GET", "/api/public/alert-channels", AUTH_A, null).path("data").size()).isZero();
  }

  private String refused(String path, String body) {
    HttpResponse<String> r = send("POST", path, AUTH_A, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    return Json.parse(r.body()).path("message").asText();
  }
}
