package dev.loupe.server;

import dev.loupe.model.Project;
import dev.loupe.server.ServerConfig.StorageKind;
import dev.loupe.server.auth.ApiKeys;
import dev.loupe.storage.ProjectStore;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real server in this JVM on free ports, with project A (from the init config: Basic pair and
 * bearer key) and project B (keys saved through the project store), and a real HTTP client.
 */
final class TestServer implements AutoCloseable {
  static final String PROJECT_A = "proj-a";
  static final String PK_A = "pk-lf-test-a";
  static final String SK_A = "sk-lf-test-a";
  static final String KEY_A = "lma_test_key_a";
  static final String PROJECT_B = "proj-b";
  static final String PK_B = "pk-lf-test-b";
  static final String SK_B = "sk-lf-test-b";
  static final String KEY_B = "lma_test_key_b";

  final LoupeServer server;
  final HttpClient client = HttpClient.newHttpClient();

  private TestServer(LoupeServer server) {
    this.server = server;
  }

  static TestServer start(StorageKind storage, Path dataDir) {
    return start(storage, dataDir, c -> c);
  }

  static TestServer start(
      StorageKind storage, Path dataDir, UnaryOperator<ServerConfig> customize) {
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withOtlpPort(0)
            .withBind("127.0.0.1")
            .withStorage(storage)
            .withDataDir(dataDir)
            .withInitProject(InitProject.of(PROJECT_A, PK_A, SK_A, KEY_A));
    LoupeServer server = LoupeServer.start(customize.apply(config));
    ProjectStore projects = server.storage().projectStore();
    Instant now = Instant.now();
    projects.saveProject(new Project(PROJECT_B, "B", now));
    projects.saveKey(ApiKeys.basic(PROJECT_B, PK_B, SK_B, now));
    projects.saveKey(ApiKeys.bearer(PROJECT_B, KEY_B, now));
    return new TestServer(server);
  }

  static String basic(String publicKey, String secretKey) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
  }

  static final String AUTH_A = basic(PK_A, SK_A);
  static final String AUTH_B = basic(PK_B, SK_B);

  void seed(WriteBatch batch) {
    server.storage().observationConsumer().accept(batch);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  URI otlpUri(String path) {
    return URI.create("http://127.0.0.1:" + server.otlpPort() + path);
  }

  HttpResponse<String> get(String pathAndQuery, String authorization) {
    return send(
        HttpRequest.newBuilder(uri(pathAndQuery))
            .header("Authorization", authorization)
            .GET()
            .build());
  }

  HttpResponse<String> send(HttpRequest request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> sendForBytes(HttpRequest request) {
    return send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return client.send(request, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
