package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.loupe.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible judge on a loopback port ({@code /v1/chat/completions}) that answers by what
 * the prompt holds: a prompt with {@code [timeout]} gets no answer for 8 s, {@code [garbage]} a 200
 * whose content is prose with no JSON, {@code [429]} a 429, {@code [5xx]} a 503; any other a JSON
 * verdict whose score is the number after {@code score=} in the prompt (else 0.5). It refuses (401)
 * a request without its bearer key, and counts every call.
 */
public final class StubJudge implements AutoCloseable {
  private static final Pattern SCORE = Pattern.compile("score=([0-9.]+)");

  final String apiKey;
  public final AtomicInteger calls = new AtomicInteger();
  public final AtomicInteger unauthorized = new AtomicInteger();

  /** Calls by the first line of the user message that starts with "Question:". */
  final java.util.Map<String, AtomicInteger> byQuestion =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final HttpServer server;

  public StubJudge(String apiKey) throws IOException {
    this.apiKey = apiKey;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/v1/chat/completions", this::answer);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void answer(HttpExchange ex) throws IOException {
    calls.incrementAndGet();
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!("Bearer " + apiKey).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
      unauthorized.incrementAndGet();
      send(ex, 401, "{\"error\":{\"message\":\"bad key\"}}");
      return;
    }
    JsonNode request = Json.parse(body);
    String prompt = request.path("messages").path(1).path("content").asText();
    for (String line : prompt.split("\n"))
      if (line.startsWith("Question:"))
        byQuestion.computeIfAbsent(line, k -> new AtomicInteger()).incrementAndGet();
    if (prompt.contains("[timeout]")) {
      try {
        Thread.sleep(8_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      send(ex, 200, completion("{\"reasoning\":\"late\",\"score\":1}"));
    } else if (prompt.contains("[garbage]")) {
      send(ex, 200, completion("I think this answer is quite good overall!"));
    } else if (prompt.contains("[429]")) {
      ex.getResponseHeaders().add("Retry-After", "0");
      send(ex, 429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}");
    } else if (prompt.contains("[5xx]")) {
      send(ex, 503, "{\"error\":{\"message\":\"overloaded\"}}");
    } else {
      Matcher m = SCORE.matcher(prompt);
      String score = m.find() ? m.group(1) : "0.5";
      send(ex, 200, completion("{\"reasoning\":\"judged " + score + "\",\"score\":" + score + "}"));
    }
  }

  private static String completion(String content) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"judge-1\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":"
        + Json.quote(content)
        + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5}}";
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    try {
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the caller gave up (a timeout): nothing to answer
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
