package dev.loupe.server.ui.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every dialect as chat. The examples are the shapes the providers and conventions publish (the
 * OpenTelemetry GenAI non-normative examples, the OpenAI, Anthropic, Vercel AI SDK and LangChain
 * API references), trimmed to what the page shows. Each message is summarised as {@code role: part,
 * part} with parts as {@code kind[label](name#id)=text}.
 */
class ChatReaderTest {
  private static final String BASE = "/ui/traces/t/observations/o/media/input/";

  @Nested
  class OpenAiChat {
    @Test
    void contentPartsToolCallsAndToolMessages() {
      IoView io =
          IoView.of(
              """
              [{"role": "system", "content": "You are a helpful assistant."},
               {"role": "user", "content": [
                 {"type": "text", "text": "What's in this image?"},
                 {"type": "image_url", "image_url": {"url": "https://upload.example/boardwalk.jpg", "detail": "low"}}]},
               {"role": "assistant", "content": null, "tool_calls": [
                 {"id": "call_abc123", "type": "function",
                  "function": {"name": "get_current_weather", "arguments": "{\\"location\\": \\"Boston, MA\\"}"}}]},
               {"role": "tool", "tool_call_id": "call_abc123", "content": "{\\"temperature\\": 22, \\"unit\\": \\"celsius\\"}"},
               {"role": "assistant", "content": "It is 22 °C in Boston.", "refusal": null}]
              """,
              BASE);

      assertThat(summary(io))
          .containsExactly(
              "system: text[text]=You are a helpful assistant.",
              "user: text[text]=What's in this image?, image[image_url]=https://upload.example/boardwalk.jpg",
              "assistant: tool_call[function](get_current_weather#call_abc123)={\"location\":\"Boston, MA\"}",
              "tool(answers call_abc123): other[json]={\"temperature\":22,\"unit\":\"celsius\"}",
              "assistant: text[text]=It is 22 °C in Boston.");
      Chat.Part image = io.messages().get(1).parts().get(1);
      assertThat(image.href()).isEqualTo("https://upload.example/boardwalk.jpg");
      assertThat(image.src()).isEmpty();
    }

    @Test
    void aResponseWithChoices() {
      IoView io =
          IoView.of(
              """
              {"id": "chatcmpl-123", "object": "chat.completion", "created": 1677652288, "model": "gpt-4o-mini",
               "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello there, how may I assist you today?"},
                            "logprobs": null, "finish_reason": "stop"}],
               "usage": {"prompt_tokens": 9, "completion_tokens": 12, "total_tokens": 21}}
              """);

      assertThat(summary(io))
          .containsExactly("assistant: text[text]=Hello there, how may I assist you today?");
    }

    @Test
    void aRequestBodyKeepsItsOtherKeysAside() {
      IoView io =
          IoView.of(
              """
              {"messages": [{"role": "user", "content": "Polish it"}], "tools": ["get_weather"]}
              """);

      assertThat(summary(io)).containsExactly("user: text[text]=Polish it");
      assertThat(io.rest()).contains("\"tools\" : [ \"get_weather\" ]");
    }
  }

  @Nested
  class OpenAiResponses {
    @Test
    void inputItems_messageFunctionCallOutputAndReasoning() {
      IoView io =
          IoView.of(
              """
              [{"role": "user", "content": "What's the weather like in Paris today?"},
               {"type": "reasoning", "id": "rs_6890", "summary": [
                 {"type": "summary_text", "text": "**Checking the weather** I should call get_weather."}]},
               {"type": "function_call", "id": "fc_12345xyz", "call_id": "call_12345xyz",
                "name": "get_weather", "arguments": "{\\"location\\":\\"Paris, France\\"}"},
               {"type": "function_call_output", "call_id": "call_12345xyz", "output": "14°C and cloudy"},
               {"type": "message", "id": "msg_67cc", "status": "completed", "role": "assistant",
                "content": [{"type": "output_text", "text": "It is 14 °C and cloudy in Paris.", "annotations": []}]}]
              """);

      assertThat(summary(io))
          .containsExactly(
              "user: text[text]=What's the weather like in Paris today?",
              "assistant: reasoning[summary_text]=**Checking the weather** I should call get_weather.",
              "assistant: tool_call[function_call](get_weather#call_12345xyz)={\"location\":\"Paris, France\"}",
              "tool(answers call_12345xyz): tool_result[function_call_output](#call_12345xyz)=14°C and cloudy",
              "assistant: text[output_text]=It is 14 °C and cloudy in Paris.");
    }

    @Test
    void aResponseObjectShowsItsOutputItems() {
      IoView io =
          IoView.of(
              """
              {"id": "resp_67cc", "object": "response", "created_at": 1741476542, "status": "completed",
               "model": "gpt-4.1-mini", "metadata": {}, "tools": [{"type": "function", "name": "get_weather"}],
               "output": [
                 {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather",
                  "arguments": "{\\"city\\":\\"Paris\\"}", "status": "completed"}],
               "usage": {"input_tokens": 36, "output_tokens": 87, "total_tokens": 123}}
              """);

      assertThat(summary(io))
          .containsExactly(
              "assistant: tool_call[function_call](get_weather#call_1)={\"city\":\"Paris\"}");
      assertThat(io.rest()).isEmpty();
    }

    @Test
    void aRequestWithInstructions() {
      IoView io =
          IoView.of(
              """
              {"instructions": "You must never tell jokes",
               "input": [{"role": "user", "content": [{"type": "input_text", "text": "Tell me a joke"},
                                                       {"type": "input_image", "image_url": "https://img.example/cat.png"}]}]}
              """);

      assertThat(summary(io))
          .containsExactly(
              "system: text[text]=You must never tell jokes",
              "user: text[input_text]=Tell me a joke, image[input_image]=https://img.example/cat.png");
    }
  }

  @Nested
  class Anthropic {
    @Test
    void contentBlocks_textToolUseToolResultImageThinking() {
      IoView io =
          IoView.of(
              """
              {"system": "You are a weather bot.",
               "messages": [
                 {"role": "user", "content": [
                   {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}},
                   {"type": "text", "text": "What's the weather like in San Francisco?"}]},
                 {"role": "assistant", "content": [
                   {"type": "thinking", "thinking": "The user wants the weather; I will use the tool.", "signature": "EqQBCgIYAhIM"},
                   {"type": "text", "text": "I'll check the current weather in San Francisco for you."},
                   {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                    "input": {"location": "San Francisco, CA", "unit": "celsius"}}]},
                 {"role": "user", "content": [
                   {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9", "content": "15 degrees"},
                   {"type": "tool_result", "tool_use_id": "toolu_02", "content": [{"type": "text", "text": "ConnectionError: the weather service API is not available (HTTP 500)"}], "is_error": true}]}]}
              """,
              BASE);

      assertThat(summary(io))
          .containsExactly(
              "system: text[text]=You are a weather bot.",
              "user: image[image]=image/png, 72 B, text[text]=What's the weather like in San Francisco?",
              "assistant: reasoning[thinking]=The user wants the weather; I will use the tool., "
                  + "text[text]=I'll check the current weather in San Francisco for you., "
                  + "tool_call[tool_use](get_weather#toolu_01A09q90qw90lq917835lq9)={\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}",
              "user: tool_result[tool_result](#toolu_01A09q90qw90lq917835lq9)=15 degrees, "
                  + "tool_result[tool_result](#toolu_02)!=ConnectionError: the weather service API is not available (HTTP 500)");
      Chat.Part image = io.messages().get(1).parts().getFirst();
      assertThat(image.src()).isEqualTo(BASE + "0");
      assertThat(image.mime()).isEqualTo("image/png");
    }

    @Test
    void theInlineImageIsServedByNumber() {
      String json =
          """
          [{"role": "user", "content": [
            {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQSkZJRg=="}},
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}]}]
          """;

      List<ChatReader.Inline> inline = IoView.inline(json);

      assertThat(inline)
          .containsExactly(
              new ChatReader.Inline("image/jpeg", "/9j/4AAQSkZJRg=="),
              new ChatReader.Inline("image/png", "iVBORw0KGgo="));
    }

    @Test
    void aResponseMessage() {
      IoView io =
          IoView.of(
              """
              {"id": "msg_01Aq9w938a90dw8q", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
               "content": [{"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"location": "Paris"}}],
               "stop_reason": "tool_use", "usage": {"input_tokens": 472, "output_tokens": 91}}
              """);

      assertThat(summary(io))
          .containsExactly(
              "assistant: tool_call[tool_use](get_weather#toolu_01)={\"location\":\"Paris\"}");
    }
  }

  @Nested
  class OtelGenAi {
    @Test
    void rolePartsWithToolCallAndResponse() {
      IoView io =
          IoView.of(
              """
              [{"role": "user", "parts": [{"type": "text", "content": "Weather in Paris?"}]},
               {"role": "assistant", "parts": [{"type": "tool_call", "id": "call_VSPygqKTWdrhaFErNvMV18Yl",
                 "name": "get_weather", "arguments": {"location": "Paris"}}]},
               {"role": "tool", "parts": [{"type": "tool_call_response", "id": "call_VSPygqKTWdrhaFErNvMV18Yl",
                 "response": "rainy, 57°F"}]}]
              """);

      assertThat(summary(io))
          .containsExactly(
              "user: text[text]=Weather in Paris?",
              "assistant: tool_call[tool_call](get_weather#call_VSPygqKTWdrhaFErNvMV18Yl)={\"location\":\"Paris\"}",
              "tool: tool_result[tool_call_response](#call_VSPygqKTWdrhaFErNvMV18Yl)=rainy, 57°F");
    }

    @Test
    void blobUriFileAndReasoningParts() {
      IoView io =
          IoView.of(
              """
              [{"role": "user", "parts": [
                 {"type": "text", "content": "What is in the attached data?"},
                 {"type": "uri", "modality": "image", "mime_type": "image/png",
                  "uri": "https://raw.example/opentelemetry-horizontal-color.png"},
                 {"type": "uri", "modality": "video", "mime_type": "video/mp4", "uri": "gs://my-bucket/my-video.mp4"},
                 {"type": "file", "file_id": "provider_fileid_123"},
                 {"type": "blob", "modality": "image", "mime_type": "image/png",
                  "content": "aGVsbG8gd29ybGQgaW1hZ2luZSB0aGlzIGlzIGFuIGltYWdlCg=="},
                 {"type": "blob", "modality": "audio", "mime_type": "audio/wav",
                  "content": "aGVsbG8gd29ybGQgaW1hZ2luZSB0aGlzIGlzIGFuIGltYWdlCg=="}]},
               {"role": "assistant", "finish_reason": "stop", "parts": [
                 {"type": "reasoning", "content": "Alright, the user wants a joke about OpenTelemetry"},
                 {"type": "text", "content": " Why did the developer bring OpenTelemetry to the party?"}]}]
              """,
              BASE);

      assertThat(summary(io))
          .containsExactly(
              "user: text[text]=What is in the attached data?, "
                  + "image[uri]=https://raw.example/opentelemetry-horizontal-color.png, "
                  + "media[uri]=gs://my-bucket/my-video.mp4, media[file]=provider_fileid_123, "
                  + "image[blob]=image/png, 39 B, media[blob]=audio/wav, 39 B",
              "assistant: reasoning[reasoning]=Alright, the user wants a joke about OpenTelemetry, "
                  + "text[text]= Why did the developer bring OpenTelemetry to the party?");
      assertThat(io.messages().getFirst().parts().get(4).src()).isEqualTo(BASE + "0");
      assertThat(io.messages().getFirst().parts().get(5).src())
          .as("audio is not an image")
          .isEmpty();
    }

    @Test
    void systemInstructionsBesideTheMessages() {
      IoView io =
          IoView.of(
              """
              {"system_instructions": [{"type": "text", "content": "You must never tell jokes"}],
               "messages": [{"role": "user", "parts": [{"type": "text", "content": "Tell me a joke about OpenTelemetry"}]}]}
              """);

      assertThat(summary(io))
          .containsExactly(
              "system: text[text]=You must never tell jokes",
              "user: text[text]=Tell me a joke about OpenTelemetry");
    }

    @Test
    void systemInstructionsAsIngestPrependsThem() {
      IoView io =
          IoView.of(
              """
              [{"role": "system", "parts": [{"type": "text", "content": "You must never tell jokes"}]},
               {"role": "user", "parts": [{"type": "text", "content": "Tell me a joke"}]}]
              """);

      assertThat(summary(io))
          .containsExactly(
              "system: text[text]=You must never tell jokes", "user: text[text]=Tell me a joke");
    }
  }

  @Nested
  class LangChain {
    @Test
    void messageDicts() {
      IoView io =
          IoView.of(
              """
              [{"type": "system", "content": "You are a helpful assistant.", "additional_kwargs": {}},
               {"type": "human", "content": "What is 3 * 12?", "additional_kwargs": {}, "example": false},
               {"type": "ai", "content": "", "tool_calls": [{"name": "multiply", "args": {"a": 3, "b": 12},
                 "id": "call_1Tdp", "type": "tool_call"}], "response_metadata": {"finish_reason": "tool_calls"}},
               {"type": "tool", "content": "36", "tool_call_id": "call_1Tdp", "name": "multiply"}]
              """);

      assertThat(summary(io))
          .containsExactly(
              "system: text[text]=You are a helpful assistant.",
              "user: text[text]=What is 3 * 12?",
              "assistant: tool_call[tool_call](multiply#call_1Tdp)={\"a\":3,\"b\":12}",
              "tool multiply(answers call_1Tdp): text[text]=36");
    }

    @Test
    void storedAndSerializedForms() {
      IoView io =
          IoView.of(
              """
              [[{"type": "human", "data": {"content": "hi!", "additional_kwargs": {}}},
                {"lc": 1, "type": "constructor", "id": ["langchain_core", "messages", "AIMessage"],
                 "kwargs": {"content": "Hello! How can I help?", "tool_calls": [], "additional_kwargs": {}}}]]
              """);

      assertThat(summary(io))
          .containsExactly("user: text[text]=hi!", "assistant: text[text]=Hello! How can I help?");
    }
  }

  @Nested
  class VercelAi {
    @Test
    void promptPartsToolCallToolResultImageFileReasoning() {
      IoView io =
          IoView.of(
              """
              [{"role": "system", "content": "You are a weather agent."},
               {"role": "user", "content": [{"type": "text", "text": "Weather in Berlin? See the map."},
                 {"type": "image", "image": "https://maps.example/berlin.png", "mediaType": "image/png"},
                 {"type": "file", "data": "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29kZT4+", "mediaType": "application/pdf"}]},
               {"role": "assistant", "content": [{"type": "reasoning", "text": "Need the weather tool."},
                 {"type": "tool-call", "toolCallId": "call-1", "toolName": "weather", "input": {"city": "Berlin"}}]},
               {"role": "tool", "content": [{"type": "tool-result", "toolCallId": "call-1", "toolName": "weather",
                 "output": {"type": "json", "value": {"temperature": 18}}}]},
               {"role": "tool", "content": [{"type": "tool-result", "toolCallId": "call-2", "toolName": "weather",
                 "output": {"type": "error-text", "value": "city not found"}}]}]
              """);

      assertThat(summary(io))
          .containsExactly(
              "system: text[text]=You are a weather agent.",
              "user: text[text]=Weather in Berlin? See the map., image[image]=https://maps.example/berlin.png, "
                  + "media[file]=application/pdf, 60 B",
              "assistant: reasoning[reasoning]=Need the weather tool., "
                  + "tool_call[tool-call](weather#call-1)={\"city\":\"Berlin\"}",
              "tool: tool_result[tool-result](weather#call-1)={\"temperature\":18}",
              "tool: tool_result[tool-result](weather#call-2)!=city not found");
    }

    @Test
    void aBareListOfToolCallsIsAnAssistantMessage() {
      // ai.response.toolCalls of a doGenerate span (AI SDK 4: args; 5+: input)
      IoView io =
          IoView.of(
              """
              [{"toolCallType": "function", "toolCallId": "call_Qa1", "toolName": "weather", "args": "{\\"city\\":\\"Paris\\"}"},
               {"type": "tool-call", "toolCallId": "call_Qa2", "toolName": "time", "input": {"zone": "CET"}}]
              """);

      assertThat(summary(io))
          .containsExactly(
              "assistant: tool_call[tool_call](weather#call_Qa1)={\"city\":\"Paris\"}, "
                  + "tool_call[tool-call](time#call_Qa2)={\"zone\":\"CET\"}");
    }

    @Test
    void aSystemAndPromptObject() {
      IoView io = IoView.of("{\"system\": \"Be brief.\", \"prompt\": \"Invent a new holiday.\"}");

      assertThat(summary(io))
          .containsExactly(
              "system: text[text]=Be brief.", "user: text[text]=Invent a new holiday.");
    }
  }

  @Test
  void notAConversation_isPrettyJsonOrText() {
    assertThat(IoView.of("{\"ticket\": 4711}").json()).isTrue();
    assertThat(IoView.of("{\"ticket\": 4711}").text()).isEqualTo("{\n  \"ticket\" : 4711\n}");
    assertThat(IoView.of("\"plain\"").text()).isEqualTo("plain");
    assertThat(IoView.of("not json").text()).isEqualTo("not json");
    assertThat(IoView.of("[1, 2]").isChat()).isFalse();
  }

  @Test
  void modelParameters_showRequestParametersOnly() {
    List<ObservationView.Entry> shown =
        ObservationView.requestParameters(
            IoView.entries(
                """
                {"id": "resp_1", "object": "response", "created_at": 1741476542, "model": "gpt-4.1-mini",
                 "metadata": {}, "status": "completed", "temperature": 0.7, "max_output_tokens": 512,
                 "parallel_tool_calls": true, "previous_response_id": null,
                 "reasoning": {"effort": "low"}}
                """));

    assertThat(shown.stream().map(ObservationView.Entry::key))
        .containsExactly("temperature", "max_output_tokens", "parallel_tool_calls", "reasoning");
  }

  /** {@code role: part, part} per message; JSON texts compacted. */
  private static List<String> summary(IoView io) {
    assertThat(io.isChat()).as("read as chat").isTrue();
    return io.messages().stream()
        .map(
            m ->
                m.role()
                    + (m.name().isEmpty() ? "" : " " + m.name())
                    + (m.toolCallId().isEmpty() ? "" : "(answers " + m.toolCallId() + ")")
                    + ": "
                    + m.parts().stream()
                        .map(ChatReaderTest::part)
                        .collect(Collectors.joining(", ")))
        .toList();
  }

  private static String part(Chat.Part p) {
    String who = p.name().isEmpty() && p.id().isEmpty() ? "" : "(" + p.name() + "#" + p.id() + ")";
    String text = p.code() ? dev.loupe.model.Json.parse(p.text()).toString() : p.text();
    return p.kindName() + "[" + p.label() + "]" + who + (p.error() ? "!" : "") + "=" + text;
  }
}
