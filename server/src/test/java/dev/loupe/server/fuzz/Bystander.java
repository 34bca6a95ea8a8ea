package dev.loupe.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.model.Json;
import dev.loupe.server.fuzz.FuzzCase.GoodTrace;
import dev.loupe.server.process.ServerProcess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A well-behaved client sharing the server with the fuzzer: it sends only valid data (OTLP protobuf
 * exports and Langfuse batches, in turn) through the JDK's HTTP client, reads the traces and
 * observations lists now and then. It retries only what a real SDK retries: a 429 or 503 with
 * {@code Retry-After} (the ingest budget taken by the fuzzer's slow bodies, or apply lag) is sent
 * again after the wait, up to 5 times, as OTLP exporters and the Langfuse SDKs do. Every request
 * must then be acknowledged and every item it sent readable afterwards.
 */
final class Bystander implements Runnable {
  private final HttpClient client;
  private final int port;
  private final Random r;
  private final Report report;
  private final Readback readback;
  private final List<GoodTrace> sent = new ArrayList<>();
  private volatile boolean stop;
  private String lastError = "";

  Bystander(HttpClient client, int port, long seed, Report report) {
    this.client = client;
    this.port = port;
    this.r = new Random(seed ^ 0x5eedL);
    this.report = report;
    this.readback = new Readback(client, port);
  }

  void stop() {
    stop = true;
  }

  @Override
  public void run() {
    for (int i = 0; !stop; i++) {
      String traceId = Valid.hex(r, 16);
      if (i % 2 == 0) exportOtlp(traceId);
      else sendBatch(traceId);
      if (i % 4 == 3) {
        read("/api/public/traces?limit=20");
        read("/api/public/observations?limit=20");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Reads back everything it sent (after the fuzzing stopped). */
  void verify() {
    for (GoodTrace t : sent) {
      report.bystanderItems.addAndGet(t.observationIds().size());
      Readback.Found f = readback.trace(t);
      if (!f.ok()) {
        report.bystanderItemsLost.addAndGet(f.missing().size());
        report.fail(
            "bystander item lost",
            "bystander",
            "trace " + t.traceId(),
            f.status() + " " + f.detail());
      }
    }
  }

  private void exportOtlp(String traceId) {
    Valid.Span root = Valid.span(r, traceId, "");
    Valid.Span child = Valid.span(r, traceId, root.spanId());
    byte[] body =
        OtlpProtoBodies.request(
            List.of(OtlpProtoBodies.span(root).build(), OtlpProtoBodies.span(child).build()));
    HttpResponse<byte[]> answer = post(FuzzCase.OTLP_PATH, "application/x-protobuf", body);
    boolean ok = false;
    if (answer != null && answer.statusCode() == 200) {
      try {
        ok =
            ExportTraceServiceResponse.parseFrom(answer.body())
                    .getPartialSuccess()
                    .getRejectedSpans()
                == 0;
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        ok = false;
      }
    }
    acknowledged(ok, "otlp export", answer);
    if (ok) sent.add(new GoodTrace(traceId, List.of(root.spanId(), child.spanId())));
  }

  private void sendBatch(String traceId) {
    var create = LangfuseBodies.observationCreate(r, traceId);
    byte[] body =
        new RawJson()
            .render(LangfuseBodies.batch(List.of(LangfuseBodies.traceCreate(r, traceId), create)));
    HttpResponse<byte[]> answer = post(FuzzCase.INGESTION_PATH, "application/json", body);
    boolean ok = false;
    if (answer != null && answer.statusCode() == 207) {
      JsonNode multi =
          Json.parse(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
      ok = multi.path("successes").size() == 2 && multi.path("errors").isEmpty();
    }
    acknowledged(ok, "langfuse batch", answer);
    if (ok) sent.add(new GoodTrace(traceId, List.of(create.get("body").get("id").asText())));
  }

  private void acknowledged(boolean ok, String what, HttpResponse<byte[]> answer) {
    report.bystanderRequests.incrementAndGet();
    if (answer != null && answer.statusCode() >= 500) report.other5xx.incrementAndGet();
    if (ok) {
      report.bystanderAcknowledged.incrementAndGet();
    } else {
      report.fail(
          "bystander request not acknowledged",
          "bystander",
          what,
          answer == null
              ? "no answer: " + lastError
              : answer.statusCode()
                  + " "
                  + Readback.abbreviate(
                      new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  private void read(String path) {
    report.bystanderReads.incrementAndGet();
    HttpResponse<String> r = readback.get(path);
    if (r != null && r.statusCode() == 200) {
      report.bystanderReadsOk.incrementAndGet();
      return;
    }
    if (r != null && r.statusCode() >= 500) report.other5xx.incrementAndGet();
    report.fail(
        "bystander read failed",
        "bystander",
        "GET " + path,
        r == null ? "no answer" : r.statusCode() + " " + Readback.abbreviate(r.body()));
  }

  private HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
    HttpResponse<byte[]> answer = postOnce(path, contentType, body);
    for (int attempt = 1; attempt < 5 && isBackpressure(answer); attempt++) {
      report.bystanderBackpressure.incrementAndGet();
      try {
        long seconds = Long.parseLong(answer.headers().firstValue("retry-after").orElseThrow());
        Thread.sleep(Duration.ofSeconds(Math.min(5, seconds)));
      } catch (NumberFormatException e) {
        return answer;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return answer;
      }
      answer = postOnce(path, contentType, body);
    }
    return answer;
  }

  private static boolean isBackpressure(HttpResponse<byte[]> answer) {
    return answer != null
        && (answer.statusCode() == 429 || answer.statusCode() == 503)
        && answer.headers().firstValue("retry-after").isPresent();
  }

  private HttpResponse<byte[]> postOnce(String path, String contentType, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", ServerProcess.BASIC)
            .header("Content-Type", contentType)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      lastError = e.toString();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
