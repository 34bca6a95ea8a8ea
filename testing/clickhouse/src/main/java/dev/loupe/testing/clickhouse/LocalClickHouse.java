package dev.loupe.testing.clickhouse;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real ClickHouse engine (chDB, in this process) behind an endpoint on 127.0.0.1 that speaks
 * ClickHouse's HTTP interface, so the production client (client-v2, the JDBC driver) talks to it
 * with its default settings. Data lives in {@code dir} and outlasts a close: start again on the
 * same directory and it is there. One directory per process at a time (the engine's rule): start on
 * another only after closing this one. For tests and local trials, never for production.
 */
public final class LocalClickHouse implements AutoCloseable {
  /** Threads answering requests; each runs one statement at a time on a connection of its own. */
  private static final int THREADS = 16;

  private final Path dir;
  private final ChDb anchor;
  private final ConnectionPool pool;
  private final HttpServer server;
  private final ExecutorService executor;

  private LocalClickHouse(
      Path dir, ChDb anchor, ConnectionPool pool, HttpServer server, ExecutorService executor) {
    this.dir = dir;
    this.anchor = anchor;
    this.pool = pool;
    this.server = server;
    this.executor = executor;
  }

  /** Starts the engine on {@code dir} (created when missing) and the endpoint on a free port. */
  public static LocalClickHouse start(Path dir) {
    return start(dir, 0);
  }

  /** Starts the engine on {@code dir} and the endpoint on {@code port} (0: a free one). */
  public static LocalClickHouse start(Path dir, int port) {
    Path path = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("LocalClickHouse: cannot create " + path, e);
    }
    // The anchor keeps the engine booted while the pool has no connection open.
    ChDb anchor = ChDb.connect(path, Map.of());
    ConnectionPool pool = new ConnectionPool(path);
    try {
      String[] about =
          new String(
                  anchor.query("SELECT version(), timezone()", "TabSeparated").data(),
                  StandardCharsets.UTF_8)
              .strip()
              .split("\t");
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
      AtomicInteger n = new AtomicInteger();
      ExecutorService executor =
          Executors.newFixedThreadPool(
              THREADS,
              r -> {
                Thread t = new Thread(r, "local-clickhouse-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      server.setExecutor(executor);
      server.createContext("/", new HttpEndpoint(pool, about[0], about[1]));
      server.start();
      return new LocalClickHouse(path, anchor, pool, server, executor);
    } catch (IOException | RuntimeException e) {
      pool.close();
      anchor.close();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("LocalClickHouse: cannot listen on 127.0.0.1:" + port, io);
      }
      throw (RuntimeException) e;
    }
  }

  /** The endpoint, "http://127.0.0.1:PORT". */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public Path dir() {
    return dir;
  }

  /** Stops the endpoint and closes the engine's connections; the data stays in {@link #dir()}. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    pool.close();
    anchor.close();
  }

  /** {@code LocalClickHouse <dir> [port]}: prints {@code url=...} and runs until killed. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: LocalClickHouse <dir> [port]");
      System.exit(2);
    }
    LocalClickHouse ch = start(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 0);
    Runtime.getRuntime().addShutdownHook(new Thread(ch::close));
    System.out.println("url=" + ch.url());
    System.out.flush();
    Thread.currentThread().join();
  }
}
