package dev.loupe.server.http;

import com.sun.net.httpserver.HttpExchange;
import dev.loupe.ingest.BadPayloadException;
import dev.loupe.query.QueryParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request and its response, as handlers see them: the authenticated project, parameters, body,
 * answer.
 */
public final class Exchange {
  private final HttpExchange http;
  private final long maxBodyBytes;
  private Map<String, String> pathParams = Map.of();
  private @Nullable String projectId;
  private @Nullable QueryParams params;
  private boolean responded;

  Exchange(HttpExchange http, long maxBodyBytes) {
    this.http = http;
    this.maxBodyBytes = maxBodyBytes;
  }

  void bind(Map<String, String> pathParams, @Nullable String projectId) {
    this.pathParams = pathParams;
    this.projectId = projectId;
  }

  /** The authenticated project; every read and write of the request is scoped to it. */
  public String projectId() {
    if (projectId == null) throw new IllegalStateException("route is not authenticated");
    return projectId;
  }

  /** A {@code {name}} segment of the route's template, decoded. */
  public String path(String name) {
    String v = pathParams.get(name);
    if (v == null) throw new IllegalStateException("route has no path parameter " + name);
    return v;
  }

  public QueryParams params() {
    if (params == null) params = QueryParams.parse(http.getRequestURI().getRawQuery());
    return params;
  }

  public @Nullable String header(String name) {
    return http.getRequestHeaders().getFirst(name);
  }

  /**
   * The raw request body (as sent, before any Content-Encoding is undone).
   *
   * @throws BadPayloadException TOO_LARGE when it exceeds the configured limit; a declared
   *     Content-Length over the limit is refused without reading the body
   */
  public byte[] body() throws IOException {
    String declared = header("Content-Length");
    long length = declared == null ? -1 : parseLength(declared);
    if (length > maxBodyBytes || length > Integer.MAX_VALUE - 8) throw tooLarge();
    try (InputStream in = http.getRequestBody()) {
      if (length >= 0 && header("Transfer-Encoding") == null) {
        // Known size: one array filled in place, no growing copies of a large body.
        byte[] body = new byte[(int) length];
        int read = in.readNBytes(body, 0, body.length);
        if (read < body.length) {
          throw new BadPayloadException(
              BadPayloadException.Reason.MALFORMED,
              "request body ended after " + read + " of " + length + " bytes (Content-Length)");
        }
        return body;
      }
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) throw tooLarge();
      return body;
    }
  }

  private static long parseLength(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED, "Content-Length is not a number: " + v);
    }
  }

  private BadPayloadException tooLarge() {
    return new BadPayloadException(
        BadPayloadException.Reason.TOO_LARGE,
        "request body exceeds the limit of " + maxBodyBytes + " bytes (LOUPE_MAX_BODY_BYTES)");
  }

  /** Answers with a JSON body. */
  public void json(int status, byte[] body) throws IOException {
    send(status, "application/json", body);
  }

  /** Answers with a body of the given type. */
  public void send(int status, String contentType, byte[] body) throws IOException {
    send(status, contentType, body, Map.of());
  }

  /** Answers with a body of the given type and extra response headers (e.g. Location). */
  public void send(int status, String contentType, byte[] body, Map<String, String> headers)
      throws IOException {
    if (responded) throw new IllegalStateException("response already sent");
    responded = true;
    http.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach(http.getResponseHeaders()::set);
    http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = http.getResponseBody()) {
        out.write(body);
      }
    }
  }

  long maxBodyBytes() {
    return maxBodyBytes;
  }

  boolean responded() {
    return responded;
  }

  String method() {
    return http.getRequestMethod();
  }

  public String rawPath() {
    return http.getRequestURI().getRawPath();
  }
}
