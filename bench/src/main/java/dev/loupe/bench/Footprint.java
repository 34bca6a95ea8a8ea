package dev.loupe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Memory and disk the bench can see: this JVM's resident set and a directory's bytes. */
final class Footprint {
  private Footprint() {}

  /** VmRSS of this process in MiB (native DuckDB memory included), from /proc; -1 off Linux. */
  static long rssMiB() {
    return rssMiB("self");
  }

  /** VmRSS of process {@code pid} in MiB, from /proc; -1 when unreadable. */
  static long rssMiB(long pid) {
    return rssMiB(Long.toString(pid));
  }

  private static long rssMiB(String proc) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", proc, "status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** The 1-minute load average from /proc (other processes sharing the cores skew timings). */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** Total size in bytes of the regular files under {@code path} (0 when it does not exist). */
  static long bytes(Path path) {
    if (!Files.exists(path)) return 0;
    try (Stream<Path> files = Files.walk(path)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 1.23 GB}-style, decimal units. */
  static String human(long bytes) {
    if (bytes < 1_000_000) return String.format("%,d B", bytes);
    if (bytes < 1_000_000_000) return String.format("%.1f MB", bytes / 1e6);
    return String.format("%.2f GB", bytes / 1e9);
  }
}
