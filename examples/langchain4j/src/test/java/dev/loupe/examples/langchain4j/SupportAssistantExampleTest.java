package dev.loupe.examples.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.examples.stub.OpenAiCompatibleStub;
import dev.loupe.testing.LocalLoupe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the example (real LangChain4j OpenAiChatModel against its built-in stub) into a real Loupe
 * server and reads the trace back through the public API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupportAssistantExampleTest {
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
  void run_recordsAgentGenerationsToolAndFailedCall() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SupportAssistantExample.Run run =
        SupportAssistantExample.run(
            loupe.env(), new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(run).isNotNull();
    assertThat(run.answer()).contains("A-1001 shipped yesterday via UPS");
    assertThat(run.reply()).isEqualTo(run.answer());
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("trace id: " + run.traceId());

    JsonNode trace = loupe.trace(run.traceId(), 5);
    assertThat(trace.path("name").asText()).isEqualTo("support-chat");
    assertThat(trace.path("userId").asText()).isEqualTo("user-123");
    assertThat(trace.path("sessionId").asText()).isEqualTo("session-abc");
    assertThat(trace.path("input").asText()).isEqualTo(SupportAssistantExample.QUESTION);
    assertThat(trace.path("output").asText()).isEqualTo(run.reply());

    JsonNode root = null;
    JsonNode tool = null;
    List<JsonNode> generations = new ArrayList<>();
    for (JsonNode o : trace.path("observations")) {
      switch (o.path("type").asText()) {
        case "AGENT" -> root = o;
        case "TOOL" -> tool = o;
        case "GENERATION" -> generations.add(o);
        default -> throw new AssertionError("unexpected observation " + o);
      }
    }
    assertThat(root).isNotNull();
    assertThat(root.path("parentObservationId").isNull()).isTrue();
    String rootId = root.path("id").asText();

    assertThat(tool).isNotNull();
    assertThat(tool.path("name").asText()).isEqualTo("lookupOrder");
    assertThat(tool.path("parentObservationId").asText()).isEqualTo(rootId);
    assertThat(tool.path("input").path("orderId").asText()).isEqualTo("A-1001");
    assertThat(tool.path("output").asText()).contains("shipped yesterday via UPS");

    assertThat(generations).hasSize(3);
    for (JsonNode g : generations) {
      assertThat(g.path("parentObservationId").asText()).isEqualTo(rootId);
      assertThat(g.path("model").asText()).isEqualTo("gpt-4o-mini");
    }
    JsonNode answered =
        generations.stream()
            .filter(g -> g.path("output").path("content").asText().equals(run.answer()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no generation answered: " + generations));
    assertThat(answered.path("usageDetails").path("input").asLong()).isPositive();
    assertThat(answered.path("usageDetails").path("output").asLong()).isPositive();
    assertThat(answered.path("modelParameters").path("temperature").asDouble()).isEqualTo(0.2);
    assertThat(answered.path("input").get(0).path("role").asText()).isEqualTo("system");

    JsonNode failed =
        generations.stream()
            .filter(g -> g.path("level").asText().equals("ERROR"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ERROR generation: " + generations));
    assertThat(failed.path("statusMessage").asText()).contains(OpenAiCompatibleStub.RATE_LIMITED);
    assertThat(failed.path("input").get(0).path("content").asText()).startsWith("Polish: ");
  }
}
