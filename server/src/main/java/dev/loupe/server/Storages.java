package dev.loupe.server;

import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.Storage;
import dev.loupe.storage.duckdb.DuckDbStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Opens the configured backend. */
final class Storages {
  private Storages() {}

  static Storage open(ServerConfig config) {
    return switch (config.storage()) {
      case MEMORY -> new InMemoryStorage();
      case DUCKDB -> {
        try {
          Files.createDirectories(config.dataDir());
        } catch (IOException e) {
          throw new UncheckedIOException("LOUPE_DATA_DIR " + config.dataDir() + " cannot be created", e);
        }
        yield DuckDbStorage.open(config.dataDir());
      }
    };
  }
}
