package dev.loupe.server;

import dev.loupe.server.ServerConfig.StorageKind;
import org.junit.jupiter.api.Nested;

/** The ingest cases on every storage backend the server can open. */
class IngestHttpTest {
  @Nested
  class InMemory extends IngestHttpCases {
    InMemory() {
      super(StorageKind.MEMORY);
    }
  }

  @Nested
  class DuckDb extends IngestHttpCases {
    DuckDb() {
      super(StorageKind.DUCKDB);
    }
  }
}
