package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlainHttpTest {
  private HttpServer server;
  private final Set<Object> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          connections.add(ex.getRemoteAddress());
          byte[] in = ex.getRequestBody().readAllBytes();
          String mode = ex.getRequestURI().getPath().substring(1);
          String echo =
              ex.getRequestHeaders().getFirst("X-Test")
                  + ":"
                  + new String(in, StandardCharsets.UTF_8);
          byte[] out = echo.getBytes(StandardCharsets.UTF_8);
          calls.incrementAndGet();
          switch (mode) {
            case "busy" -> {
              ex.getResponseHeaders().set("Retry-After", "3");
              ex.sendResponseHeaders(429, -1);
            }
            case "chunked" -> {
              ex.sendResponseHeaders(200, 0);
              ex.getResponseBody().write(out);
            }
            case "close" -> {
              ex.getResponseHeaders().set("Connection", "close");
              ex.sendResponseHeaders(200, out.length);
              ex.getResponseBody().write(out);
            }
            default -> {
              ex.sendResponseHeaders(200, out.length);
              ex.getResponseBody().write(out);
            }
          }
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void post_sendsHeadersAndBodyAndReadsEveryKindOfAnswerOnOneConnection() throws Exception {
    try (PlainHttp http = new PlainHttp(url())) {
      for (int i = 0; i < 5; i++) {
        PlainHttp.Response r = http.post("/plain", Map.of("X-Test", "t" + i), bytes("body " + i));
        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r.body())).isEqualTo("t" + i + ":body " + i);
      }
      PlainHttp.Response chunked =
          http.post("/chunked", Map.of("X-Test", "c"), bytes("x".repeat(70_000)));
      assertThat(text(chunked.body())).isEqualTo("c:" + "x".repeat(70_000));
      PlainHttp.Response busy = http.post("/busy", Map.of("X-Test", "b"), bytes("later"));
      assertThat(busy.status()).isEqualTo(429);
      assertThat(busy.headers()).containsEntry("retry-after", "3");
      assertThat(busy.body()).isEmpty();
      assertThat(connections).as("kept alive").hasSize(1);
    }
  }

  @Test
  void post_opensANewConnectionAfterTheServerClosedOne() throws Exception {
    try (PlainHttp http = new PlainHttp(url())) {
      assertThat(text(http.post("/close", Map.of("X-Test", "1"), bytes("a")).body()))
          .isEqualTo("1:a");
      assertThat(text(http.post("/plain", Map.of("X-Test", "2"), bytes("b")).body()))
          .isEqualTo("2:b");
      assertThat(connections).hasSize(2);
      assertThat(calls).hasValue(2);
    }
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
