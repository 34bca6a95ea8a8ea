package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.ServerConfig.MetricsEndpoint;
import dev.loupe.server.ServerConfig.StorageKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /metrics} over real HTTP against a real server on DuckDB: the answer is Prometheus
 * text, the ingest counters move by exactly what was sent, routes are timed under their templates,
 * no label carries an id, a name or a message, and the endpoint answers only where configured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusHttpTest {
  static final String TRACE = "0123456789abcdef0123456789abcdef";
  static final String NOW = "2026-01-01T00:00:00Z";
  static final String END = "1767225601000000000";

  Path dir;
  TestServer t;

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("loupe-metrics");
    t = TestServer.start(StorageKind.DUCKDB, dir);
  }

  @AfterAll
  void stop() throws IOException {
    if (t != null) t.close();
    TestServer.deleteRecursively(dir);
  }

  @Test
  void metrics_isOpenPrometheusTextWithEveryMeterTheOperatorGuideLists() throws IOException {
    export(otlpBody(span("ddddddddddddddd1", TRACE, "work", END))); // a route with a body
    HttpResponse<String> r = t.send(HttpRequest.newBuilder(t.uri("/metrics")).build());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    // the export is timed just after its answer is sent: a scrape right after may precede that
    PrometheusText m = scrapeUntil(p -> p.types.containsKey("http_server_requests_seconds"));
    List<String> documented = documentedMeters();
    assertThat(documented).hasSizeGreaterThan(30);
    for (String family : documented) {
      assertThat(m.types).as("a meter docs/operations.md lists").containsKey(family);
    }
    for (String family : m.types.keySet()) {
      // every timer and distribution summary also has a _max gauge, documented once for all
      String base = family.replaceFirst("_max$", "");
      if (family.startsWith("loupe_") || family.startsWith("http_"))
        assertThat(documented).as("docs/operations.md lists every meter of ours").contains(base);
    }
    assertThat(m.sum("loupe_storage_up")).isEqualTo(1);
    assertThat(m.sum("loupe_storage_file_size_bytes", "file", "database")).isPositive();
    assertThat(m.sum("loupe_ingest_budget_limit_bytes")).isPositive();
    assertThat(m.sum("process_resident_memory_bytes")).isGreaterThan(10 << 20);
    assertThat(m.sum("jvm_memory_used_bytes", "area", "heap")).isPositive();
    assertThat(m.sum("jvm_threads_live_threads")).isPositive();
    assertThat(m.sum("process_uptime_seconds")).isPositive();
    assertThat(m.matching("loupe_info"))
        .singleElement()
        .satisfies(s -> assertThat(s.labels()).containsEntry("version", t.server.version()));
  }

  @Test
  void otlpExport_threeGoodSpansAndTwoBad_moveTheCountersByExactlyThat() {
    String body =
        otlpBody(
            span("aaaaaaaaaaaaaaa1", TRACE, "work", END),
            span("aaaaaaaaaaaaaaa2", TRACE, "work", END),
            span("aaaaaaaaaaaaaaa3", TRACE, "work", END),
            span("aaaaaaaaaaaaaaa4", "abc", "work", END), // a trace id of the wrong length
            span("aaaaaaaaaaaaaaa5", TRACE, "work", "18446744073709551615")); // after 2200
    PrometheusText before = scrape();

    HttpResponse<String> r = export(body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"rejectedSpans\":\"2\"");
    String[] route = {"method", "POST", "route", "/api/public/otel/v1/traces"};
    PrometheusText after =
        scrapeUntil(m -> delta(before, m, "http_server_request_body_bytes_count", route) >= 1);
    String wire = "otlp_http";
    assertThat(delta(before, after, "loupe_ingest_spans_received_total", "wire", wire))
        .isEqualTo(5);
    assertThat(delta(before, after, "loupe_ingest_spans_acknowledged_total", "wire", wire))
        .isEqualTo(3);
    assertThat(rejectedByReason(before, after, wire)).isEqualTo(Map.of("ids", 1.0, "bounds", 1.0));
    assertThat(rejectedByReason(before, after, "langfuse_batch")).isEmpty();
    assertThat(delta(before, after, "loupe_log_append_seconds_count")).isEqualTo(1);
    assertThat(delta(before, after, "http_server_request_body_bytes_count", route)).isEqualTo(1);
    assertThat(delta(before, after, "http_server_request_body_bytes_sum", route))
        .isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void anAcknowledgedExport_movesTheLogAndApplierMeters_andTheLagIsZeroOnceApplied()
      throws IOException {
    // earlier tests' writes are applied (and their batches counted) before the first scrape, so
    // no batch of theirs is counted between the two scrapes, nor half-counted by the first
    assertThat(t.server.awaitApplied(Duration.ofSeconds(30))).isTrue();
    PrometheusText before = scrape();

    // one request of three spans of a new trace: one log record
    String trace = "fedcba9876543210fedcba9876543210";
    HttpResponse<String> r =
        export(
            otlpBody(
                span("fffffffffffffff1", trace, "work", END),
                span("fffffffffffffff2", trace, "work", END),
                span("fffffffffffffff3", trace, "work", END)));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(t.server.awaitApplied(Duration.ofSeconds(30))).isTrue();
    PrometheusText after = scrape();
    assertThat(delta(before, after, "loupe_log_appended_records_total")).isEqualTo(1);
    double appended = delta(before, after, "loupe_log_appended_bytes_total");
    assertThat(appended).isGreaterThan(3 * 16);
    assertThat(delta(before, after, "loupe_log_syncs_total")).isGreaterThanOrEqualTo(1);
    assertThat(after.sum("loupe_log_segments")).isGreaterThanOrEqualTo(1);
    assertThat(after.sum("loupe_log_size_bytes")).isGreaterThanOrEqualTo(appended);
    assertThat(after.sum("loupe_log_up")).isEqualTo(1);
    // applied: the record in one batch, with its rows (each OTLP span is a trace row and a span)
    assertThat(delta(before, after, "loupe_apply_batch_records_sum")).isEqualTo(1);
    assertThat(delta(before, after, "loupe_apply_batch_records_count")).isEqualTo(1);
    assertThat(delta(before, after, "loupe_apply_batch_seconds_count")).isEqualTo(1);
    assertThat(delta(before, after, "loupe_apply_batch_rows_sum")).isEqualTo(6);
    assertThat(delta(before, after, "loupe_apply_bytes_total")).isPositive();
    assertThat(after.sum("loupe_apply_batch_seconds_sum"))
        .isGreaterThan(before.sum("loupe_apply_batch_seconds_sum"));
    assertThat(after.sum("loupe_apply_lag_records")).isZero();
    assertThat(after.sum("loupe_apply_lag_seconds")).isZero();
    assertThat(after.sum("loupe_apply_up")).isEqualTo(1);
    // the store writes the merged rows: the trace once, its three spans
    assertThat(delta(before, after, "loupe_storage_writer_rows_total")).isEqualTo(4);
    assertThat(delta(before, after, "loupe_storage_writer_groups_total")).isPositive();
    assertThat(after.sum("loupe_storage_file_size_bytes", "file", "payloads")).isPositive();
    // health says the same as the gauges
    HttpResponse<String> health =
        t.send(HttpRequest.newBuilder(t.uri("/api/public/health")).build());
    var ingest = dev.loupe.model.Json.MAPPER.readTree(health.body()).path("ingest");
    assertThat(ingest.path("lagRecords").asLong()).isZero();
    assertThat(ingest.path("log").path("segments").asLong())
        .isEqualTo((long) after.sum("loupe_log_segments"));
  }

  @Test
  void langfuseBatch_threeGoodEventsAndTwoBad_moveTheCountersByExactlyThat() {
    String batch =
        String.join(
            ",",
            event("e1", "trace-create", "{\"id\":\"t-lf\",\"name\":\"t\"}"),
            event("e2", "span-create", "{\"id\":\"s-lf\",\"traceId\":\"t-lf\",\"name\":\"s\"}"),
            event(
                "e3",
                "generation-create",
                "{\"id\":\"g-lf\",\"traceId\":\"t-lf\",\"name\":\"g\",\"model\":\"gpt-4o\"}"),
            event("e4", "span-create", "{\"id\":\"s-bad\",\"startTime\":\"yesterday\"}"),
            event("e5", "span-create", "{\"id\":\"s-deep\",\"metadata\":" + nested(70) + "}"));
    PrometheusText before = scrape();

    HttpResponse<String> r =
        t.send(
            HttpRequest.newBuilder(t.uri("/api/public/ingestion"))
                .header("Authorization", AUTH_A)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"batch\":[" + batch + "]}"))
                .build());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
    PrometheusText after = scrape();
    String wire = "langfuse_batch";
    assertThat(delta(before, after, "loupe_ingest_spans_received_total", "wire", wire))
        .isEqualTo(5);
    assertThat(delta(before, after, "loupe_ingest_spans_acknowledged_total", "wire", wire))
        .isEqualTo(3);
    assertThat(rejectedByReason(before, after, wire))
        .isEqualTo(Map.of("type", 1.0, "too_deep", 1.0));
    assertThat(rejectedByReason(before, after, "otlp_http")).isEmpty();
  }

  @Test
  void routeLatency_isAHistogramPerTemplateCountingEveryRequest() {
    PrometheusText before = scrape();
    for (int i = 0; i < 7; i++) t.get("/api/public/traces/no-such-" + i, AUTH_A); // 404s
    for (int i = 0; i < 3; i++) t.send(HttpRequest.newBuilder(t.uri("/api/public/health")).build());
    String[] traces = {"method", "GET", "route", "/api/public/traces/{traceId}", "status", "4xx"};
    String[] health = {"method", "GET", "route", "/api/public/health", "status", "2xx"};
    PrometheusText after =
        scrapeUntil(m -> delta(before, m, "http_server_requests_seconds_count", health) >= 3);

    assertThat(delta(before, after, "http_server_requests_seconds_count", traces)).isEqualTo(7);
    assertThat(
            delta(before, after, "http_server_requests_seconds_bucket", with(traces, "le", "+Inf")))
        .isEqualTo(7);
    assertThat(
            delta(before, after, "http_server_requests_seconds_bucket", with(traces, "le", "30.0")))
        .isEqualTo(7);
    assertThat(delta(before, after, "http_server_requests_seconds_count", health)).isEqualTo(3);
    assertThat(after.sum("http_server_requests_seconds_sum", health)).isPositive();
  }

  @Test
  void labels_neverHoldAnIdANameOrAMessage() throws Exception {
    String marker = "m" + UUID.randomUUID().toString().replace("-", "");
    export(
        otlpBody(
            span(marker.substring(1, 17), TRACE, marker, END),
            span("bbbbbbbbbbbbbbb1", marker, marker, END))); // rejected, naming the trace id
    t.get("/api/public/traces/" + marker, AUTH_A);
    t.get("/api/public/observations/" + marker, AUTH_A);
    t.get("/ui/" + marker, AUTH_A);
    t.send(HttpRequest.newBuilder(t.uri("/" + marker)).build());
    t.send(
        HttpRequest.newBuilder(t.uri("/api/public/health"))
            .method(marker.substring(0, 10).toUpperCase(), BodyPublishers.noBody())
            .build());

    PrometheusText m =
        scrapeUntil(
            p ->
                p.sum("http_server_requests_seconds_count", "route", "none", "method", "OTHER")
                    > 0);

    Set<String> closed =
        Set.of("method", "status", "wire", "reason", "file", "version", "route", "stage", "clock");
    Set<String> methods =
        Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER");
    List<String> leaks = new ArrayList<>();
    for (PrometheusText.Sample s : m.samples) {
      for (Map.Entry<String, String> label : s.labels().entrySet()) {
        String v = label.getValue();
        if (v.toLowerCase(java.util.Locale.ROOT).contains(marker.substring(1, 11))
            || v.contains("must be")
            || v.contains("hex characters")
            || v.contains("is at or after")) leaks.add(s.name() + " " + label);
        boolean ours = s.name().startsWith("loupe_") || s.name().startsWith("http_");
        if (!ours || label.getKey().equals("le")) continue;
        assertThat(closed).as(s.toString()).contains(label.getKey());
        switch (label.getKey()) {
          case "method" -> assertThat(methods).as(s.toString()).contains(v);
          case "status" -> assertThat(v).as(s.toString()).matches("[1-5]xx|none");
          case "route" -> assertThat(v).as(s.toString()).matches("none|/[A-Za-z0-9/{}_.*-]*");
          case "version" -> assertThat(v).isEqualTo(t.server.version());
          default -> assertThat(v).as(s.toString()).matches("[a-z0-9_.-]+");
        }
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(m.sum("http_server_requests_seconds_count", "route", "none", "method", "OTHER"))
        .isPositive();
    assertThat(m.sum("http_server_requests_seconds_count", "route", "/ui/*")).isPositive();
  }

  @Test
  void theNumberOfSeries_doesNotGrowWithWhatClientsSend() {
    for (int i = 0; i < 2; i++) unusualRequests("warm" + i); // every kind once: its series exist
    Set<String> series = seriesOf(scrape());

    for (int i = 0; i < 25; i++) unusualRequests("x" + i + UUID.randomUUID());

    Set<String> after = seriesOf(scrape());
    after.removeAll(series);
    assertThat(after).as("series that appeared").isEmpty();
  }

  /**
   * Loupe's own series (the JVM's may gain one when a collection has a new cause, e.g. {@code
   * jvm_gc_pause_seconds{cause="G1 Humongous Allocation"}}: that is the JVM's doing, not a
   * client's).
   */
  private static Set<String> seriesOf(PrometheusText m) {
    Set<String> out = new TreeSet<>();
    for (PrometheusText.Sample s : m.samples)
      if (s.name().startsWith("loupe_") || s.name().startsWith("http_"))
        out.add(s.name() + s.labels());
    return out;
  }

  /** Requests whose paths, ids, methods and rejections all carry {@code marker}. */
  void unusualRequests(String marker) {
    t.get("/api/public/traces/" + marker, AUTH_A);
    t.get("/ui/" + marker, AUTH_A);
    t.send(HttpRequest.newBuilder(t.uri("/" + marker)).build());
    t.send(
        HttpRequest.newBuilder(t.uri("/api/public/health"))
            .method("X" + marker.substring(0, 4).toUpperCase(), BodyPublishers.noBody())
            .build());
    export(otlpBody(span("bbbbbbbbbbbbbbb2", marker, marker, END)));
  }

  @Test
  void metricsOnAPortOfTheirOwn_areNotOnTheMainPort() throws IOException {
    Path other = Files.createTempDirectory("loupe-metrics-port");
    try (TestServer s =
        TestServer.start(
            StorageKind.MEMORY,
            other,
            c -> c.withMetrics(MetricsEndpoint.ownPort("127.0.0.1", 0)))) {
      int port = s.server.metricsPort();
      assertThat(port).isPositive().isNotEqualTo(s.server.port());

      assertThat(s.send(HttpRequest.newBuilder(s.uri("/metrics")).build()).statusCode())
          .isEqualTo(404);
      HttpResponse<String> own =
          s.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build());
      assertThat(own.statusCode()).isEqualTo(200);
      assertThat(PrometheusText.parse(own.body()).sum("loupe_storage_up")).isEqualTo(1);
      // the metrics port serves nothing else
      assertThat(
              s.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + port + "/api/public/health"))
                          .build())
                  .statusCode())
          .isEqualTo(404);
    } finally {
      TestServer.deleteRecursively(other);
    }
  }

  @Test
  void metricsOff_areNowhere() throws IOException {
    Path other = Files.createTempDirectory("loupe-metrics-off");
    try (TestServer s =
        TestServer.start(StorageKind.MEMORY, other, c -> c.withMetrics(MetricsEndpoint.off()))) {
      assertThat(s.server.metricsPort()).isEqualTo(-1);
      assertThat(s.send(HttpRequest.newBuilder(s.uri("/metrics")).build()).statusCode())
          .isEqualTo(404);
      // ingest still works without meters
      assertThat(
              s.send(
                      HttpRequest.newBuilder(s.uri("/api/public/otel/v1/traces"))
                          .header("Authorization", AUTH_A)
                          .header("Content-Type", "application/json")
                          .POST(
                              BodyPublishers.ofString(
                                  otlpBody(span("ccccccccccccccc1", TRACE, "work", END))))
                          .build())
                  .statusCode())
          .isEqualTo(200);
    } finally {
      TestServer.deleteRecursively(other);
    }
  }

  /** The metric families docs/operations.md names in its tables (back-quoted, lower case). */
  static List<String> documentedMeters() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "operations.md"));
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\\| `((?:loupe|http|jvm|process)_[a-z0-9_]+)`").matcher(doc);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  PrometheusText scrape() {
    HttpResponse<String> r = t.send(HttpRequest.newBuilder(t.uri("/metrics")).build());
    assertThat(r.statusCode()).isEqualTo(200);
    return PrometheusText.parse(r.body());
  }

  /**
   * Scrapes until {@code settled} holds, for at most 5 s: a request is timed just after its answer
   * is sent, so the client may read the answer a moment before the timer counts it.
   */
  PrometheusText scrapeUntil(java.util.function.Predicate<PrometheusText> settled) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    PrometheusText m = scrape();
    while (!settled.test(m) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      m = scrape();
    }
    return m;
  }

  static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  static Map<String, Double> rejectedByReason(
      PrometheusText before, PrometheusText after, String wire) {
    Map<String, Double> out = new java.util.TreeMap<>();
    for (PrometheusText.Sample s :
        after.matching("loupe_ingest_spans_rejected_total", "wire", wire)) {
      String reason = s.labels().get("reason");
      double d = s.value() - before.sum(s.name(), "wire", wire, "reason", reason);
      if (d != 0) out.put(reason, d);
    }
    return out;
  }

  static String[] with(String[] labels, String name, String value) {
    String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
    out[labels.length] = name;
    out[labels.length + 1] = value;
    return out;
  }

  HttpResponse<String> export(String body) {
    return t.send(
        HttpRequest.newBuilder(t.uri("/api/public/otel/v1/traces"))
            .header("Authorization", AUTH_A)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(60))
            .POST(BodyPublishers.ofString(body))
            .build());
  }

  static String otlpBody(String... spans) {
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + String.join(",", spans) + "]}]}]}";
  }

  /** An OTLP/JSON span starting at 2026-01-01T00:00:00Z. */
  static String span(String spanId, String traceId, String name, String endNanos) {
    return "{\"traceId\":\""
        + traceId
        + "\",\"spanId\":\""
        + spanId
        + "\",\"name\":\""
        + name
        + "\",\"startTimeUnixNano\":\"1767225600000000000\",\"endTimeUnixNano\":\""
        + endNanos
        + "\"}";
  }

  static String event(String id, String type, String body) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\""
        + type
        + "\",\"timestamp\":\""
        + NOW
        + "\",\"body\":"
        + body
        + "}";
  }

  /** A JSON value nested {@code levels} deep. */
  static String nested(int levels) {
    return "[".repeat(levels) + "1" + "]".repeat(levels);
  }
}
