package dev.loupe.evaluation;

import com.sun.net.httpserver.HttpServer;
import dev.loupe.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible endpoint on a loopback port answering with queued answers in order (the last
 * one again when the queue runs dry), keeping every request body.
 */
final class CannedJudge implements AutoCloseable {
  record Answer(int status, String body) {}

  final List<String> requests = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();
  private volatile Answer last = new Answer(500, "{}");
  private final HttpServer server;

  CannedJudge() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/chat/completions",
        ex -> {
          requests.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          Answer a = answers.pollFirst();
          if (a == null) a = last;
          else last = a;
          byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(a.status(), bytes.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  CannedJudge then(int status, String body) {
    answers.addLast(new Answer(status, body));
    return this;
  }

  CannedJudge thenContent(String content) {
    return then(
        200, completion("{\"role\":\"assistant\",\"content\":" + Json.quote(content) + "}"));
  }

  CannedJudge thenToolCall(String arguments) {
    return then(
        200,
        completion(
            "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
                + "\"function\":{\"name\":\"score\",\"arguments\":"
                + Json.quote(arguments)
                + "}}]}"));
  }

  static String completion(String message) {
    return "{\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"stop\"}]}";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
