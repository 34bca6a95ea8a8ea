package dev.loupe.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One Loupe node of a {@link LocalCluster}: a server process of its own on {@code 127.0.0.1:port},
 * ready once {@code GET /api/public/health} answers 200 (its storage answers).
 */
public final class LoupeNode implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final ChildProcess process;

  private LoupeNode(String name, int port, ChildProcess process) {
    this.name = name;
    this.port = port;
    this.process = process;
  }

  /** Starts {@code command} with {@code env} (which sets {@code LOUPE_PORT=port}). */
  static LoupeNode start(
      String name, int port, List<String> command, Map<String, String> env, Path log) {
    return new LoupeNode(name, port, ChildProcess.start(name, command, env, log));
  }

  /** Waits (up to 2 minutes) until it answers health with 200. */
  void awaitHealthy() {
    process.awaitReady(this::healthy, Duration.ofMinutes(2));
  }

  /** True when {@code GET /api/public/health} answers 200 now. */
  public boolean healthy() {
    try {
      HttpRequest get =
          HttpRequest.newBuilder(URI.create(url() + "/api/public/health"))
              .timeout(Duration.ofSeconds(2))
              .build();
      return HTTP.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the node wrote so far. */
  public String output() {
    return process.output();
  }

  public Path log() {
    return process.log();
  }

  /** Kills it as a crash would ({@code kill -9}); returns once it is gone. */
  public void kill() {
    process.kill();
  }

  /** Stops it as an operator would (SIGTERM: its shutdown hook closes the store and the log). */
  @Override
  public void close() {
    process.close();
  }
}
