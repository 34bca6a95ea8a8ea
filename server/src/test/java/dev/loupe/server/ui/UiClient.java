package dev.loupe.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.LoupeServer;
import dev.loupe.server.ui.access.LoginPages;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real HTTP to a running server's UI and ingestion API, for the UI's tests. Registered with
 * {@code @RegisterExtension} ({@link #starting}), it starts its own server before each test and
 * closes it after.
 */
public final class UiClient implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
  private final @Nullable Supplier<LoupeServer> start;
  private @Nullable LoupeServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  /** A client of a running server, which stays running when the client closes. */
  UiClient(LoupeServer server) {
    this.start = null;
    this.server = server;
  }

  private UiClient(Supplier<LoupeServer> start) {
    this.start = start;
  }

  /** A client of the server {@code start} gives before each test, closed after the test. */
  public static UiClient starting(Supplier<LoupeServer> start) {
    return new UiClient(start);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (start != null) server = start.get();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
    if (start != null && server != null) server.close();
  }

  /** The server the requests go to. */
  LoupeServer server() {
    return Objects.requireNonNull(server, "the server starts before each test");
  }

  /** POSTs the form (fields in order) with extra headers. */
  HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers)
      throws IOException, InterruptedException {
    String form =
        fields.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) b.headers(headers);
    return send(b.build());
  }

  HttpResponse<String> login(String publicKey, String secretKey)
      throws IOException, InterruptedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("publicKey", publicKey);
    form.put("secretKey", secretKey);
    return postForm(LoginPages.PATH, form);
  }

  /** Signs in with the key pair and returns the {@code Cookie} header value to send. */
  public String signIn(String publicKey, String secretKey)
      throws IOException, InterruptedException {
    return cookieOf(login(publicKey, secretKey));
  }

  /** The session cookie a successful sign-in answer sets. */
  static String cookieOf(HttpResponse<String> signIn) {
    assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(303);
    return "loupe_session=" + cookieValue(signIn.headers().firstValue("Set-Cookie").orElseThrow());
  }

  /** The value of a {@code Set-Cookie} header: what stands between its first '=' and ';'. */
  static String cookieValue(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  public HttpResponse<String> get(String path, String cookie)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (cookie != null) b.header("Cookie", cookie);
    return send(b.build());
  }

  /** GETs a public API path with the key pair (Basic auth). */
  public HttpResponse<String> api(String publicKey, String secretKey, String path)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", basic(publicKey, secretKey))
            .GET()
            .build());
  }

  /** Sends a Langfuse ingestion batch with the key pair; every event must be accepted. */
  public void ingest(String publicKey, String secretKey, String batch)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/api/public/ingestion"))
                .header("Authorization", basic(publicKey, secretKey))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
    assertThat(r.body()).as(r.body()).contains("\"errors\":[]");
  }

  /** Sends an OTLP/JSON export body with the key pair; it must be accepted whole. */
  public void otlp(String publicKey, String secretKey, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/api/public/otel/v1/traces"))
                .header("Authorization", basic(publicKey, secretKey))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).as(r.body()).doesNotContain("rejected");
  }

  private static String basic(String publicKey, String secretKey) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server().port() + path);
  }

  @Override
  public void close() {
    client.close();
  }
}
