package dev.loupe.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.process.RawHttp;
import dev.loupe.server.process.RawHttp.Kind;
import dev.loupe.server.process.RawHttp.Outcome;
import dev.loupe.server.process.ServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request framing no client library produces, written over a raw socket to a real server (child
 * JVM, body timeout 2 s): every request is answered promptly, with 400 naming the problem when the
 * framing is invalid and 408 when the body does not arrive in time; nothing hangs until the client
 * gives up.
 */
class ITMalformedFraming {
  static final int BODY_TIMEOUT_SECONDS = 2;

  /** Well past the body timeout: a request still unanswered then is hung. */
  static final Duration CLIENT_DEADLINE = Duration.ofSeconds(15);

  /** What "promptly" means here: the body timeout plus scheduling slack on a busy machine. */
  static final long PROMPT_MS = (BODY_TIMEOUT_SECONDS + 3) * 1000L;

  static final String BATCH =
      """
      {"batch": [{"id": "e1", "timestamp": "2026-03-01T10:00:00.000Z", "type": "trace-create",
        "body": {"id": "framing-t1", "name": "framed", "timestamp": "2026-03-01T10:00:00.000Z"}}]}""";

  @TempDir static Path dir;
  static ServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    server =
        ServerProcess.start(
            dir.resolve("data"),
            "256m",
            Map.of("LOUPE_BODY_TIMEOUT_SECONDS", Integer.toString(BODY_TIMEOUT_SECONDS)));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static Map<String, String> headers(String... extra) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", ServerProcess.BASIC);
    h.put("Content-Type", "application/json");
    for (int i = 0; i < extra.length; i += 2) h.put(extra[i], extra[i + 1]);
    return h;
  }

  Outcome post(Map<String, String> headers, RawHttp.BodyWriter body) throws IOException {
    return RawHttp.exchange(
        server.port(),
        RawHttp.head("POST", "/api/public/ingestion", headers),
        body,
        CLIENT_DEADLINE);
  }

  static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Keeps the connection open and silent, as a stalled or malicious client does. */
  static void holdOpen() throws InterruptedException {
    Thread.sleep(CLIENT_DEADLINE.toMillis() + 1000);
  }

  @Test
  void chunked_wellFormedBodyIsAccepted() throws Exception {
    byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);
    Outcome o =
        post(
            headers("Transfer-Encoding", "chunked"),
            out -> {
              write(out, "10;ext=1\r\n");
              out.write(body, 0, 16);
              write(out, "\r\n" + Integer.toHexString(body.length - 16) + "\r\n");
              out.write(body, 16, body.length - 16);
              write(out, "\r\n0\r\n\r\n");
            });

    assertThat(o.kind()).as(o.toString()).isEqualTo(Kind.ANSWERED);
    assertThat(o.status()).as(o.toString()).isEqualTo(207);
  }

  @Test
  void chunked_badChunkSizeLineIs400NamingTheChunkedBody() throws Exception {
    Outcome o =
        post(
            headers("Transfer-Encoding", "chunked"),
            out -> {
              write(out, "zz\r\n{}\r\n0\r\n\r\n");
              holdOpen();
            });

    assertThat(o.status()).as(o.toString()).isEqualTo(400);
    assertThat(o.bodyText()).contains("chunk");
    assertThat(o.millis()).isLessThan(PROMPT_MS);
  }

  @Test
  void chunked_chunkSizeBeyondAnyBodyIs400NotA500() throws Exception {
    Outcome o =
        post(
            headers("Transfer-Encoding", "chunked"),
            out -> {
              write(out, "ffffffffffffff\r\n{\"batch\": []}");
              holdOpen();
            });

    assertThat(o.status()).as(o.toString()).isEqualTo(400);
    assertThat(o.bodyText()).contains("chunk");
    assertThat(o.millis()).isLessThan(PROMPT_MS);
  }

  @Test
  void chunked_missingTerminatingChunkIsAnsweredAtTheBodyTimeout() throws Exception {
    Outcome o =
        post(
            headers("Transfer-Encoding", "chunked"),
            out -> {
              write(out, "2\r\n{}\r\n");
              holdOpen();
            });

    assertThat(o.kind()).as(o.toString()).isEqualTo(Kind.ANSWERED);
    assertThat(o.status()).as(o.toString()).isEqualTo(408);
    assertThat(o.headers()).containsEntry("connection", "close");
    assertThat(o.millis()).isBetween(BODY_TIMEOUT_SECONDS * 1000L - 100, PROMPT_MS);
  }

  @Test
  void contentLength_largerThanWhatIsSentIsAnsweredAtTheBodyTimeout() throws Exception {
    Outcome o =
        post(
            headers("Content-Length", "100"),
            out -> {
              write(out, "{\"batch\": []}");
              holdOpen();
            });

    assertThat(o.status()).as(o.toString()).isEqualTo(408);
    assertThat(o.bodyText()).contains("100");
    assertThat(o.millis()).isLessThan(PROMPT_MS);
  }

  @Test
  void contentLength_largerThanWhatIsSentThenHalfClosedIs400() throws Exception {
    Outcome o =
        post(
            headers("Content-Length", "100"),
            out -> {
              write(out, "{\"batch\": []}");
              // half-close: no more bytes will come, but the answer can
              out.close();
            });

    assertThat(o.kind()).as(o.toString()).isIn(Kind.ANSWERED, Kind.CLOSED);
    if (o.kind() == Kind.ANSWERED) assertThat(o.status()).as(o.toString()).isEqualTo(400);
    assertThat(o.millis()).isLessThan(PROMPT_MS);
  }

  @Test
  void slowBody_finishedWithinTheTimeoutIsAccepted() throws Exception {
    byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);
    Outcome o =
        post(
            headers("Content-Length", Integer.toString(body.length)),
            out -> {
              for (int i = 0; i < body.length; i += 40) {
                out.write(body, i, Math.min(40, body.length - i));
                out.flush();
                Thread.sleep(100);
              }
            });

    assertThat(o.status()).as(o.toString()).isEqualTo(207);
  }

  @Test
  void slowBody_tricklingPastTheTimeoutIs408() throws Exception {
    Outcome o =
        post(
            headers("Content-Length", "100000"),
            out -> {
              while (true) {
                write(out, " ");
                Thread.sleep(300);
              }
            });

    assertThat(o.status()).as(o.toString()).isEqualTo(408);
    assertThat(o.millis()).isLessThan(PROMPT_MS);
  }

  @Test
  void slowHeaders_neverFinishedAreClosedNotHeldForever() throws Exception {
    Outcome o =
        RawHttp.exchange(
            server.port(),
            "POST /api/public/ingestion HTTP/1.1\r\nHost: x\r\n"
                .getBytes(StandardCharsets.ISO_8859_1),
            out -> {
              while (true) {
                write(out, "X-Slow: 1\r\n");
                Thread.sleep(300);
              }
            },
            CLIENT_DEADLINE);

    assertThat(o.kind()).as(o.toString()).isNotEqualTo(Kind.HUNG);
    assertThat(o.millis()).isLessThan(PROMPT_MS + 2000);
  }

  @Test
  void earlyAnswer_closesTheConnectionSoThatAPooledClientDoesNotReuseIt() throws Exception {
    byte[] large = new byte[1 << 20];
    java.util.Arrays.fill(large, (byte) ' ');
    byte[] good = BATCH.getBytes(StandardCharsets.UTF_8);
    List<String> got = new ArrayList<>();
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      for (int i = 0; i < 20; i++) {
        got.add(send(client, "text/plain", large)); // 415 before the body is read
        got.add(send(client, "application/json", good));
      }
    }

    assertThat(got).as("every request answered").containsOnly("415", "207");
  }

  private static String send(HttpClient client, String contentType, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/public/ingestion"))
            .header("Authorization", ServerProcess.BASIC)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return Integer.toString(
          client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  @Test
  void afterAllThat_theServerStillAnswersWellFormedRequests() throws Exception {
    byte[] body = BATCH.getBytes(StandardCharsets.UTF_8);
    Outcome o =
        post(headers("Content-Length", Integer.toString(body.length)), out -> out.write(body));

    assertThat(o.status()).as(o.toString()).isEqualTo(207);
    assertThat(server.isAlive()).isTrue();
  }
}
