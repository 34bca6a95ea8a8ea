package dev.loupe.server;

import dev.loupe.server.ServerConfig.StorageKind;
import org.junit.jupiter.api.Nested;

/** The read API cases on every storage backend the server can open. */
class ReadApiTest {
  @Nested
  class InMemory extends ReadApiCases {
    InMemory() {
      super(StorageKind.MEMORY);
    }
  }

  @Nested
  class DuckDb extends ReadApiCases {
    DuckDb() {
      super(StorageKind.DUCKDB);
    }
  }
}
