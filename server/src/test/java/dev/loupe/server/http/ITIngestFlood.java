package dev.loupe.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.loupe.model.Json;
import dev.loupe.server.process.ServerProcess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sustained flood of large OTLP exports from many concurrent clients against a server whose heap
 * is bounded (child JVM, 256 MiB): the server slows its clients — 429 with Retry-After, which the
 * clients honour as OTLP exporters do — rather than growing until it fails. Memory stays bounded,
 * nothing is a 5xx, and every span acknowledged with a 2xx is stored.
 */
class ITIngestFlood {
  static final String HEAP = "256m";
  static final long RSS_BOUND_MIB = 768;
  static final int CLIENTS = 96;
  static final int SPANS_PER_BODY = 800;
  static final Duration FLOOD = Duration.ofSeconds(15);

  @TempDir Path dir;

  record Acknowledged(String traceId, int spans) {}

  @Test
  void flood_isSlowedWithRetryAfterAndEveryAcknowledgedSpanIsStored() throws Exception {
    byte[] template = body(new Random(7));
    AtomicLong sent = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    Map<String, Long> unexpected = new ConcurrentHashMap<>();
    List<Acknowledged> acknowledged = Collections.synchronizedList(new ArrayList<>());
    long maxRssMiB;
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), HEAP, Map.of());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      long end = System.nanoTime() + FLOOD.toNanos();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Random r = new Random(0x5eed_0000L + 7919L * c);
        clients.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (System.nanoTime() < end) {
                        String traceId = hex(r, 16);
                        byte[] salt = new byte[4];
                        r.nextBytes(salt);
                        byte[] body = withIds(template, traceId, salt);
                        while (System.nanoTime() < end) {
                          sent.incrementAndGet();
                          HttpResponse<byte[]> answer = export(client, server.port(), body);
                          int status = answer == null ? -1 : answer.statusCode();
                          if (status == 200 && rejected(answer) != null) {
                            unexpected.merge("200 rejecting " + rejected(answer), 1L, Long::sum);
                            break;
                          }
                          if (status == 200) {
                            acknowledged.add(new Acknowledged(traceId, SPANS_PER_BODY));
                            break;
                          }
                          String retryAfter =
                              answer == null
                                  ? null
                                  : answer.headers().firstValue("Retry-After").orElse(null);
                          if ((status == 429 || status == 503) && retryAfter != null) {
                            refused.incrementAndGet();
                            sleep(Duration.ofSeconds(Long.parseLong(retryAfter)));
                          } else {
                            unexpected.merge(
                                status + " " + (answer == null ? "no answer" : abbreviate(answer)),
                                1L,
                                Long::sum);
                            break;
                          }
                        }
                      }
                    }));
      }
      for (Thread t : clients) t.join();
      maxRssMiB = server.maxRssKiB() / 1024;

      List<String> lost = new ArrayList<>();
      for (Acknowledged a : acknowledged) {
        long stored = storedSpans(client, server.port(), a.traceId());
        if (stored != a.spans()) lost.add(a.traceId() + ": " + stored + " of " + a.spans());
      }
      System.out.printf(
          "ITIngestFlood: %d clients, %d requests, %d acknowledged (%d spans), %d refused with"
              + " Retry-After, unexpected %s, lost %s, max RSS %d MiB (bound %d, heap %s)%n",
          CLIENTS,
          sent.get(),
          acknowledged.size(),
          acknowledged.size() * (long) SPANS_PER_BODY,
          refused.get(),
          unexpected,
          lost,
          maxRssMiB,
          RSS_BOUND_MIB,
          HEAP);
      if (!unexpected.isEmpty() || !lost.isEmpty())
        server
            .log()
            .lines()
            .filter(l -> !l.startsWith("\t"))
            .limit(60)
            .forEach(System.out::println);
      assertThat(unexpected).as("answers other than 200 or a refusal with Retry-After").isEmpty();
      assertThat(lost).as("acknowledged traces not fully stored").isEmpty();
      assertThat(acknowledged).as("progress under the flood").isNotEmpty();
      assertThat(refused.get()).as("the flood reached the bound").isPositive();
      assertThat(server.isAlive()).isTrue();
    }
    assertThat(maxRssMiB).as("max RSS (MiB)").isLessThan(RSS_BOUND_MIB);
  }

  /** The partial success's message when spans were rejected, else null. */
  private static String rejected(HttpResponse<byte[]> answer) {
    try {
      var partial = ExportTraceServiceResponse.parseFrom(answer.body()).getPartialSuccess();
      return partial.getRejectedSpans() == 0 ? null : partial.getErrorMessage();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return "not an ExportTraceServiceResponse";
    }
  }

  private static HttpResponse<byte[]> export(HttpClient client, int port, byte[] body) {
    HttpRequest request = ServerProcess.otlpExport(port, body, Duration.ofSeconds(60));
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
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

  /** A realistic large export: generations with ~4 KB of chat input each, about 3.5 MB. */
  static byte[] body(Random r) {
    String traceId = "00000000000000000000000000000001";
    String input = "{\"role\":\"user\",\"content\":\"" + "lorem ipsum ".repeat(340) + "\"}";
    List<Span> spans = new ArrayList<>();
    long start = 1_795_000_000_000_000_000L;
    for (int i = 0; i < SPANS_PER_BODY; i++) {
      spans.add(
          Span.newBuilder()
              .setTraceId(bytes(traceId))
              .setSpanId(ByteString.copyFrom(spanId(SPAN_SALT, i)))
              .setName("chat")
              .setStartTimeUnixNano(start + i * 1_000_000L)
              .setEndTimeUnixNano(start + i * 1_000_000L + 500_000_000L)
              .addAttributes(attribute("langfuse.observation.type", "generation"))
              .addAttributes(attribute("langfuse.observation.model.name", "gpt-4o"))
              .addAttributes(
                  attribute("langfuse.observation.usage_details", "{\"input\":900,\"output\":40}"))
              .addAttributes(attribute("langfuse.observation.input", input))
              .build());
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build()
        .toByteArray();
  }

  /** Marks the template's span ids: each is this salt and the span's index. */
  static final byte[] SPAN_SALT = {(byte) 0xa5, 0x5a, (byte) 0xc3, 0x3c};

  static byte[] spanId(byte[] salt, int index) {
    return java.nio.ByteBuffer.allocate(8).put(salt).putInt(index).array();
  }

  /**
   * The template with its trace id (16 bytes, in every span) and the salt of its span ids replaced,
   * so that every body writes new observations.
   */
  static byte[] withIds(byte[] template, String traceId, byte[] salt) {
    byte[] out = template.clone();
    replace(
        out, bytes("00000000000000000000000000000001").toByteArray(), bytes(traceId).toByteArray());
    replace(out, concat(new byte[] {0x12, 8}, SPAN_SALT), concat(new byte[] {0x12, 8}, salt));
    return out;
  }

  private static void replace(byte[] bytes, byte[] from, byte[] to) {
    for (int i = 0; i + from.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, bytes, i, to.length);
        i += from.length - 1;
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static ByteString bytes(String hex) {
    return ByteString.copyFrom(java.util.HexFormat.of().parseHex(hex));
  }

  static String hex(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    b[0] |= 1;
    return java.util.HexFormat.of().formatHex(b);
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String abbreviate(HttpResponse<byte[]> r) {
    String b = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    return b.length() <= 200 ? b : b.substring(0, 200);
  }
}
