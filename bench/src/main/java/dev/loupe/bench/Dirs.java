package dev.loupe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary directories a run makes for itself (a server's data, a browser profile): removed
 * when the run ends, since one ingest run leaves gigabytes and repeated runs fill the disk. A
 * directory the user named ({@code --data-dir}) is theirs and never removed.
 */
final class Dirs {
  private Dirs() {}

  /** A new temporary directory, removed with everything in it when this JVM exits. */
  static Path temporary(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "delete " + dir));
    return dir;
  }

  /** Removes {@code dir} and everything in it; what cannot be removed is left. */
  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // a temporary directory left behind
    }
  }
}
