package dev.loupe.server.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.loupe.server.auth.Access;
import dev.loupe.server.auth.Authenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening HTTP port (JDK {@code HttpServer}, a virtual thread per request) serving a set of
 * {@link Routes}: match, authenticate, reserve (ingest routes), handle, and map any exception
 * through {@link ErrorMapping}.
 *
 * <p>No connection is held forever: a request body must arrive within {@link Limits#bodyTimeout}
 * (else 408), and the JDK's {@code sun.net.httpserver.maxReqTime} — set here, a second later —
 * closes any connection whose request is still unread by then (headers sent slowly, a body nobody
 * reads).
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * What one request may cost.
   *
   * @param maxBodyBytes largest raw body (413 beyond)
   * @param maxInflatedBytes largest size a gzip body may inflate to, on any route
   * @param bodyTimeout time from the start of handling until the whole body has arrived (408
   *     beyond)
   * @param budget the bound on ingest bodies in flight, shared by every port of the process
   */
  public record Limits(
      long maxBodyBytes, long maxInflatedBytes, Duration bodyTimeout, IngestBudget budget) {
    public Limits {
      requireNonNull(bodyTimeout, "bodyTimeout");
      requireNonNull(budget, "budget");
    }
  }

  /** Binds and starts serving, reporting nothing; port 0 picks a free port. */
  public static HttpEndpoint start(
      String bind, int port, Routes routes, Authenticator auth, Limits limits) {
    return start(bind, port, routes, auth, limits, HttpMetrics.NOOP);
  }

  /** Binds and starts serving, reporting every answer to {@code metrics}; port 0 picks one. */
  public static HttpEndpoint start(
      String bind,
      int port,
      Routes routes,
      Authenticator auth,
      Limits limits,
      HttpMetrics metrics) {
    requireNonNull(metrics, "metrics");
    // nodelay: small responses on kept-alive connections otherwise wait for delayed ACKs;
    // maxReqTime: see above; drainAmount: a body answered before it was read (401, 415, 429) is
    // read to its end (up to the body limit) and dropped before the connection is closed, so a
    // client still sending it reads the answer instead of a reset. They are read once, when the
    // JDK server class loads, so the first endpoint of a process sets them.
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    setIfAbsent(
        "sun.net.httpserver.maxReqTime", Long.toString(limits.bodyTimeout().toSeconds() + 1));
    setIfAbsent("sun.net.httpserver.drainAmount", Long.toString(limits.maxBodyBytes()));
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", new Dispatcher(routes, auth, limits, metrics));
    server.start();
    return new HttpEndpoint(server, executor);
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) System.setProperty(property, value);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting, lets running exchanges finish (up to a second), then stops. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
  }

  private record Dispatcher(Routes routes, Authenticator auth, Limits limits, HttpMetrics metrics)
      implements HttpHandler {
    @Override
    public void handle(HttpExchange http) {
      long start = System.nanoTime();
      Exchange ex = new Exchange(http, limits);
      @Nullable String template = null;
      try {
        Routes.Match match = routes.match(ex.method(), ex.rawPath());
        template = match.route().template();
        Access access = match.route().access();
        String projectId =
            access == Access.NONE
                ? null
                : auth.authenticate(
                    access, ex.header("Authorization"), ex.header(Authenticator.PROJECT_HEADER));
        ex.bind(match.pathParams(), projectId);
        if (match.route().ingest()) {
          try (IngestBudget.Reservation reservation =
              limits.budget().reserve(ex.requestBody().expectedBytes())) {
            ex.charge(reservation);
            match.route().handler().handle(ex);
          }
        } else {
          match.route().handler().handle(ex);
        }
      } catch (Throwable e) {
        answer(ex, e);
      } finally {
        http.close();
        metrics.answered(
            ex.method(), template, ex.status(), System.nanoTime() - start, ex.bodyBytes());
      }
    }

    private static void answer(Exchange ex, Throwable e) {
      ErrorMapping.Problem p = ErrorMapping.map(e);
      if (p.status() >= 500)
        LOG.error("{} {} failed: {}", ex.method(), ex.rawPath(), p.message(), e);
      else LOG.debug("{} {} -> {}: {}", ex.method(), ex.rawPath(), p.status(), p.message());
      if (ex.responded()) return;
      try {
        ex.send(p.status(), "application/json", p.json(), p.headers());
      } catch (IOException | RuntimeException sendFailed) {
        LOG.debug(
            "could not send the error answer to {} {}", ex.method(), ex.rawPath(), sendFailed);
      }
    }
  }
}
