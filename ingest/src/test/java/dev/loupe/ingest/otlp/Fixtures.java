package dev.loupe.ingest.otlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The captured Langfuse TS SDK bodies in {@code <repo>/../shared/fixtures/otlp}. */
final class Fixtures {
  /**
   * The trace id of {@code langfuse-ts-seed.json} (the .pb is a separate run, see the decoded
   * dump).
   */
  static final String JSON_TRACE_ID = "a56b235bb1adc26bf80e9bd9dda3a528";

  static final String PB_TRACE_ID = "396c755178e02d53e01e4b43d953b483";

  private Fixtures() {}

  static Path dir() {
    return Path.of(System.getProperty("loupe.repo.root", ".."))
        .resolve("../shared/fixtures/otlp")
        .normalize();
  }

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(dir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
