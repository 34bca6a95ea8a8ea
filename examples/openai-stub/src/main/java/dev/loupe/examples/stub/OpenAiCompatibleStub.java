package dev.loupe.examples.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny OpenAI-compatible {@code POST /chat/completions} (also under {@code /v1}) on a loopback
 * port, so the example runs without an API key or network. It plays a support model by simple
 * rules:
 *
 * <ul>
 *   <li>a user message starting with {@code Polish:} gets a 429 rate-limit error;
 *   <li>a user message, when tools are offered, gets a call of the first tool with the order id
 *       found in the message ({@code {"orderId":"A-1001"}});
 *   <li>a tool result gets a text answer quoting it.
 * </ul>
 *
 * <p>Usage counts one token per four characters of the messages sent and of the answer.
 */
public final class OpenAiCompatibleStub implements AutoCloseable {
  /** The error message of the stub's 429 answer. */
  public static final String RATE_LIMITED = "Rate limit exceeded: fake upstream returned 429";

  private static final Pattern ORDER_ID = Pattern.compile("\\b[A-Z]-\\d+\\b");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private int calls;

  /** Starts the stub on a free loopback port. */
  public OpenAiCompatibleStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // LangChain4j posts to {baseUrl}/chat/completions, Spring AI to {baseUrl}/v1/chat/completions
    server.createContext("/chat/completions", this::handle);
    server.createContext("/v1/chat/completions", this::handle);
    server.start();
  }

  /** The base URL to give {@code OpenAiChatModel.builder().baseUrl(...)}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      ObjectNode answer;
      try {
        answer = answer(JSON.readTree(exchange.getRequestBody()));
      } catch (RateLimited e) {
        status = 429;
        answer = error(RATE_LIMITED, "rate_limit_exceeded");
      } catch (IOException | RuntimeException e) {
        status = 400;
        answer = error("stub: cannot answer this request: " + e.getMessage(), "invalid_request");
      }
      byte[] body = JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private synchronized ObjectNode answer(JsonNode request) throws RateLimited {
    JsonNode messages = request.path("messages");
    if (messages.size() == 0) throw new IllegalArgumentException("messages is empty");
    JsonNode last = messages.get(messages.size() - 1);
    String content = last.path("content").asText("");
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    String finishReason = "stop";
    if ("tool".equals(last.path("role").asText())) {
      message.put("content", "Here is what I found: " + content + ".");
    } else if (content.startsWith("Polish:")) {
      throw new RateLimited();
    } else if (request.path("tools").size() > 0) {
      message.putNull("content");
      ObjectNode call = message.putArray("tool_calls").addObject();
      call.put("id", "call_" + (++calls)).put("type", "function");
      call.putObject("function")
          .put("name", request.path("tools").get(0).path("function").path("name").asText())
          .put("arguments", JSON.createObjectNode().put("orderId", orderId(content)).toString());
      finishReason = "tool_calls";
    } else {
      message.put("content", "You asked: " + content);
    }
    int promptTokens = tokens(messages.toString());
    int completionTokens = tokens(message.toString());
    ObjectNode completion = JSON.createObjectNode();
    completion
        .put("id", "chatcmpl-stub-" + (++calls))
        .put("object", "chat.completion")
        .put("created", System.currentTimeMillis() / 1000)
        .put("model", request.path("model").asText("gpt-4o-mini"));
    ArrayNode choices = completion.putArray("choices");
    choices.addObject().put("index", 0).put("finish_reason", finishReason).set("message", message);
    completion
        .putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    return completion;
  }

  private static String orderId(String text) {
    Matcher m = ORDER_ID.matcher(text);
    return m.find() ? m.group() : "unknown";
  }

  static int tokens(String text) {
    return Math.max(1, (text.length() + 3) / 4);
  }

  private static ObjectNode error(String message, String code) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", "error").put("code", code);
    return body;
  }

  /** The rule for {@code Polish:} messages fired. */
  private static final class RateLimited extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** Stops the stub. */
  @Override
  public void close() {
    server.stop(0);
  }
}
