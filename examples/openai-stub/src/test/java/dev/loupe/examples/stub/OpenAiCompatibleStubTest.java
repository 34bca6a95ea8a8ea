package dev.loupe.examples.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleStubTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOOLS =
      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookupOrder\"}}]";

  final OpenAiCompatibleStub stub = startStub();
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void userMessageWithTools_callsTheFirstToolWithTheOrderId() throws Exception {
    HttpResponse<String> res =
        post(
            "/chat/completions",
            "{\"model\":\"m-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Where is B-42?\"}],"
                + TOOLS
                + "}");

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(res.body());
    assertThat(body.path("model").asText()).isEqualTo("m-1");
    JsonNode choice = body.path("choices").get(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode function = choice.path("message").path("tool_calls").get(0).path("function");
    assertThat(function.path("name").asText()).isEqualTo("lookupOrder");
    assertThat(JSON.readTree(function.path("arguments").asText()).path("orderId").asText())
        .isEqualTo("B-42");
    JsonNode usage = body.path("usage");
    assertThat(usage.path("total_tokens").asInt())
        .isEqualTo(usage.path("prompt_tokens").asInt() + usage.path("completion_tokens").asInt());
  }

  @Test
  void toolResult_isAnsweredWithTextUnderTheV1PathToo() throws Exception {
    HttpResponse<String> res =
        post(
            "/v1/chat/completions",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"order shipped\"}]}");

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode message = JSON.readTree(res.body()).path("choices").get(0).path("message");
    assertThat(message.path("content").asText()).contains("order shipped");
  }

  @Test
  void polishMessage_getsARateLimitError() throws Exception {
    HttpResponse<String> res =
        post(
            "/chat/completions",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Polish: hi\"}]}");

    assertThat(res.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(res.body()).path("error").path("message").asText())
        .isEqualTo(OpenAiCompatibleStub.RATE_LIMITED);
  }

  @Test
  void emptyMessages_isABadRequestNamingTheField() throws Exception {
    HttpResponse<String> res = post("/chat/completions", "{\"model\":\"m\",\"messages\":[]}");

    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("messages is empty");
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static OpenAiCompatibleStub startStub() {
    try {
      return new OpenAiCompatibleStub();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
