package dev.loupe.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.loupe.server.auth.Access;
import dev.loupe.server.auth.Authenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening HTTP port (JDK {@code HttpServer}, a virtual thread per request) serving a set of
 * {@link Routes}: match, authenticate, handle, and map any exception through {@link ErrorMapping}.
 */
public final class HttpEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds and starts serving; port 0 picks a free port. */
  public static HttpEndpoint start(
      String bind, int port, Routes routes, Authenticator auth, long maxBodyBytes) {
    // Small responses on kept-alive connections otherwise wait for delayed ACKs; read once by the
    // JDK.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", new Dispatcher(routes, auth, maxBodyBytes));
    server.start();
    return new HttpEndpoint(server, executor);
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

  private record Dispatcher(Routes routes, Authenticator auth, long maxBodyBytes)
      implements HttpHandler {
    @Override
    public void handle(HttpExchange http) {
      Exchange ex = new Exchange(http, maxBodyBytes);
      try {
        Routes.Match match = routes.match(ex.method(), ex.rawPath());
        Access access = match.route().access();
        String projectId =
            access == Access.NONE
                ? null
                : auth.authenticate(
                    access, ex.header("Authorization"), ex.header(Authenticator.PROJECT_HEADER));
        ex.bind(match.pathParams(), projectId);
        match.route().handler().handle(ex);
      } catch (Throwable e) {
        answer(ex, e);
      } finally {
        http.close();
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
