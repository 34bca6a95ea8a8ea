package dev.loupe.integrations.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.testing.LocalLoupe;
import dev.loupe.testing.OpenAiStub;
import io.micrometer.observation.Observation;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.retry.support.RetryTemplate;

/**
 * A real Spring AI {@link OpenAiChatModel} against the stub, observed through Micrometer's
 * OpenTelemetry bridge, exported over OTLP/HTTP to a real Loupe server and read back through the
 * public API as a user would see it.
 */
@SuppressWarnings("try") // the scope is held to make the root observation current
class SpringAiRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static final class OrderTools {
    @Tool(description = "Looks up the shipping status of an order")
    String lookupOrder(String orderId) {
      return "order " + orderId + " shipped";
    }
  }

  private LocalLoupe server;
  private OpenAiStub stub;
  private MicrometerOtel otel;

  @BeforeEach
  void setUp() throws Exception {
    server = LocalLoupe.start();
    stub = new OpenAiStub();
  }

  @AfterEach
  void tearDown() {
    if (otel != null) otel.close();
    stub.close();
    server.close();
  }

  private void tracing(boolean includeChatContent) {
    otel =
        new MicrometerOtel(
            server.otlpEndpoint(), server.basicAuthHeader(), true, includeChatContent);
  }

  private OpenAiChatModel chatModel() {
    return OpenAiChatModel.builder()
        .openAiApi(OpenAiApi.builder().baseUrl(stub.baseUrl()).apiKey("test-key").build())
        .defaultOptions(OpenAiChatOptions.builder().model("gpt-4o").temperature(0.3).build())
        .toolCallingManager(
            ToolCallingManager.builder().observationRegistry(otel.registry()).build())
        .retryTemplate(RetryTemplate.builder().maxAttempts(1).build())
        .observationRegistry(otel.registry())
        .build();
  }

  private static Prompt withTool(String text) {
    return new Prompt(
        text,
        OpenAiChatOptions.builder().toolCallbacks(ToolCallbacks.from(new OrderTools())).build());
  }

  /** Runs a plain call, a call with one tool round and a failing call under one root. */
  private JsonNode runAll() throws Exception {
    stub.thenText("gpt-4o", "Hello from the stub.", 42, 17)
        .thenToolCall("gpt-4o", "call_1", "lookupOrder", "{\"orderId\":\"A-17\"}")
        .thenText("gpt-4o", "Order A-17 has shipped.", 55, 9)
        .thenError(500, "The server had an error while processing your request");
    OpenAiChatModel model = chatModel();
    Observation root = Observation.createNotStarted("handle-request", otel.registry()).start();
    try (Observation.Scope ignored = root.openScope()) {
      ChatResponse plain = model.call(new Prompt("Say hello"));
      assertThat(plain.getResult().getOutput().getText()).isEqualTo("Hello from the stub.");
      ChatResponse tooled = model.call(withTool("Where is order A-17?"));
      assertThat(tooled.getResult().getOutput().getText()).isEqualTo("Order A-17 has shipped.");
      assertThatThrownBy(() -> model.call(new Prompt("Summarize")))
          .hasMessageContaining("server had an error");
    } finally {
      root.stop();
    }
    otel.flush();
    for (SpanData span : otel.spans()) {
      System.out.println(
          "[spring-ai span] "
              + span.getName()
              + " "
              + span.getAttributes().asMap()
              + " status="
              + span.getStatus());
    }
    assertThat(otel.spans()).hasSize(6);
    return server.trace(otel.spans().get(0).getTraceId(), 6);
  }

  @Test
  void springAiRun_arrivesWithGenerationsToolAndError() throws Exception {
    tracing(false);
    JsonNode trace = runAll();

    assertThat(trace.path("name").asText()).isEqualTo("handle-request");
    JsonNode root = only(trace, "SPAN");
    List<JsonNode> generations = ofType(trace, "GENERATION");
    assertThat(generations).hasSize(4);
    assertThat(generations)
        .allSatisfy(
            g ->
                assertThat(g.path("parentObservationId").asText())
                    .isEqualTo(root.path("id").asText()))
        .allSatisfy(g -> assertThat(g.path("model").asText()).isEqualTo("gpt-4o"))
        .allSatisfy(g -> assertThat(g.path("name").asText()).isEqualTo("chat gpt-4o"))
        .allSatisfy(
            g ->
                assertThat(g.path("modelParameters").path("temperature").asDouble())
                    .isEqualTo(0.3));

    JsonNode plain = generations.get(0);
    assertThat(plain.path("usageDetails").path("input").asLong()).isEqualTo(42);
    assertThat(plain.path("usageDetails").path("output").asLong()).isEqualTo(17);
    assertThat(plain.path("level").asText()).isEqualTo("DEFAULT");
    // 42 x $2.50/M + 17 x $10/M (gpt-4o, bundled table)
    assertThat(plain.path("calculatedTotalCost").decimalValue())
        .isEqualByComparingTo(new BigDecimal("0.000275"));
    // Spring AI 1.1 logs prompt and completion but does not put them on the span
    assertThat(plain.path("input").isNull()).isTrue();
    assertThat(plain.path("output").isNull()).isTrue();

    JsonNode askedForTool = generations.get(1);
    assertThat(askedForTool.path("usageDetails").path("input").asLong()).isEqualTo(30);
    assertThat(
            askedForTool
                .path("metadata")
                .path("attributes")
                .path("gen_ai.response.finish_reasons")
                .asText())
        .contains("TOOL_CALLS");
    assertThat(stub.requests().get(2)).contains("order A-17 shipped"); // the tool ran for real
    JsonNode tool = only(trace, "TOOL");
    assertThat(tool.path("name").asText()).isEqualTo("lookupOrder");
    assertThat(tool.path("parentObservationId").asText()).isEqualTo(root.path("id").asText());
    assertThat(tool.path("input")).isEqualTo(JSON.readTree("{\"orderId\":\"A-17\"}"));
    assertThat(tool.path("output").asText()).isEqualTo("order A-17 shipped");

    // Spring AI reports the usage of the whole tool loop on the call after the tool: 30+55, 12+9
    JsonNode afterTool = generations.get(2);
    assertThat(afterTool.path("usageDetails").path("input").asLong()).isEqualTo(85);
    assertThat(afterTool.path("usageDetails").path("output").asLong()).isEqualTo(21);

    // so the trace total counts the first round twice: 0.000275 + 0.000195 + 0.0004225
    assertThat(trace.path("totalCost").decimalValue())
        .isEqualByComparingTo(new BigDecimal("0.0008925"));

    JsonNode failed = generations.get(3);
    assertThat(failed.path("level").asText()).isEqualTo("ERROR");
    assertThat(failed.path("statusMessage").asText())
        .contains("500")
        .contains("The server had an error while processing your request");
    assertThat(failed.path("usageDetails").isEmpty()).isTrue();

    JsonNode tools =
        server.get("/api/public/observations?type=TOOL&traceId=" + trace.path("id").asText());
    assertThat(tools.path("data").get(0).path("name").asText()).isEqualTo("lookupOrder");
  }

  @Test
  void chatContentFilter_putsMessagesOnTheGenerations() throws Exception {
    tracing(true);
    JsonNode trace = runAll();
    List<JsonNode> generations = ofType(trace, "GENERATION");

    JsonNode plain = generations.get(0);
    assertThat(plain.path("input"))
        .isEqualTo(JSON.readTree("[{\"role\":\"user\",\"content\":\"Say hello\"}]"));
    assertThat(plain.path("output"))
        .isEqualTo(JSON.readTree("{\"role\":\"assistant\",\"content\":\"Hello from the stub.\"}"));

    JsonNode afterTool = generations.get(2);
    JsonNode messages = afterTool.path("input");
    assertThat(messages).hasSize(3);
    assertThat(messages.get(1).path("tool_calls").get(0).path("name").asText())
        .isEqualTo("lookupOrder");
    assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
    assertThat(afterTool.path("output").path("content").asText())
        .isEqualTo("Order A-17 has shipped.");

    JsonNode failed = generations.get(3);
    assertThat(failed.path("level").asText()).isEqualTo("ERROR");
    assertThat(failed.path("input"))
        .isEqualTo(JSON.readTree("[{\"role\":\"user\",\"content\":\"Summarize\"}]"));
  }

  private static List<JsonNode> ofType(JsonNode trace, String type) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode o : trace.path("observations")) {
      if (o.path("type").asText().equals(type)) out.add(o);
    }
    out.sort(Comparator.comparing(o -> o.path("startTime").asText()));
    return out;
  }

  private static JsonNode only(JsonNode trace, String type) {
    List<JsonNode> found = ofType(trace, type);
    assertThat(found).as("observations of type %s", type).hasSize(1);
    return found.get(0);
  }
}
