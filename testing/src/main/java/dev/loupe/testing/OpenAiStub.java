package dev.loupe.testing;

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
 * An OpenAI-compatible {@code /chat/completions} endpoint (also under {@code /v1}, where Spring AI
 * calls it) on a loopback port, answering with the responses queued by the test, in order, and
 * keeping the request bodies it received. For tests of framework integrations: the framework's real
 * OpenAI client talks to it.
 */
public final class OpenAiStub implements AutoCloseable {
  private record Canned(int status, String contentType, String body) {}

  private final HttpServer server;
  private final ConcurrentLinkedDeque<Canned> answers = new ConcurrentLinkedDeque<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  public OpenAiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/chat/completions", this::answer);
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<String> requests() {
    return requests;
  }

  /** Queues a 200 answer with one assistant text message. */
  public OpenAiStub thenText(String model, String text, int promptTokens, int completionTokens) {
    String message = "{\"role\":\"assistant\",\"content\":" + quote(text) + "}";
    return then(200, completion(model, message, "stop", promptTokens, completionTokens));
  }

  /** Queues a 200 answer asking for one tool call. */
  public OpenAiStub thenToolCall(String model, String callId, String tool, String arguments) {
    String call =
        "{\"id\":\"%s\",\"type\":\"function\",\"function\":{\"name\":\"%s\",\"arguments\":%s}}"
            .formatted(callId, tool, quote(arguments));
    String message = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]}";
    return then(200, completion(model, message, "tool_calls", 30, 12));
  }

  /** Queues an error answer in OpenAI's error shape. */
  public OpenAiStub thenError(int status, String message) {
    return then(
        status, "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"server_error\"}}");
  }

  /** Queues a streamed (server-sent events) answer: one chunk per piece, then usage. */
  public OpenAiStub thenStream(
      String model, List<String> pieces, int promptTokens, int completionTokens) {
    StringBuilder events = new StringBuilder();
    String head =
        "{\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\""
            + model
            + "\",";
    for (String piece : pieces) {
      events
          .append("data: ")
          .append(head)
          .append("\"choices\":[{\"index\":0,\"delta\":{\"content\":")
          .append(quote(piece))
          .append("},\"finish_reason\":null}]}\n\n");
    }
    events
        .append("data: ")
        .append(head)
        .append("\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    events
        .append("data: ")
        .append(head)
        .append(
            "\"choices\":[],\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":%d,\"total_tokens\":%d}}\n\n"
                .formatted(promptTokens, completionTokens, promptTokens + completionTokens));
    events.append("data: [DONE]\n\n");
    answers.add(new Canned(200, "text/event-stream", events.toString()));
    return this;
  }

  private OpenAiStub then(int status, String body) {
    answers.add(new Canned(status, "application/json", body));
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
        canned =
            new Canned(
                500, "application/json", "{\"error\":{\"message\":\"stub: no answer queued\"}}");
      }
      byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", canned.contentType());
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
