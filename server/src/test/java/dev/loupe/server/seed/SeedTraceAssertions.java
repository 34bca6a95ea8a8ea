package dev.loupe.server.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user must see for the seed's trace (../shared/harness/seed-generation.mjs), read back via
 * the API.
 */
public final class SeedTraceAssertions {
  static final String REPLY =
      "Hi Ada, your order A-1001 shipped yesterday via UPS and should arrive on Friday.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SeedTraceAssertions() {}

  /** Asserts the whole seed trace shape on a {@code GET /api/public/traces/{id}} body. */
  public static void assertSeedTrace(JsonNode trace, String traceId) throws Exception {
    assertThat(trace.path("id").asText()).isEqualTo(traceId);
    assertThat(trace.path("name").asText()).isEqualTo("handle-request");
    assertThat(trace.path("userId").asText()).isEqualTo("user-123");
    assertThat(trace.path("sessionId").asText()).isEqualTo("session-abc");
    assertThat(texts(trace.path("tags"))).containsExactlyInAnyOrder("seed", "harness");
    assertThat(trace.path("metadata").path("tenant").asText()).isEqualTo("acme");
    assertThat(trace.path("metadata").path("channel").asText()).isEqualTo("email");
    assertThat(trace.path("version").asText()).isEqualTo("1.0.0");
    assertThat(trace.path("input"))
        .isEqualTo(
            JSON.readTree(
                "{\"ticketId\":\"T-1001\",\"question\":\"Where is my order A-1001? It has been a week.\"}"));
    assertThat(trace.path("output").asText()).isEqualTo(REPLY);

    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode o : trace.path("observations")) byName.put(o.path("name").asText(), o);
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
    String rootId = root.path("id").asText();

    JsonNode draft = byName.get("draft-reply");
    assertThat(draft.path("type").asText()).isEqualTo("GENERATION");
    assertThat(draft.path("parentObservationId").asText()).isEqualTo(rootId);
    assertThat(draft.path("model").asText()).isEqualTo("gpt-4o");
    // the SDK sent input and output only; total is filled as Langfuse fills it (their sum)
    assertThat(draft.path("usageDetails"))
        .isEqualTo(JSON.readTree("{\"input\":42,\"output\":17,\"total\":59}"));
    assertThat(draft.path("input"))
        .isEqualTo(
            JSON.readTree(
                "[{\"role\":\"system\",\"content\":\"You are a concise, friendly support agent.\"},"
                    + "{\"role\":\"user\",\"content\":\"Where is my order A-1001? It has been a week.\"}]"));
    assertThat(draft.path("output").isTextual()).isTrue();
    assertThat(draft.path("output").asText()).isEqualTo(REPLY);
    assertThat(draft.path("level").asText()).isEqualTo("DEFAULT");
    // priced from the bundled table: 42 x 2.5e-6 + 17 x 1e-5 (gpt-4o, USD per token)
    assertThat(draft.path("costSource").asText()).isEqualTo("CALCULATED");
    assertThat(draft.path("modelId").asText()).isEqualTo("openai/gpt-4o");
    assertThat(draft.path("costDetails").path("input").decimalValue())
        .isEqualByComparingTo(new BigDecimal("42").multiply(new BigDecimal("0.0000025")));
    assertThat(draft.path("costDetails").path("output").decimalValue())
        .isEqualByComparingTo(new BigDecimal("17").multiply(new BigDecimal("0.00001")));
    assertThat(draft.path("calculatedTotalCost").decimalValue())
        .isEqualByComparingTo(new BigDecimal("0.000275"));
    // the only priced observation: the error generation sent a model but no usage
    assertThat(trace.path("totalCost").decimalValue())
        .isEqualByComparingTo(new BigDecimal("0.000275"));

    JsonNode polish = byName.get("polish-reply");
    assertThat(polish.path("type").asText()).isEqualTo("GENERATION");
    assertThat(polish.path("parentObservationId").asText()).isEqualTo(rootId);
    assertThat(polish.path("model").asText()).isEqualTo("gpt-4o-mini");
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

    JsonNode cacheMiss = byName.get("cache-miss");
    assertThat(cacheMiss.path("type").asText()).isEqualTo("EVENT");
    assertThat(cacheMiss.path("level").asText()).isEqualTo("WARNING");
    assertThat(cacheMiss.path("parentObservationId").asText())
        .isEqualTo(retrieve.path("id").asText());
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
