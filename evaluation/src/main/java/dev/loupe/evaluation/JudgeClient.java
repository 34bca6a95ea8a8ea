package dev.loupe.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.model.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Asks an OpenAI-compatible {@code /chat/completions} endpoint for a verdict and reads it: the
 * verdict is a JSON object {@code {"reasoning": ..., "score": ...}}, asked for by a JSON schema
 * ({@code response_format}), a forced tool call, or the prompt alone, and read from the tool call's
 * arguments or from the message content (a JSON object, possibly in a code fence or with text
 * around it). Every failure is a {@link JudgeFailure} with its reason.
 */
final class JudgeClient {
  private static final int MAX_ERROR_BODY = 300;

  private final HttpClient http;

  JudgeClient(HttpClient http) {
    this.http = http;
  }

  Verdict judge(
      JudgeConnection c, String apiKey, @Nullable String model, String prompt, OutputDefinition out)
      throws JudgeFailure, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(c.completionsUri())
            .timeout(c.timeout())
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + apiKey)
            .POST(HttpRequest.BodyPublishers.ofString(body(c, model, prompt, out)))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw JudgeFailure.retry(
          Reasons.TIMEOUT,
          "no answer within " + c.timeout().toSeconds() + " s from " + c.completionsUri());
    } catch (ConnectException e) {
      throw JudgeFailure.retry(Reasons.CONNECTION, "cannot connect to " + c.completionsUri());
    } catch (IOException e) {
      throw JudgeFailure.retry(Reasons.CONNECTION, "I/O error calling the judge: " + e);
    }
    int status = response.statusCode();
    if (status == 429) {
      throw new JudgeFailure(
          Reasons.HTTP_429,
          true,
          "429 from the judge: " + excerpt(response.body()),
          retryAfter(response));
    }
    if (status >= 500) {
      throw JudgeFailure.retry(
          Reasons.HTTP_5XX, status + " from the judge: " + excerpt(response.body()));
    }
    if (status < 200 || status >= 300) {
      throw JudgeFailure.fatal(
          Reasons.HTTP_4XX, status + " from the judge: " + excerpt(response.body()));
    }
    return read(response.body(), out);
  }

  static String body(
      JudgeConnection c, @Nullable String model, String prompt, OutputDefinition out) {
    ObjectNode schema = schema(out);
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("model", model != null ? model : c.model());
    root.put("temperature", 0);
    ArrayNode messages = root.putArray("messages");
    messages
        .addObject()
        .put("role", "system")
        .put(
            "content",
            "You are an evaluator. Answer with one JSON object with the keys \"reasoning\" ("
                + describe(out.reasoningDescription(), "why you gave the score")
                + ") and \"score\" ("
                + scoreText(out)
                + "), nothing else.");
    messages.addObject().put("role", "user").put("content", prompt);
    switch (c.structuredOutput()) {
      case JudgeConnection.JSON_SCHEMA -> {
        ObjectNode format = root.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode js = format.putObject("json_schema");
        js.put("name", "evaluation");
        js.put("strict", true);
        js.set("schema", schema);
      }
      case JudgeConnection.TOOL_CALL -> {
        ObjectNode fn =
            root.putArray("tools").addObject().put("type", "function").putObject("function");
        fn.put("name", "score");
        fn.put("description", "Report the evaluation");
        fn.set("parameters", schema);
        root.putObject("tool_choice")
            .put("type", "function")
            .putObject("function")
            .put("name", "score");
      }
      default -> {}
    }
    return root.toString();
  }

  private static ObjectNode schema(OutputDefinition out) {
    ObjectNode schema = Json.MAPPER.createObjectNode();
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props
        .putObject("reasoning")
        .put("type", "string")
        .put("description", describe(out.reasoningDescription(), "why"));
    ObjectNode score = props.putObject("score");
    switch (out.dataType()) {
      case BOOLEAN -> score.put("type", "boolean");
      case CATEGORICAL -> {
        score.put("type", "string");
        ArrayNode values = score.putArray("enum");
        out.categories().forEach(values::add);
      }
      default -> score.put("type", "number");
    }
    score.put("description", describe(out.scoreDescription(), "the score"));
    schema.putArray("required").add("reasoning").add("score");
    schema.put("additionalProperties", false);
    return schema;
  }

  private static String scoreText(OutputDefinition out) {
    String kind =
        switch (out.dataType()) {
          case BOOLEAN -> "true or false";
          case CATEGORICAL -> "one of " + String.join(", ", out.categories());
          default -> "a number";
        };
    return kind + (out.scoreDescription().isBlank() ? "" : ": " + out.scoreDescription());
  }

  private static String describe(String text, String fallback) {
    return text == null || text.isBlank() ? fallback : text;
  }

  /** The verdict in a chat completion's body. */
  static Verdict read(String body, OutputDefinition out) throws JudgeFailure {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (Exception e) {
      throw JudgeFailure.retry(
          Reasons.UNPARSABLE, "the judge's body is not JSON: " + excerpt(body));
    }
    JsonNode message = root == null ? null : root.path("choices").path(0).path("message");
    if (message == null || message.isMissingNode())
      throw JudgeFailure.retry(Reasons.UNPARSABLE, "no choices[0].message in: " + excerpt(body));
    JsonNode args = message.path("tool_calls").path(0).path("function").path("arguments");
    String text = args.isTextual() ? args.asText() : message.path("content").asText("");
    JsonNode verdict = object(text);
    if (verdict == null)
      throw JudgeFailure.retry(
          Reasons.UNPARSABLE, "no JSON object in the answer: " + excerpt(text));
    JsonNode score = verdict.get("score");
    if (score == null || score.isNull())
      throw JudgeFailure.retry(Reasons.UNPARSABLE, "the answer has no score: " + excerpt(text));
    String reasoning = verdict.path("reasoning").asText("");
    return switch (out.dataType()) {
      case BOOLEAN -> new Verdict(bool(score, text) ? 1.0 : 0.0, null, reasoning);
      case CATEGORICAL -> {
        String label = score.asText();
        if (!out.categories().contains(label))
          throw JudgeFailure.retry(
              Reasons.UNPARSABLE,
              "'"
                  + label
                  + "' is not one of the categories "
                  + String.join(", ", out.categories()));
        yield new Verdict(null, label, reasoning);
      }
      default -> {
        if (score.isNumber()) yield new Verdict(score.asDouble(), null, reasoning);
        try {
          yield new Verdict(Double.parseDouble(score.asText().strip()), null, reasoning);
        } catch (NumberFormatException e) {
          throw JudgeFailure.retry(
              Reasons.UNPARSABLE, "the score is not a number: " + excerpt(score.toString()));
        }
      }
    };
  }

  private static boolean bool(JsonNode score, String text) throws JudgeFailure {
    if (score.isBoolean()) return score.asBoolean();
    if (score.isNumber() && (score.asDouble() == 0 || score.asDouble() == 1))
      return score.asDouble() == 1;
    String s = score.asText().strip().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("true") || s.equals("yes") || s.equals("1")) return true;
    if (s.equals("false") || s.equals("no") || s.equals("0")) return false;
    throw JudgeFailure.retry(
        Reasons.UNPARSABLE, "the score is not true or false: " + excerpt(text));
  }

  /** The JSON object in a text: all of it, or from its first '{' to its last '}'. */
  private static @Nullable JsonNode object(String text) {
    String s = text.strip();
    for (String candidate : new String[] {s, between(s)}) {
      if (candidate == null) continue;
      try {
        JsonNode n = Json.MAPPER.readTree(candidate);
        if (n != null && n.isObject()) return n;
      } catch (Exception ignored) {
        // try the next candidate
      }
    }
    return null;
  }

  private static @Nullable String between(String s) {
    int open = s.indexOf('{');
    int close = s.lastIndexOf('}');
    return open >= 0 && close > open ? s.substring(open, close + 1) : null;
  }

  private static @Nullable Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            v -> {
              try {
                long s = Long.parseLong(v.strip());
                return s >= 0 && s <= 3600 ? Duration.ofSeconds(s) : null;
              } catch (NumberFormatException e) {
                return null;
              }
            })
        .orElse(null);
  }

  static String excerpt(String s) {
    if (s == null) return "";
    String one = s.replace('\n', ' ').strip();
    return one.length() <= MAX_ERROR_BODY ? one : one.substring(0, MAX_ERROR_BODY) + "…";
  }
}
