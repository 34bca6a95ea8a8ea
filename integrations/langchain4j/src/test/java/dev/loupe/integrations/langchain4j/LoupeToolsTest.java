package dev.loupe.integrations.langchain4j;

import static dev.loupe.integrations.langchain4j.SpanCapture.json;
import static dev.loupe.integrations.langchain4j.SpanCapture.parse;
import static dev.loupe.integrations.langchain4j.SpanCapture.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.IllegalConfigurationException;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.loupe.testing.OpenAiStub;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are held to make a parent span current
class LoupeToolsTest {
  interface Assistant {
    String chat(String message);
  }

  static final class OrderTools {
    @Tool("Looks up the shipping status of an order")
    String lookupOrder(@P(name = "orderId", description = "the order id") String orderId) {
      if (orderId.startsWith("X")) {
        throw new IllegalStateException("order store down");
      }
      Span.current().setAttribute("tool.saw.order", orderId);
      return "order " + orderId + " shipped";
    }
  }

  private SpanCapture capture;
  private OpenAiStub stub;
  private ChatModel model;
  private LoupeTools tools;

  @BeforeEach
  void setUp() throws Exception {
    capture = new SpanCapture();
    stub = new OpenAiStub();
    model =
        OpenAiChatModel.builder()
            .baseUrl(stub.baseUrl())
            .apiKey("test-key")
            .modelName("gpt-4o")
            .maxRetries(0)
            .listeners(List.of(new LoupeChatModelListener(capture.tracer())))
            .build();
    tools = LoupeTools.create(capture.tracer());
  }

  @AfterEach
  void tearDown() {
    stub.close();
    capture.close();
  }

  @Test
  void aiServiceToolCall_isToolSpanWithArgumentsAndResultUnderTheParent() {
    stub.thenToolCall("gpt-4o", "call_1", "lookupOrder", "{\"orderId\":\"A-17\"}")
        .thenText("gpt-4o", "Order A-17 has shipped.", 60, 8);
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .tools(tools.of(new OrderTools()))
            .build();

    Span parent = capture.tracer().spanBuilder("handle-request").startSpan();
    String answer;
    try (Scope ignored = parent.makeCurrent()) {
      answer = assistant.chat("Where is order A-17?");
    } finally {
      parent.end();
    }

    assertThat(answer).isEqualTo("Order A-17 has shipped.");
    SpanData tool = capture.spansOfType("tool").get(0);
    assertThat(tool.getName()).isEqualTo("lookupOrder");
    assertThat(string(tool, "gen_ai.tool.name")).isEqualTo("lookupOrder");
    assertThat(string(tool, "gen_ai.tool.call.id")).isEqualTo("call_1");
    assertThat(json(tool, "langfuse.observation.input")).isEqualTo(parse("{\"orderId\":\"A-17\"}"));
    assertThat(string(tool, "langfuse.observation.output")).isEqualTo("order A-17 shipped");
    assertThat(string(tool, "tool.saw.order"))
        .as("the tool span is current in the tool")
        .isEqualTo("A-17");
    assertThat(string(tool, "langfuse.observation.level")).isNull();

    String parentId = parent.getSpanContext().getSpanId();
    List<SpanData> generations = capture.spansOfType("generation");
    assertThat(generations).hasSize(2);
    assertThat(capture.spans())
        .filteredOn(span -> !span.getName().equals("handle-request"))
        .allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(parentId))
        .allSatisfy(
            span -> assertThat(span.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId()));
    assertThat(tool.getStartEpochNanos())
        .isGreaterThanOrEqualTo(generations.get(0).getEndEpochNanos());
    assertThat(tool.getEndEpochNanos())
        .isLessThanOrEqualTo(generations.get(1).getStartEpochNanos());
    assertThat(json(generations.get(0), "langfuse.observation.metadata.tools"))
        .isEqualTo(parse("[\"lookupOrder\"]"));
    assertThat(json(generations.get(1), "langfuse.observation.input").get(2))
        .isEqualTo(
            parse(
                "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"name\":\"lookupOrder\",\"content\":\"order A-17 shipped\"}"));
  }

  @Test
  void failingTool_isErrorWithTheToolsMessage() {
    stub.thenToolCall("gpt-4o", "call_2", "lookupOrder", "{\"orderId\":\"X-1\"}")
        .thenText("gpt-4o", "Sorry, the order store is down.", 60, 8);
    Assistant assistant =
        AiServices.builder(Assistant.class)
            .chatModel(model)
            .tools(tools.of(new OrderTools()))
            .build();

    String answer = assistant.chat("Where is order X-1?");

    assertThat(answer).isEqualTo("Sorry, the order store is down.");
    SpanData tool = capture.spansOfType("tool").get(0);
    assertThat(string(tool, "langfuse.observation.level")).isEqualTo("ERROR");
    assertThat(string(tool, "langfuse.observation.status_message")).isEqualTo("order store down");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(stub.requests().get(1)).contains("order store down");
  }

  @Test
  void wrappedExecutor_thatThrows_isErrorAndRethrows() {
    ToolExecutor failing =
        (request, memoryId) -> {
          throw new IllegalArgumentException("unknown order " + request.arguments());
        };
    ToolExecutionRequest request =
        ToolExecutionRequest.builder()
            .id("c")
            .name("lookupOrder")
            .arguments("{\"orderId\":\"Z\"}")
            .build();
    ToolSpecification specification = ToolSpecification.builder().name("lookupOrder").build();

    ToolExecutor traced = tools.wrap(Map.of(specification, failing)).get(specification);

    assertThatThrownBy(() -> traced.execute(request, null))
        .isInstanceOf(IllegalArgumentException.class);
    SpanData tool = capture.spansOfType("tool").get(0);
    assertThat(string(tool, "langfuse.observation.status_message"))
        .isEqualTo("unknown order {\"orderId\":\"Z\"}");
    assertThat(tools.wrap(traced)).isSameAs(traced);
  }

  @Test
  void of_objectWithoutToolMethods_isRejectedNamingIt() {
    assertThatThrownBy(() -> tools.of(new Object()))
        .isInstanceOf(IllegalConfigurationException.class)
        .hasMessageContaining("java.lang.Object");
  }
}
