package dev.loupe.integrations.langchain4j;

import static dev.loupe.integrations.langchain4j.SpanCapture.json;
import static dev.loupe.integrations.langchain4j.SpanCapture.parse;
import static dev.loupe.integrations.langchain4j.SpanCapture.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.loupe.testing.OpenAiStub;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@SuppressWarnings("try") // scopes are held to make a parent span current
class LoupeChatModelListenerTest {
  private SpanCapture capture;
  private OpenAiStub stub;
  private ChatModel model;

  @BeforeEach
  void setUp() throws Exception {
    capture = new SpanCapture();
    stub = new OpenAiStub();
    model =
        OpenAiChatModel.builder()
            .baseUrl(stub.baseUrl())
            .apiKey("test-key")
            .modelName("gpt-4o")
            .temperature(0.2)
            .topP(0.9)
            .maxTokens(256)
            .maxRetries(0)
            .listeners(List.of(new LoupeChatModelListener(capture.tracer())))
            .build();
  }

  @AfterEach
  void tearDown() {
    stub.close();
    capture.close();
  }

  @Test
  void plainAnswer_isGenerationWithModelParametersMessagesUsageAndFinishReason() {
    stub.thenText("gpt-4o-2024-08-06", "Your order ships today.", 42, 17);

    ChatResponse response =
        model.chat(
            SystemMessage.from("You are a support agent."), UserMessage.from("Where is my order?"));

    assertThat(response.aiMessage().text()).isEqualTo("Your order ships today.");
    assertThat(capture.spans()).hasSize(1);
    SpanData span = capture.spans().get(0);
    assertThat(span.getName()).isEqualTo("chat gpt-4o");
    assertThat(string(span, "langfuse.observation.type")).isEqualTo("generation");
    assertThat(string(span, "langfuse.observation.model.name")).isEqualTo("gpt-4o-2024-08-06");
    assertThat(string(span, "gen_ai.request.model")).isEqualTo("gpt-4o");
    assertThat(string(span, "gen_ai.response.model")).isEqualTo("gpt-4o-2024-08-06");
    assertThat(string(span, "gen_ai.provider.name")).isEqualTo("openai");
    assertThat(json(span, "langfuse.observation.model.parameters"))
        .isEqualTo(parse("{\"temperature\":0.2,\"top_p\":0.9,\"max_tokens\":256}"));
    assertThat(json(span, "langfuse.observation.input"))
        .isEqualTo(
            parse(
                """
                [{"role":"system","content":"You are a support agent."},
                 {"role":"user","content":"Where is my order?"}]"""));
    assertThat(json(span, "langfuse.observation.output"))
        .isEqualTo(parse("{\"role\":\"assistant\",\"content\":\"Your order ships today.\"}"));
    assertThat(json(span, "langfuse.observation.usage_details"))
        .isEqualTo(parse("{\"input\":42,\"output\":17,\"total\":59}"));
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(42L);
    assertThat(string(span, "langfuse.observation.metadata.finish_reason")).isEqualTo("stop");
    assertThat(
            span.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly("stop");
    assertThat(string(span, "langfuse.observation.level")).isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void generation_isChildOfTheCurrentSpan() {
    stub.thenText("gpt-4o", "hi", 3, 1);
    Span parent = capture.tracer().spanBuilder("handle-request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      model.chat("hello");
    } finally {
      parent.end();
    }

    SpanData generation = capture.spansOfType("generation").get(0);
    assertThat(generation.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(generation.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
  }

  @Test
  void toolCallAnswer_outputCarriesToolCallsAndFinishReason() {
    stub.thenToolCall("gpt-4o", "call_1", "lookupOrder", "{\"orderId\":\"A-17\"}");

    ChatResponse response = model.chat(UserMessage.from("Where is order A-17?"));

    assertThat(response.aiMessage().hasToolExecutionRequests()).isTrue();
    SpanData span = capture.spans().get(0);
    assertThat(json(span, "langfuse.observation.output"))
        .isEqualTo(
            parse(
                """
                {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                 "function":{"name":"lookupOrder","arguments":"{\\"orderId\\":\\"A-17\\"}"}}]}"""));
    assertThat(string(span, "langfuse.observation.metadata.finish_reason"))
        .isEqualTo("tool_execution");
    assertThat(json(span, "langfuse.observation.usage_details"))
        .isEqualTo(parse("{\"input\":30,\"output\":12,\"total\":42}"));
  }

  @Test
  void historyWithToolCallAndResult_isSentAsChatJson() {
    stub.thenText("gpt-4o", "It shipped.", 50, 4);
    ToolExecutionRequest call =
        ToolExecutionRequest.builder()
            .id("call_9")
            .name("lookupOrder")
            .arguments("{\"orderId\":\"B-2\"}")
            .build();

    model.chat(
        ChatRequest.builder()
            .messages(
                UserMessage.from("Where is B-2?"),
                AiMessage.from(call),
                ToolExecutionResultMessage.from(call, "shipped"))
            .build());

    assertThat(json(capture.spans().get(0), "langfuse.observation.input"))
        .isEqualTo(
            parse(
                """
                [{"role":"user","content":"Where is B-2?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_9","type":"function",
                  "function":{"name":"lookupOrder","arguments":"{\\"orderId\\":\\"B-2\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_9","name":"lookupOrder","content":"shipped"}]"""));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 429})
  void failedCall_isErrorWithTheErrorMessage(int status) {
    stub.thenError(status, "upstream overloaded");

    Throwable thrown = catchThrown(() -> model.chat("hello"));

    assertThat(thrown.getMessage()).contains("upstream overloaded");
    SpanData span = capture.spans().get(0);
    assertThat(string(span, "langfuse.observation.type")).isEqualTo("generation");
    assertThat(string(span, "langfuse.observation.level")).isEqualTo("ERROR");
    assertThat(string(span, "langfuse.observation.status_message")).isEqualTo(thrown.getMessage());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo(thrown.getMessage());
    assertThat(span.getEvents()).anyMatch(event -> event.getName().equals("exception"));
    assertThat(string(span, "langfuse.observation.output")).isNull();
  }

  @Test
  void everyCall_getsItsOwnSpan() {
    stub.thenText("gpt-4o", "one", 1, 1).thenError(500, "boom").thenText("gpt-4o", "three", 1, 1);

    model.chat("1");
    assertThatThrownBy(() -> model.chat("2")).hasMessageContaining("boom");
    model.chat("3");

    assertThat(capture.spans())
        .extracting(s -> string(s, "langfuse.observation.level"))
        .containsExactly(null, "ERROR", null);
    assertThat(capture.spans()).extracting(SpanData::getSpanId).doesNotHaveDuplicates();
  }

  @Test
  void streamedAnswer_endsTheSpanFromTheStreamingThreadUnderTheCallersParent() throws Exception {
    stub.thenStream("gpt-4o", List.of("Hel", "lo ", "Ada"), 9, 3);
    StreamingChatModel streaming =
        OpenAiStreamingChatModel.builder()
            .baseUrl(stub.baseUrl())
            .apiKey("test-key")
            .modelName("gpt-4o")
            .listeners(List.of(new LoupeChatModelListener(capture.tracer())))
            .build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    Span parent = capture.tracer().spanBuilder("handle-request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      streaming.chat(
          "greet Ada",
          new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {}

            @Override
            public void onCompleteResponse(ChatResponse response) {
              done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
              done.completeExceptionally(error);
            }
          });
    } finally {
      parent.end();
    }

    assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Hello Ada");
    SpanData span = awaitGeneration();
    assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(json(span, "langfuse.observation.output"))
        .isEqualTo(parse("{\"role\":\"assistant\",\"content\":\"Hello Ada\"}"));
    assertThat(json(span, "langfuse.observation.usage_details"))
        .isEqualTo(parse("{\"input\":9,\"output\":3,\"total\":12}"));
    assertThat(string(span, "langfuse.observation.metadata.finish_reason")).isEqualTo("stop");
  }

  @Test
  void noArgumentListener_usesTheGlobalOpenTelemetryInstalledAfterIt() {
    LoupeChatModelListener listener = new LoupeChatModelListener();
    ChatModel global =
        OpenAiChatModel.builder()
            .baseUrl(stub.baseUrl())
            .apiKey("test-key")
            .modelName("gpt-4o-mini")
            .maxRetries(0)
            .listeners(List.of(listener))
            .build();
    stub.thenText("gpt-4o-mini", "ok", 2, 1);
    GlobalOpenTelemetry.resetForTest();
    try {
      GlobalOpenTelemetry.set(capture.openTelemetry());
      global.chat("ping");
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }

    SpanData span = capture.spansOfType("generation").get(0);
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.loupe.langchain4j");
    assertThat(string(span, "langfuse.observation.model.name")).isEqualTo("gpt-4o-mini");
  }

  /** The generation span, once the streaming thread has ended it. */
  private SpanData awaitGeneration() throws InterruptedException {
    for (int i = 0; i < 200 && capture.spansOfType("generation").isEmpty(); i++) {
      Thread.sleep(10);
    }
    return capture.spansOfType("generation").get(0);
  }

  private static Throwable catchThrown(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the call did not fail");
  }
}
