package dev.loupe.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.LocalLoupe;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The seed's trace recorded with the Java SDK, exported over real OTLP/HTTP (protobuf) to a real
 * Loupe server, and read back through the public API with every field checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedTraceRoundTripTest {
  static final String REPLY =
      "Hi Ada, your order A-1001 shipped yesterday via UPS and should arrive on Friday.";
  static final String QUESTION = "Where is my order A-1001? It has been a week.";
  static final List<Map<String, String>> MESSAGES =
      List.of(
          Map.of("role", "system", "content", "You are a concise, friendly support agent."),
          Map.of("role", "user", "content", QUESTION));
  static final ObjectMapper JSON = new ObjectMapper();

  LocalLoupe server;
  Loupe loupe;

  @BeforeAll
  void start() {
    server = LocalLoupe.start();
    loupe =
        Loupe.builder()
            .baseUrl(server.baseUrl())
            .keys(LocalLoupe.PUBLIC_KEY, LocalLoupe.SECRET_KEY)
            .shutdownHook(false)
            .build();
  }

  @AfterAll
  void stop() {
    if (loupe != null) loupe.close();
    if (server != null) server.close();
  }

  @Test
  void seedTrace_readsBackWithEveryField() throws Exception {
    String traceId = recordSeedTrace();
    assertThat(loupe.flush()).isTrue();
    JsonNode trace = server.trace(traceId, 6);

    assertThat(trace.path("name").asText()).isEqualTo("handle-request");
    assertThat(trace.path("userId").asText()).isEqualTo("user-123");
    assertThat(trace.path("sessionId").asText()).isEqualTo("session-abc");
    assertThat(texts(trace.path("tags"))).containsExactlyInAnyOrder("seed", "harness");
    assertThat(trace.path("metadata").path("tenant").asText()).isEqualTo("acme");
    assertThat(trace.path("metadata").path("channel").asText()).isEqualTo("email");
    assertThat(trace.path("version").asText()).isEqualTo("1.0.0");
    assertThat(trace.path("input"))
        .isEqualTo(JSON.valueToTree(Map.of("ticketId", "T-1001", "question", QUESTION)));
    assertThat(trace.path("output").asText()).isEqualTo(REPLY);

    Map<String, JsonNode> byName = LocalLoupe.observationsByName(trace);
    assertThat(byName)
        .containsOnlyKeys(
            "handle-request",
            "retrieve-context",
            "cache-miss",
            "lookup-order",
            "draft-reply",
            "polish-reply");
    for (JsonNode o : byName.values()) assertThat(o.path("traceId").asText()).isEqualTo(traceId);

    JsonNode root = byName.get("handle-request");
    assertThat(root.path("parentObservationId").isNull()).isTrue();
    assertThat(root.path("type").asText()).isEqualTo("SPAN");
    assertThat(root.path("input"))
        .isEqualTo(JSON.valueToTree(Map.of("ticketId", "T-1001", "messages", MESSAGES)));
    String rootId = root.path("id").asText();

    JsonNode draft = byName.get("draft-reply");
    assertThat(draft.path("type").asText()).isEqualTo("GENERATION");
    assertThat(draft.path("parentObservationId").asText()).isEqualTo(rootId);
    assertThat(draft.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(draft.path("usageDetails").path("input").asLong()).isEqualTo(42);
    assertThat(draft.path("usageDetails").path("output").asLong()).isEqualTo(17);
    assertThat(draft.path("input")).isEqualTo(JSON.valueToTree(MESSAGES));
    assertThat(draft.path("output").isTextual()).isTrue();
    assertThat(draft.path("output").asText()).isEqualTo(REPLY);
    assertThat(draft.path("level").asText()).isEqualTo("DEFAULT");
    assertThat(draft.path("calculatedTotalCost").decimalValue())
        .isEqualByComparingTo(new BigDecimal("0.000275"));
    assertThat(trace.path("totalCost").decimalValue())
        .isEqualByComparingTo(new BigDecimal("0.000275"));

    JsonNode polish = byName.get("polish-reply");
    assertThat(polish.path("type").asText()).isEqualTo("GENERATION");
    assertThat(polish.path("parentObservationId").asText()).isEqualTo(rootId);
    assertThat(polish.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(polish.path("modelParameters").path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(polish.path("level").asText()).isEqualTo("ERROR");
    assertThat(polish.path("statusMessage").asText())
        .isEqualTo("Rate limit exceeded: fake upstream returned 429");

    JsonNode tool = byName.get("lookup-order");
    assertThat(tool.path("type").asText()).isEqualTo("TOOL");
    assertThat(tool.path("parentObservationId").asText()).isEqualTo(rootId);
    assertThat(tool.path("input")).isEqualTo(JSON.readTree("{\"orderId\":\"A-1001\"}"));
    assertThat(tool.path("output"))
        .isEqualTo(
            JSON.readTree("{\"orderId\":\"A-1001\",\"status\":\"shipped\",\"carrier\":\"UPS\"}"));

    JsonNode retrieve = byName.get("retrieve-context");
    assertThat(retrieve.path("type").asText()).isEqualTo("SPAN");
    assertThat(retrieve.path("parentObservationId").asText()).isEqualTo(rootId);
    assertThat(retrieve.path("output")).isEqualTo(JSON.readTree("{\"documents\":2}"));
    assertThat(retrieve.path("metadata").path("source").asText()).isEqualTo("kb");

    JsonNode cacheMiss = byName.get("cache-miss");
    assertThat(cacheMiss.path("type").asText()).isEqualTo("EVENT");
    assertThat(cacheMiss.path("level").asText()).isEqualTo("WARNING");
    assertThat(cacheMiss.path("input")).isEqualTo(JSON.readTree("{\"key\":\"order:A-1001\"}"));
    assertThat(cacheMiss.path("parentObservationId").asText())
        .isEqualTo(retrieve.path("id").asText());
    assertThat(cacheMiss.path("endTime").asText()).isEqualTo(cacheMiss.path("startTime").asText());
  }

  @Test
  void asyncGeneration_endedOnAnotherThreadKeepsCompletionStartAndPropagatedAttributes()
      throws Exception {
    Instant firstToken = Instant.now().plusMillis(5).truncatedTo(ChronoUnit.MILLIS);
    Observation root = loupe.startObservation("stream-request");
    Observation stream =
        root.call(
            () ->
                loupe.propagateAttributes(
                    TraceAttributes.builder().userId("user-async").sessionId("thread-9").build(),
                    () -> loupe.startObservation("stream-reply", ObservationType.GENERATION)));
    CompletableFuture.runAsync(
            () -> {
              stream.model("gpt-4o").completionStartTime(firstToken).output("streamed text");
              stream.usageDetails(Map.of("input", 10, "output", 5));
              stream.end();
            })
        .get();
    root.end();
    assertThat(loupe.flush()).isTrue();

    JsonNode trace = server.trace(root.traceId(), 2);
    assertThat(trace.path("userId").asText()).isEqualTo("user-async");
    assertThat(trace.path("sessionId").asText()).isEqualTo("thread-9");
    JsonNode gen = LocalLoupe.observationNamed(trace, "stream-reply");
    assertThat(gen.path("parentObservationId").asText()).isEqualTo(root.id());
    assertThat(gen.path("type").asText()).isEqualTo("GENERATION");
    assertThat(Instant.parse(gen.path("completionStartTime").asText())).isEqualTo(firstToken);
    assertThat(gen.path("output").asText()).isEqualTo("streamed text");
  }

  @Test
  void lemmaBearerAuth_traceArrivesInTheProject() throws Exception {
    String traceId;
    try (Loupe lemma =
        Loupe.builder()
            .env(
                Map.of(
                    "LEMMA_BASE_URL", server.baseUrl(),
                    "LEMMA_API_KEY", LocalLoupe.LEMMA_KEY,
                    "LEMMA_PROJECT_ID", LocalLoupe.PROJECT_ID))
            .shutdownHook(false)
            .build()) {
      traceId =
          lemma.startActiveObservation(
              "agent-run",
              ObservationType.AGENT,
              agent -> {
                agent.updateTrace(TraceAttributes.builder().input("hi").output("bye").build());
                return agent.traceId();
              });
    }
    JsonNode trace = server.trace(traceId, 1);
    assertThat(trace.path("name").asText()).isEqualTo("agent-run");
    assertThat(trace.path("input").asText()).isEqualTo("hi");
    assertThat(LocalLoupe.observationNamed(trace, "agent-run").path("type").asText())
        .isEqualTo("AGENT");
  }

  /** The seed-generation.mjs trace, written with this SDK. */
  private String recordSeedTrace() {
    return loupe.startActiveObservation(
        "handle-request",
        root -> {
          root.input(Map.of("ticketId", "T-1001", "messages", MESSAGES))
              .metadata(Map.of("route", "/support/reply"));
          root.updateTrace(
              TraceAttributes.builder()
                  .name("handle-request")
                  .userId("user-123")
                  .sessionId("session-abc")
                  .tags("seed", "harness")
                  .metadata(Map.of("tenant", "acme", "channel", "email"))
                  .version("1.0.0")
                  .input(Map.of("ticketId", "T-1001", "question", QUESTION))
                  .build());

          loupe.runActiveObservation(
              "retrieve-context",
              span -> {
                span.input(Map.of("query", "order A-1001"));
                loupe
                    .startObservation("cache-miss", ObservationType.EVENT)
                    .input(Map.of("key", "order:A-1001"))
                    .level(ObservationLevel.WARNING)
                    .end();
                span.output(Map.of("documents", 2)).metadata(Map.of("source", "kb"));
              });

          Map<String, String> order =
              loupe.startActiveObservation(
                  "lookup-order",
                  ObservationType.TOOL,
                  tool -> {
                    tool.input(Map.of("orderId", "A-1001"));
                    Map<String, String> o =
                        Map.of("orderId", "A-1001", "status", "shipped", "carrier", "UPS");
                    tool.output(o);
                    return o;
                  });

          String completion =
              loupe.startActiveObservation(
                  "draft-reply",
                  ObservationType.GENERATION,
                  gen -> {
                    gen.input(MESSAGES)
                        .output(REPLY)
                        .model("gpt-4o")
                        .usageDetails(Map.of("input", 42, "output", 17));
                    return REPLY;
                  });

          try {
            loupe.runActiveObservation(
                "polish-reply",
                ObservationType.GENERATION,
                gen -> {
                  gen.input(List.of(Map.of("role", "user", "content", "Polish: " + completion)))
                      .model("gpt-4o-mini")
                      .modelParameters(Map.of("temperature", 0.2, "max_tokens", 256));
                  throw new IllegalStateException(
                      "Rate limit exceeded: fake upstream returned 429");
                });
          } catch (IllegalStateException expected) {
            // marked ERROR by the SDK, rethrown to the caller as is
          }

          root.output(Map.of("reply", completion, "order", order));
          root.updateTrace(TraceAttributes.builder().output(completion).build());
          return root.traceId();
        });
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
