package dev.loupe.integrations.springai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible {@code /v1/chat/completions} endpoint on a loopback port. It answers with
 * the responses the test queued, in order, and keeps the request bodies it received.
 */
final class OpenAiStub implements AutoCloseable {
  private record Canned(int status, String body) {}

  private final HttpServer server;
  private final ConcurrentLinkedDeque<Canned> answers = new ConcurrentLinkedDeque<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  OpenAiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<String> requests() {
    return requests;
  }

  /** Queues a 200 answer with one assistant text message and its usage. */
  OpenAiStub thenText(String model, String text, int promptTokens, int completionTokens) {
    String message = "{\"role\":\"assistant\",\"content\":" + quote(text) + "}";
    return then(200, completion(model, message, "stop", promptTokens, completionTokens));
  }

  /** Queues a 200 answer asking for one call of {@code tool}. */
  OpenAiStub thenToolCall(
      String model, String callId, String tool, String arguments, int promptTokens) {
    String call =
        "{\"id\":\"%s\",\"type\":\"function\",\"function\":{\"name\":\"%s\",\"arguments\":%s}}"
            .formatted(callId, tool, quote(arguments));
    String message = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]}";
    return then(200, completion(model, message, "tool_calls", promptTokens, 12));
  }

  /** Queues an error answer in OpenAI's error shape. */
  OpenAiStub thenError(int status, String message) {
    return then(
        status, "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"server_error\"}}");
  }

  private OpenAiStub then(int status, String body) {
    answers.add(new Canned(status, body));
    return this;
  }

  private static String completion(
      String model, String message, String finishReason, int promptTokens, int completionTokens) {
    return """
        {"id":"chatcmpl-%d","object":"chat.completion","created":1764000000,"model":"%s",
         "choices":[{"index":0,"message":%s,"finish_reason":"%s"}],
         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
        """
        .formatted(
            promptTokens * 1000 + completionTokens,
            model,
            message,
            finishReason,
            promptTokens,
            completionTokens,
            promptTokens + completionTokens);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Canned canned = answers.poll();
      if (canned == null) {
        canned = new Canned(500, "{\"error\":{\"message\":\"stub: no answer queued\"}}");
      }
      byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(canned.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
