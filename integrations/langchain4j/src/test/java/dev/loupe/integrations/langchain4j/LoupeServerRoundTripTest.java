package dev.loupe.integrations.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.loupe.testing.LocalLoupe;
import dev.loupe.testing.OpenAiStub;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j against the stub model, exported over OTLP/HTTP to a real Loupe server, read back
 * through the public API as a user would see it.
 */
@SuppressWarnings("try") // scopes are held to make a parent span current
class LoupeServerRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  interface Assistant {
    String chat(String message);
  }

  static final class OrderTools {
    @Tool("Looks up the shipping status of an order")
    String lookupOrder(@P(name = "orderId", description = "the order id") String orderId) {
      return "order " + orderId + " shipped";
    }
  }

  private LocalLoupe server;
  private OpenAiStub stub;
  private SdkTracerProvider tracerProvider;

  @BeforeEach
  void setUp() throws Exception {
    server = LocalLoupe.start();
    stub = new OpenAiStub();
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(server.otlpEndpoint())
            .addHeader("Authorization", server.basicAuthHeader())
            .build();
    tracerProvider =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  }

  @AfterEach
  void tearDown() {
    tracerProvider.close();
    stub.close();
    server.close();
  }

  @Test
  void aiServiceRun_arrivesWithGenerationsToolAndError() throws Exception {
    stub.thenToolCall("gpt-4o", "call_1", "lookupOrder", "{\"orderId\":\"A-17\"}")
        .thenText("gpt-4o", "Order A-17 has shipped.", 42, 17)
        .thenError(429, "Rate limit reached for gpt-4o");
    Tracer tracer = tracerProvider.get("app");
    ChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(stub.baseUrl())
            .apiKey("test-key")
            .modelName("gpt-4o")
            .temperature(0.3)
            .maxRetries(0)
            .listeners(List.of(new LoupeChatModelListener(tracer)))
            .build();
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .tools(LoupeTools.create(tracer).of(new OrderTools()))
            .build();

    Span root = tracer.spanBuilder("handle-request").startSpan();
    try (Scope ignored = root.makeCurrent()) {
      assertThat(assistant.chat("Where is order A-17?")).isEqualTo("Order A-17 has shipped.");
      assertThatThrownBy(() -> model.chat("Summarize")).hasMessageContaining("Rate limit");
    } finally {
      root.end();
    }
    assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

    JsonNode trace = server.trace(root.getSpanContext().getTraceId(), 5);
    Map<String, JsonNode> byType = new HashMap<>();
    List<JsonNode> generations = new java.util.ArrayList<>();
    for (JsonNode o : trace.path("observations")) {
      byType.put(o.path("type").asText(), o);
      if (o.path("type").asText().equals("GENERATION")) {
        generations.add(o);
      }
    }
    String rootId = byType.get("SPAN").path("id").asText();
    assertThat(trace.path("name").asText()).isEqualTo("handle-request");
    assertThat(generations).hasSize(3);
    assertThat(generations)
        .allSatisfy(g -> assertThat(g.path("parentObservationId").asText()).isEqualTo(rootId));
    assertThat(generations)
        .allSatisfy(g -> assertThat(g.path("model").asText()).isEqualTo("gpt-4o"));

    JsonNode answer = byOutput(generations, "Order A-17 has shipped.");
    assertThat(answer.path("usageDetails").path("input").asLong()).isEqualTo(42);
    assertThat(answer.path("usageDetails").path("output").asLong()).isEqualTo(17);
    assertThat(answer.path("modelParameters").path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(answer.path("input").get(0))
        .isEqualTo(JSON.readTree("{\"role\":\"user\",\"content\":\"Where is order A-17?\"}"));
    assertThat(answer.path("input").get(2).path("role").asText()).isEqualTo("tool");
    assertThat(answer.path("level").asText()).isEqualTo("DEFAULT");
    // priced by the server from the usage the listener sent: 42 x 2.5e-6 + 17 x 1e-5 (gpt-4o)
    assertThat(answer.path("calculatedTotalCost").decimalValue())
        .isEqualByComparingTo(new java.math.BigDecimal("0.000275"));

    JsonNode tool = byType.get("TOOL");
    assertThat(tool.path("name").asText()).isEqualTo("lookupOrder");
    assertThat(tool.path("parentObservationId").asText()).isEqualTo(rootId);
    assertThat(tool.path("input")).isEqualTo(JSON.readTree("{\"orderId\":\"A-17\"}"));
    assertThat(tool.path("output").asText()).isEqualTo("order A-17 shipped");

    JsonNode failed =
        generations.stream()
            .filter(g -> g.path("level").asText().equals("ERROR"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.path("statusMessage").asText()).contains("Rate limit reached for gpt-4o");
    assertThat(failed.path("input"))
        .isEqualTo(JSON.readTree("[{\"role\":\"user\",\"content\":\"Summarize\"}]"));
  }

  private static JsonNode byOutput(List<JsonNode> generations, String text) {
    return generations.stream()
        .filter(g -> g.path("output").path("content").asText().equals(text))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no generation answered " + text + ": " + generations));
  }
}
