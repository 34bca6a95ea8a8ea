package dev.loupe.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process this machine's cluster started (an engine or a Loupe node), its output in a log file of
 * its own. Its environment starts from this process's without any {@code LOUPE_*} variable, so a
 * node sees exactly the settings it was given.
 */
class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("LOUPE_"));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      return new ChildProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  /**
   * Waits until {@code ready} holds; throws with the end of the log when the process exits first or
   * {@code timeout} passes (and then stops it).
   */
  void awaitReady(BooleanSupplier ready, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ready.getAsBoolean()) return;
      if (!process.isAlive())
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + " while starting:\n" + tail());
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while " + name + " started", e);
      }
    }
    close();
    throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail());
  }

  /** Everything it wrote so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last 40 lines of its output. */
  String tail() {
    List<String> lines = output().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed; returns once it is gone. */
  void kill() {
    process.destroyForcibly();
    waitGone(Duration.ofSeconds(20));
  }

  /** SIGTERM (its shutdown hook runs), then SIGKILL after 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) return;
    process.destroy();
    if (!waitGone(Duration.ofSeconds(20))) {
      process.destroyForcibly();
      waitGone(Duration.ofSeconds(10));
    }
  }

  private boolean waitGone(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
  }
}
