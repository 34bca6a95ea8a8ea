package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A project's OpenAI-compatible endpoint that judges call: {@code baseUrl} + {@code
 * /chat/completions} (e.g. {@code https://host/v1}), a default model and the API key, held only
 * sealed ({@link JudgeKeys}); {@code displayKey} shows its last four characters.
 *
 * @param structuredOutput how the judge is asked for its verdict: {@code json_schema} (the
 *     response_format), {@code tool_call} (a forced function call) or {@code content} (JSON asked
 *     for in the prompt only)
 */
public record JudgeConnection(
    String projectId,
    String id,
    String name,
    String baseUrl,
    String model,
    String sealedKey,
    String displayKey,
    Duration timeout,
    String structuredOutput,
    Instant createdAt,
    Instant updatedAt) {

  public static final String JSON_SCHEMA = "json_schema";
  public static final String TOOL_CALL = "tool_call";
  public static final String CONTENT = "content";

  public JudgeConnection {
    requireNonNull(projectId, "projectId");
    requireNonNull(id, "id");
    Names.check("name", name);
    checkUrl(baseUrl);
    if (model == null || model.isBlank()) throw new IllegalArgumentException("model: is required");
    requireNonNull(sealedKey, "sealedKey");
    requireNonNull(displayKey, "displayKey");
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException("timeoutSeconds: 1 to 600, got " + timeout.toSeconds());
    }
    if (!JSON_SCHEMA.equals(structuredOutput)
        && !TOOL_CALL.equals(structuredOutput)
        && !CONTENT.equals(structuredOutput)) {
      throw new IllegalArgumentException(
          "structuredOutput: json_schema, tool_call or content, got '" + structuredOutput + "'");
    }
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
  }

  /** The URL a chat completion is posted to. */
  public URI completionsUri() {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(base + "/chat/completions");
  }

  /** What {@code displayKey} shows of a key: its last four characters. */
  static String display(String apiKey) {
    return apiKey.length() <= 8 ? "…" : "…" + apiKey.substring(apiKey.length() - 4);
  }

  /** The associated data a key is sealed with: its project and connection. */
  String owner() {
    return projectId + "/" + id;
  }

  private static void checkUrl(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank())
      throw new IllegalArgumentException("baseUrl: is required");
    try {
      URI uri = URI.create(baseUrl);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "baseUrl: an http or https URL such as https://host/v1, got '" + baseUrl + "'");
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("baseUrl")) throw e;
      throw new IllegalArgumentException("baseUrl: not a URL: '" + baseUrl + "'", e);
    }
  }
}
