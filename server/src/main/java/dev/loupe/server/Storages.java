package dev.loupe.server;

import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.clickhouse.ClickHouseSettings;
import dev.loupe.storage.clickhouse.ClickHouseStorage;
import dev.loupe.storage.duckdb.DuckDbStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

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
          throw new UncheckedIOException(
              "LOUPE_DATA_DIR " + config.dataDir() + " cannot be created", e);
        }
        yield DuckDbStorage.open(config.dataDir());
      }
      case CLICKHOUSE -> clickHouse(config.clickHouse());
    };
  }

  /**
   * Opens the ClickHouse store (and applies its schema migrations); a failure (ClickHouse not
   * reachable, credentials refused, a schema newer than this node) names where it tried and the
   * variables that said so, with ClickHouse's own reason.
   */
  private static Storage clickHouse(ClickHouseConfig settings) {
    try {
      return ClickHouseStorage.open(
          new ClickHouseSettings(
              settings.url(), settings.user(), settings.password(), settings.database()));
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot open the ClickHouse store at "
              + settings.url()
              + " (LOUPE_CLICKHOUSE_URL), database "
              + settings.database()
              + " (LOUPE_CLICKHOUSE_DATABASE), user "
              + settings.user()
              + " (LOUPE_CLICKHOUSE_USER): "
              + e.getMessage(),
          e);
    }
  }

  /** The result of an {@link #open} running in another thread; its failure is rethrown as is. */
  static Storage await(Future<Storage> opening) {
    try {
      return opening.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeWhenOpened(opening);
      throw new IllegalStateException("interrupted while opening storage", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException("storage failed to open", e.getCause());
    }
  }

  /** Closes the storage once it has opened, for start-up failures elsewhere. */
  static void closeWhenOpened(Future<Storage> opening) {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                opening.get().close();
              } catch (InterruptedException | ExecutionException | RuntimeException ignored) {
                // it failed to open, or closing failed: nothing more to release
              }
            });
  }
}
