package dev.loupe.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.ingest.BadPayloadException;
import dev.loupe.model.Json;
import dev.loupe.pipeline.ApplyLagException;
import dev.loupe.query.NotFoundException;
import dev.loupe.server.auth.AuthenticationException;
import dev.loupe.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one place where exceptions become HTTP answers: a status and {@code {"error": "...",
 * "message": "..."}}.
 *
 * <pre>
 * BadPayloadException        MALFORMED 400, UNSUPPORTED_MEDIA_TYPE 415, TOO_LARGE 413
 * RequestBody.TimedOut       408 with Connection: close (the body did not arrive in time)
 * IngestBudget.Exhausted     429 with Retry-After (too many ingest bodies in flight)
 * ApplyLagException          429 with Retry-After (storage is behind the ingest log past the bound)
 * IllegalArgumentException   400 (query parameters, headers; the message names which)
 * AuthenticationException    401 with WWW-Authenticate
 * NotFoundException          404; unknown route 404; known route, other method 405 with Allow
 * NotServedException         404 NotServedByThisNode: a route of a role this node lacks (LOUPE_ROLES)
 * IOException                400 (the request could not be read, e.g. the client went away)
 * StorageException           503 with Retry-After when over capacity (the ingest log's disk is full
 *                            too), else 500
 * anything else              500 (logged)
 * </pre>
 */
public final class ErrorMapping {
  private ErrorMapping() {}

  /** An error answer. */
  record Problem(int status, String error, String message, Map<String, String> headers) {
    Problem(int status, String error, String message) {
      this(status, error, message, Map.of());
    }

    byte[] json() {
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField("error", error);
        g.writeStringField("message", message);
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }

  static Problem map(Throwable e) {
    return switch (e) {
      case BadPayloadException b ->
          switch (b.reason()) {
            case MALFORMED -> new Problem(400, "BadRequest", b.getMessage());
            case UNSUPPORTED_MEDIA_TYPE -> new Problem(415, "UnsupportedMediaType", b.getMessage());
            case TOO_LARGE -> new Problem(413, "PayloadTooLarge", b.getMessage());
          };
      case RequestBody.TimedOut t ->
          new Problem(408, "RequestTimeout", t.getMessage(), Map.of("Connection", "close"));
      case IngestBudget.Exhausted r ->
          new Problem(429, "TooManyRequests", r.getMessage(), Map.of("Retry-After", "1"));
      case ApplyLagException l ->
          new Problem(
              429,
              "TooManyRequests",
              l.getMessage(),
              Map.of("Retry-After", Long.toString(l.retryAfterSeconds())));
      case AuthenticationException a ->
          new Problem(
              401,
              "Unauthorized",
              a.getMessage(),
              Map.of("WWW-Authenticate", a.access().challenge()));
      case NotFoundException n -> new Problem(404, "NotFound", n.getMessage());
      case NotServedException n -> new Problem(404, "NotServedByThisNode", n.getMessage());
      case Routes.NoRouteException n -> new Problem(404, "NotFound", n.getMessage());
      case Routes.MethodNotAllowedException m ->
          new Problem(405, "MethodNotAllowed", m.getMessage(), Map.of("Allow", m.allowHeader()));
      case IllegalArgumentException i -> new Problem(400, "BadRequest", i.getMessage());
      case IOException io ->
          new Problem(400, "BadRequest", "could not read the request: " + io.getMessage());
      case StorageException s when s.overCapacity() ->
          new Problem(
              503,
              "ServiceUnavailable",
              "storage is over capacity, retry later: " + s.getMessage(),
              Map.of("Retry-After", "1"));
      case StorageException s -> new Problem(500, "StorageError", s.getMessage());
      default -> new Problem(500, "InternalServerError", "internal error; see the server log");
    };
  }
}
