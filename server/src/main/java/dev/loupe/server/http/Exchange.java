package dev.loupe.server.http;

import com.sun.net.httpserver.HttpExchange;
import dev.loupe.ingest.BadPayloadException;
import dev.loupe.query.QueryParams;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request and its response, as handlers see them: the authenticated project, parameters, body,
 * answer.
 */
public final class Exchange {
  private final HttpExchange http;
  private final HttpEndpoint.Limits limits;
  private final long deadlineNanos;
  private IngestBudget.@Nullable Reservation reservation;
  private Map<String, String> pathParams = Map.of();
  private @Nullable String projectId;
  private @Nullable QueryParams params;
  private boolean responded;
  private boolean bodyRead;
  private int status;
  private long bodyBytes;

  Exchange(HttpExchange http, HttpEndpoint.Limits limits) {
    this.http = http;
    this.limits = limits;
    this.deadlineNanos = System.nanoTime() + limits.bodyTimeout().toNanos();
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
   * The raw request body (as sent, before any Content-Encoding is undone), read within the body
   * timeout.
   *
   * @throws BadPayloadException TOO_LARGE when it exceeds the configured limit (a declared
   *     Content-Length over the limit is refused without reading the body); MALFORMED when its
   *     framing is broken (a bad chunk, fewer bytes than the Content-Length)
   * @throws RequestBody.TimedOut when it has not arrived by the deadline (408)
   * @throws IngestBudget.Exhausted when a budgeted request's body outgrows the room left (429)
   */
  public byte[] body() throws IOException {
    // Not closed here: closing drains what is left, which blocks while a client holds the body
    // back. The exchange closes it once the answer is sent.
    try {
      byte[] body = requestBody().read(http.getRequestBody(), reservation, deadlineNanos);
      bodyRead = true;
      bodyBytes += body.length;
      return body;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the request body");
    }
  }

  /** How this request's body is framed and encoded, from its headers. */
  RequestBody requestBody() {
    String declared = header("Content-Length");
    boolean chunked = header("Transfer-Encoding") != null;
    long length = chunked || declared == null ? (chunked ? -1 : 0) : parseLength(declared);
    if (length > limits.maxBodyBytes() || length > Integer.MAX_VALUE - 8) {
      throw tooLarge(limits.maxBodyBytes());
    }
    return new RequestBody(
        length,
        chunked,
        header("Content-Encoding"),
        limits.maxBodyBytes(),
        limits.maxInflatedBytes());
  }

  /** Charges this request's body to {@code reservation} as it is read (ingest routes). */
  void charge(IngestBudget.Reservation reservation) {
    this.reservation = reservation;
  }

  private static long parseLength(String v) {
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED, "Content-Length is not a number: " + v);
    }
  }

  static BadPayloadException tooLarge(long maxBodyBytes) {
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
    this.status = status;
    http.getResponseHeaders().set("Content-Type", contentType);
    // Answered before its body was read (an error, a refusal): the JDK closes the connection,
    // so say so, or a pooled client reuses it and gets nothing.
    if (!bodyRead && hasBody()) http.getResponseHeaders().set("Connection", "close");
    headers.forEach(http.getResponseHeaders()::set);
    http.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = http.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * Answers with a body written as it comes (chunked); the caller writes it and closes the stream.
   * For a request without a body (a download).
   */
  public OutputStream stream(int status, String contentType, Map<String, String> headers)
      throws IOException {
    if (responded) throw new IllegalStateException("response already sent");
    responded = true;
    this.status = status;
    http.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach(http.getResponseHeaders()::set);
    http.sendResponseHeaders(status, 0);
    return http.getResponseBody();
  }

  private boolean hasBody() {
    String length = header("Content-Length");
    return header("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
  }

  long maxBodyBytes() {
    return limits.maxBodyBytes();
  }

  boolean responded() {
    return responded;
  }

  /** The status answered, or 0 while none is. */
  int status() {
    return status;
  }

  /** Bytes of request body read (as sent, before any Content-Encoding is undone). */
  long bodyBytes() {
    return bodyBytes;
  }

  String method() {
    return http.getRequestMethod();
  }

  public String rawPath() {
    return http.getRequestURI().getRawPath();
  }
}
