package dev.loupe.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.LoupeServer;
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
import java.util.stream.Collectors;

/** Real HTTP to a running server's UI and ingestion API, for the UI's tests. */
final class UiClient implements AutoCloseable {
  private final LoupeServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  UiClient(LoupeServer server) {
    this.server = server;
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
  String signIn(String publicKey, String secretKey) throws IOException, InterruptedException {
    return cookieOf(login(publicKey, secretKey));
  }

  /** The session cookie a successful sign-in answer sets. */
  static String cookieOf(HttpResponse<String> signIn) {
    assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(303);
    String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
    return "loupe_session="
        + setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (cookie != null) b.header("Cookie", cookie);
    return send(b.build());
  }

  /** Sends a Langfuse ingestion batch with the key pair; every event must be accepted. */
  void ingest(String publicKey, String secretKey, String batch)
      throws IOException, InterruptedException {
    String auth =
        Base64.getEncoder()
            .encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("/api/public/ingestion"))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(207);
    assertThat(r.body()).as(r.body()).contains("\"errors\":[]");
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Override
  public void close() {
    client.close();
  }
}
