package dev.loupe.server;

import static dev.loupe.server.TestServer.AUTH_A;
import static dev.loupe.server.TestServer.PK_A;
import static dev.loupe.server.TestServer.PROJECT_A;
import static dev.loupe.server.TestServer.SK_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.pipeline.kafka.KafkaSettings;
import dev.loupe.server.ServerConfig.StorageKind;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes on one store and one Kafka topic, in this JVM: the store is the in-memory spec,
 * shared by the nodes as ClickHouse is by processes (DuckDB allows one process); each node has its
 * own Kafka clients, ports, caches and sessions, as separate processes would.
 */
class StatelessNodesTest {
  private static final String SECRET = "a session secret every node shares, 32+ chars";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WITHIN = Duration.ofSeconds(10);

  @TempDir Path dir;
  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final Storage store = new InMemoryStorage();
  private final KafkaSettings kafka = TestKafka.fresh(3);
  private final List<LoupeServer> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    for (LoupeServer n : nodes.reversed()) n.close();
    client.close();
  }

  private LoupeServer node(Set<Role> roles, String secret) {
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withOtlpPort(0)
            .withBind("127.0.0.1")
            .withStorage(StorageKind.MEMORY)
            .withDataDir(dir)
            .withInitProject(InitProject.of(PROJECT_A, PK_A, SK_A, TestServer.KEY_A))
            .withKafka(kafka)
            .withRoles(roles)
            .withSessionSecret(secret)
            // a read waits for what was acknowledged before it up to this bound; a loaded
            // 2-core box (a consumer group rebalancing, Kafka's fsyncs) can pass the default 2 s
            .withMaxApplyLag(WITHIN);
    Supplier<Storage> shared = () -> store;
    LoupeServer n =
        LoupeServer.start(config, new PrintStream(OutputStream.nullOutputStream()), shared);
    nodes.add(n);
    return n;
  }

  private LoupeServer node() {
    return node(Role.all(), SECRET);
  }

  @Test
  void aWriteThroughOneNodeIsReadPricedThroughAnother() throws Exception {
    LoupeServer a = node(), b = node();
    assertThat(b.awaitApplied(WITHIN)).isTrue(); // both appliers have joined the group
    assertThat(
            post(a, "/api/public/ingestion", batch(gen("g1", "gpt-4o", "2026-01-05T10:00:00Z")))
                .statusCode())
        .isEqualTo(207);
    // at once: a read waits for what any node acknowledged before it
    HttpResponse<String> read = get(b, "/api/public/observations/g1");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    JsonNode o = JSON.readTree(read.body());
    assertThat(o.get("costSource").asText()).isEqualTo("CALCULATED");
    assertThat(new BigDecimal(o.get("calculatedTotalCost").asText()))
        .isEqualByComparingTo("0.0075");
  }

  @Test
  void aUiSessionStartedOnOneNodeIsAcceptedByAnotherWithTheSameSecretOnly() throws Exception {
    LoupeServer a = node(), b = node(), stranger = node(Role.all(), SECRET.replace('a', 'b'));
    HttpResponse<String> login =
        send(
            HttpRequest.newBuilder(uri(a, "/ui/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + a.port())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "publicKey=" + enc(PK_A) + "&secretKey=" + enc(SK_A)))
                .build());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    assertThat(uiGet(a, "/ui/traces", cookie).statusCode()).isEqualTo(200);
    assertThat(uiGet(b, "/ui/traces", cookie).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = uiGet(stranger, "/ui/traces", cookie);
    assertThat(refused.statusCode()).isEqualTo(303);
    assertThat(refused.headers().firstValue("Location")).contains("/ui/login");
  }

  @Test
  void aCustomPriceCreatedThroughOneNodePricesWritesAppliedByAnotherWithinSeconds()
      throws Exception {
    LoupeServer a = node(), b = node();
    // B prices (and caches) gpt-4o for the project before the change
    post(b, "/api/public/ingestion", batch(gen("before", "gpt-4o", "2026-01-05T10:00:00Z")));
    assertThat(cost(awaitObservation(b, "before"))).isEqualByComparingTo("0.0075");

    HttpResponse<String> created =
        post(
            a,
            "/api/public/models",
            "{\"modelName\":\"gpt-4o\",\"matchPattern\":\"(?i)^(openai/)?gpt-4o$\","
                + "\"inputPrice\":0.000005,\"outputPrice\":0.00002,\"unit\":\"TOKENS\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

    // every node applies some partitions and prices on ingest: within the refresh, both use it
    long deadline = System.nanoTime() + WITHIN.toNanos();
    for (int i = 0; ; i++) {
      String id = "after" + i;
      post(b, "/api/public/ingestion", batch(gen(id, "gpt-4o", "2026-01-07T10:00:00Z")));
      if (cost(awaitObservation(a, id)).compareTo(new BigDecimal("0.015")) == 0) break;
      assertThat(System.nanoTime()).as("custom price seen in time").isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  @Test
  void rolesSplitTheWork() throws Exception {
    LoupeServer reader = node(EnumSet.of(Role.QUERY, Role.UI), SECRET);
    LoupeServer receiver = node(EnumSet.of(Role.INGEST), SECRET);

    HttpResponse<String> refusedIngest =
        post(reader, "/api/public/ingestion", batch(gen("r1", "gpt-4o", "2026-01-05T10:00:00Z")));
    assertThat(refusedIngest.statusCode()).isEqualTo(404);
    assertThat(refusedIngest.body())
        .contains("NotServedByThisNode")
        .contains("does not serve ingest")
        .contains("LOUPE_ROLES=query,ui");
    assertThat(reader.otlpPort()).isEqualTo(-1); // no collector port without ingest
    HttpResponse<String> refusedRead = get(receiver, "/api/public/traces");
    assertThat(refusedRead.statusCode()).isEqualTo(404);
    assertThat(refusedRead.body()).contains("does not serve query");
    HttpResponse<String> refusedUi = uiGet(receiver, "/ui/traces", null);
    assertThat(refusedUi.statusCode()).as(refusedUi.body()).isEqualTo(404);
    assertThat(get(receiver, "/api/public/health").statusCode()).isEqualTo(200);

    // neither applies: what the receiver acknowledges waits in Kafka
    assertThat(
            post(
                    receiver,
                    "/api/public/ingestion",
                    batch(gen("r2", "gpt-4o", "2026-01-05T10:00:00Z")))
                .statusCode())
        .isEqualTo(207);
    Thread.sleep(1_000);
    assertThat(store.traceStore().getTrace(PROJECT_A, "t-r2")).isEmpty();
    assertThat(receiver.ingestion().state().lagRecords()).isPositive();

    LoupeServer applier = node(EnumSet.of(Role.APPLY), SECRET);
    assertThat(applier.awaitApplied(WITHIN)).isTrue();
    assertThat(cost(awaitObservation(reader, "r2"))).isEqualByComparingTo("0.0075");
    assertThat(receiver.awaitApplied(WITHIN)).isTrue(); // it sees the store's positions
  }

  @Test
  void aKeyChangedThroughAnotherNodeIsRefusedHereWithinSeconds() throws Exception {
    LoupeServer a = node();
    assertThat(get(a, "/api/public/traces").statusCode()).isEqualTo(200); // cached as valid
    // another node (its start-up with new init keys, say) gives the public key a new secret
    store
        .projectStore()
        .saveKey(
            dev.loupe.server.auth.ApiKeys.basic(
                PROJECT_A, PK_A, "sk-rotated", java.time.Instant.now()));
    long t0 = System.nanoTime();
    while (get(a, "/api/public/traces").statusCode() == 200) {
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(7));
      Thread.sleep(100);
    }
    assertThat(get(a, "/api/public/traces").statusCode()).isEqualTo(401);
  }

  @Test
  void aNodeWhoseKafkaDoesNotAnswerFailsToStartNamingTheAddressAndVariable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ServerConfig config =
        ServerConfig.fromEnv(
                java.util.Map.of(
                    "LOUPE_STORAGE",
                    "memory",
                    "LOUPE_KAFKA_BOOTSTRAP_SERVERS",
                    "127.0.0.1:" + port))
            .withPort(0)
            .withOtlpPort(-1)
            .withBind("127.0.0.1");
    long t0 = System.nanoTime();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LoupeServer.start(config))
        .hasMessageContaining("Kafka at 127.0.0.1:" + port + " is unreachable")
        .hasMessageContaining("LOUPE_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + port);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  private JsonNode awaitObservation(LoupeServer node, String id) throws Exception {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (true) {
      HttpResponse<String> r = get(node, "/api/public/observations/" + id);
      if (r.statusCode() == 200) return JSON.readTree(r.body());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
      assertThat(System.nanoTime())
          .as("observation " + id + " readable in time")
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static BigDecimal cost(JsonNode o) {
    return new BigDecimal(o.get("calculatedTotalCost").asText());
  }

  private static String gen(String id, String model, String start) {
    return PricingHttpCases.generation(id, model, "{\"input\":1000,\"output\":500}", start);
  }

  private static String batch(String... events) {
    return "{\"batch\":[" + String.join(",", events) + "]}";
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private static URI uri(LoupeServer n, String path) {
    return URI.create("http://127.0.0.1:" + n.port() + path);
  }

  private HttpResponse<String> get(LoupeServer n, String path) {
    return send(HttpRequest.newBuilder(uri(n, path)).header("Authorization", AUTH_A).GET().build());
  }

  private HttpResponse<String> uiGet(LoupeServer n, String path, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(n, path)).GET();
    if (cookie != null) b.header("Cookie", cookie);
    return send(b.build());
  }

  private HttpResponse<String> post(LoupeServer n, String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(n, path))
            .header("Authorization", AUTH_A)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private HttpResponse<String> send(HttpRequest r) {
    try {
      return client.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
