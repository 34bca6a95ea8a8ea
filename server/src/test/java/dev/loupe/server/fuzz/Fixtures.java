package dev.loupe.server.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The captured Langfuse TypeScript SDK export ({@code ../shared/fixtures/otlp} beside the
 * repository): the real bytes a client sends, as seeds for byte-level mutations.
 */
final class Fixtures {
  static final Path DIR =
      Path.of(System.getProperty("loupe.repo.root", "."), "..", "shared", "fixtures", "otlp");
  static final byte[] PB = read("langfuse-ts-seed.pb");
  static final byte[] JSON = read("langfuse-ts-seed.json");

  private Fixtures() {}

  private static byte[] read(String name) {
    try {
      return Files.readAllBytes(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("fixture " + name + " (set -Dloupe.repo.root)", e);
    }
  }
}
