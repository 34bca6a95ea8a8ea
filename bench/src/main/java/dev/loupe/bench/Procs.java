package dev.loupe.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** What a process the bench started has cost so far: CPU from /proc, GC pauses from /metrics. */
final class Procs {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Procs() {}

  /**
   * CPU time process {@code pid} used so far (every thread: request handling, appliers, the JIT,
   * the collector, native engines), in seconds, from /proc; -1 when unreadable.
   */
  static double cpuSeconds(long pid) {
    try {
      return statCpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * CPU seconds so far of process {@code pid}'s JIT compiler threads (HotSpot names them {@code C1
   * CompilerThre…} and {@code C2 CompilerThre…}), from /proc; threads that ended are not counted.
   */
  static double jitCpuSeconds(long pid) {
    double sum = 0;
    try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : (Iterable<Path>) threads::iterator) {
        try {
          if (Files.readString(t.resolve("comm")).contains("CompilerThre"))
            sum += statCpuSeconds(t.resolve("stat"));
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return sum;
  }

  /**
   * CPU seconds so far of process {@code pid}'s threads, summed by {@code part} of each thread's
   * name ({@code comm}: its first 15 characters), from /proc; threads that ended are not counted.
   */
  static Map<String, Double> threadCpuSeconds(long pid, Function<String, String> part) {
    Map<String, Double> out = new LinkedHashMap<>();
    try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : (Iterable<Path>) threads::iterator) {
        try {
          String name = Files.readString(t.resolve("comm")).strip();
          out.merge(part.apply(name), statCpuSeconds(t.resolve("stat")), Double::sum);
        } catch (IOException | RuntimeException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /** User + system time of a process's or thread's {@code stat} file, in seconds. */
  private static double statCpuSeconds(Path stat) throws IOException {
    String text = Files.readString(stat);
    String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // USER_HZ is 100 on Linux
  }

  /**
   * Seconds the Loupe server at {@code baseUrl} has been paused for garbage collection so far, from
   * its Prometheus {@code jvm_gc_pause_seconds_sum} series; -1 when unreadable.
   */
  static double gcPauseSeconds(String baseUrl) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      double sum = 0;
      for (String line : r.body().split("\n"))
        if (line.startsWith("jvm_gc_pause_seconds_sum"))
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      return sum;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
