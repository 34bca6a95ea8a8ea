package dev.loupe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress line on stderr, redrawn about once a second: percent, rows/s and ETA. On a terminal it
 * redraws in place; into a file (nohup) it writes a line every 10 s.
 */
final class Progress implements AutoCloseable {
  private final String label;
  private final long total;
  private final AtomicLong done = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final boolean terminal = stderrIsTerminal();
  private final PrintStream out = System.err;
  private final Thread thread;
  private volatile boolean stopped;

  Progress(String label, long total) {
    this.label = label;
    this.total = total;
    this.thread = Thread.ofPlatform().daemon().name("bench-progress").start(this::loop);
  }

  void add(long rows) {
    done.addAndGet(rows);
  }

  private void loop() {
    int tick = 0;
    while (!stopped) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
      if (terminal) out.print("\r" + line());
      else if (++tick % 10 == 0) out.println(line());
    }
  }

  String line() {
    long n = done.get();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double rate = n / Math.max(seconds, 1e-9);
    double fraction = total == 0 ? 1 : (double) n / total;
    int width = 30;
    int filled = (int) Math.min(width, Math.round(fraction * width));
    long eta = rate > 0 ? Math.round((total - n) / rate) : -1;
    return String.format(
        "%s [%s%s] %5.1f%%  %,d/%,d rows  %,.0f rows/s  ETA %s   ",
        label,
        "#".repeat(filled),
        ".".repeat(width - filled),
        fraction * 100,
        n,
        total,
        rate,
        eta < 0 ? "?" : String.format("%d:%02d", eta / 60, eta % 60));
  }

  /** Whether stderr is a terminal (Linux: fd 2 is a tty); elsewhere whether there is a console. */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.print((terminal ? "\r" : "") + line() + System.lineSeparator());
  }
}
