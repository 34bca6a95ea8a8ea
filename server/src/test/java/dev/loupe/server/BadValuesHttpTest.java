package dev.loupe.server;

import dev.loupe.server.ServerConfig.StorageKind;
import org.junit.jupiter.api.Nested;

/** The bad-value cases on every storage backend the server can open. */
class BadValuesHttpTest {
  @Nested
  class InMemory extends BadValuesHttpCases {
    InMemory() {
      super(StorageKind.MEMORY);
    }
  }

  @Nested
  class DuckDb extends BadValuesHttpCases {
    DuckDb() {
      super(StorageKind.DUCKDB);
    }
  }
}
