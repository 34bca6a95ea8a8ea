package dev.loupe.sdk;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where and how spans are exported: the OTLP/HTTP traces endpoint and its auth headers. Basic auth
 * (public + secret key) posts to {@code {base}/api/public/otel/v1/traces}; a Lemma API key posts to
 * {@code {base}/otel/v1/traces} with {@code Authorization: Bearer} and {@code X-Lemma-Project-ID}.
 * A base URL that already ends in {@code /v1/traces} is used as the endpoint.
 */
record ExportTarget(String endpoint, Map<String, String> headers) {
  static final String DEFAULT_BASE_URL = "http://localhost:3000";
  static final String DEFAULT_LEMMA_BASE_URL = "https://api.uselemma.ai";

  ExportTarget {
    headers = Map.copyOf(headers);
  }

  static ExportTarget basic(String baseUrl, String publicKey, String secretKey) {
    String token =
        Base64.getEncoder()
            .encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Basic " + token);
    headers.put("x-langfuse-public-key", publicKey);
    return new ExportTarget(
        endpoint(baseUrl == null ? DEFAULT_BASE_URL : baseUrl, "/api/public/otel/v1/traces"),
        headers);
  }

  static ExportTarget lemma(String baseUrl, String apiKey, String projectId) {
    return new ExportTarget(
        endpoint(baseUrl == null ? DEFAULT_LEMMA_BASE_URL : baseUrl, "/otel/v1/traces"),
        Map.of("Authorization", "Bearer " + apiKey, "X-Lemma-Project-ID", projectId));
  }

  private static String endpoint(String baseUrl, String path) {
    String base = baseUrl.strip();
    while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    return base.endsWith("/v1/traces") ? base : base + path;
  }

  @Override
  public String toString() {
    return "ExportTarget{endpoint=" + endpoint + ", headers=" + headers.keySet() + "}";
  }
}
