package dev.loupe.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.LocalLoupe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Runs the example against a real Loupe server and reads its trace back as a user would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedExampleTest {
  static final ObjectMapper JSON = new ObjectMapper();

  LocalLoupe loupe;

  @BeforeAll
  void start() {
    loupe = LocalLoupe.start();
  }

  @AfterAll
  void stop() {
    loupe.close();
  }

  @Test
  void run_recordsTheSeedTraceAndPrintsWhereToReadIt() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SupportAgent.Run run =
        SeedExample.run(loupe.env(), new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(run).isNotNull();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("trace id: " + run.traceId())
        .contains("GET " + loupe.baseUrl() + "/api/public/traces/" + run.traceId());

    JsonNode trace = loupe.trace(run.traceId(), 6);
    assertThat(trace.path("name").asText()).isEqualTo("handle-request");
    assertThat(trace.path("userId").asText()).isEqualTo("user-123");
    assertThat(trace.path("sessionId").asText()).isEqualTo("session-abc");
    assertThat(trace.path("tags")).containsExactlyInAnyOrder(text("seed"), text("harness"));
    assertThat(trace.path("metadata").path("tenant").asText()).isEqualTo("acme");
    assertThat(trace.path("version").asText()).isEqualTo("1.0.0");
    assertThat(trace.path("input").path("question").asText()).isEqualTo(SupportAgent.QUESTION);
    assertThat(trace.path("output").asText()).isEqualTo(FakeModel.REPLY);

    Map<String, JsonNode> byName = LocalLoupe.observationsByName(trace);
    assertThat(byName)
        .containsOnlyKeys(
            "handle-request",
            "retrieve-context",
            "cache-miss",
            "lookup-order",
            "draft-reply",
            "polish-reply");
    JsonNode root = byName.get("handle-request");
    assertThat(root.path("type").asText()).isEqualTo("SPAN");
    assertThat(root.path("parentObservationId").isNull()).isTrue();
    String rootId = root.path("id").asText();
    for (String child :
        List.of("retrieve-context", "lookup-order", "draft-reply", "polish-reply")) {
      assertThat(byName.get(child).path("parentObservationId").asText())
          .as(child)
          .isEqualTo(rootId);
    }

    JsonNode cacheMiss = byName.get("cache-miss");
    assertThat(cacheMiss.path("type").asText()).isEqualTo("EVENT");
    assertThat(cacheMiss.path("level").asText()).isEqualTo("WARNING");
    assertThat(cacheMiss.path("parentObservationId").asText())
        .isEqualTo(byName.get("retrieve-context").path("id").asText());

    JsonNode tool = byName.get("lookup-order");
    assertThat(tool.path("type").asText()).isEqualTo("TOOL");
    assertThat(tool.path("input").path("orderId").asText()).isEqualTo("A-1001");
    assertThat(tool.path("output").path("carrier").asText()).isEqualTo("UPS");

    JsonNode draft = byName.get("draft-reply");
    assertThat(draft.path("type").asText()).isEqualTo("GENERATION");
    assertThat(draft.path("model").asText()).isEqualTo("gpt-4o");
    assertThat(draft.path("usageDetails").path("input").asLong()).isEqualTo(42);
    assertThat(draft.path("usageDetails").path("output").asLong()).isEqualTo(17);
    assertThat(draft.path("input")).isEqualTo(JSON.valueToTree(SupportAgent.MESSAGES));
    assertThat(draft.path("output").asText()).isEqualTo(FakeModel.REPLY);
    assertThat(draft.path("level").asText()).isEqualTo("DEFAULT");

    JsonNode polish = byName.get("polish-reply");
    assertThat(polish.path("type").asText()).isEqualTo("GENERATION");
    assertThat(polish.path("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(polish.path("modelParameters").path("max_tokens").asInt()).isEqualTo(256);
    assertThat(polish.path("level").asText()).isEqualTo("ERROR");
    assertThat(polish.path("statusMessage").asText())
        .isEqualTo("Rate limit exceeded: fake upstream returned 429");
  }

  @Test
  void run_withoutKeys_explainsAndRecordsNothing() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SupportAgent.Run run =
        SeedExample.run(
            Map.of("LOUPE_BASE_URL", loupe.baseUrl()),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(run).isNull();
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("LOUPE_PUBLIC_KEY");
  }

  @Test
  void baseUrl_followsTheSdkVariablesAndDefaultsToLocalhost() {
    assertThat(SeedExample.baseUrl(Map.of())).isEqualTo("http://localhost:3000");
    assertThat(SeedExample.baseUrl(Map.of("LANGFUSE_HOST", "http://h:3000/")))
        .isEqualTo("http://h:3000");
    assertThat(
            SeedExample.baseUrl(
                Map.of("LOUPE_BASE_URL", "http://a:1", "LANGFUSE_BASE_URL", "http://b:2")))
        .isEqualTo("http://a:1");
  }

  private static JsonNode text(String value) {
    return JSON.getNodeFactory().textNode(value);
  }
}
