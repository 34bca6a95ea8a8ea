package dev.loupe.server;

import dev.loupe.server.ServerConfig.StorageKind;
import org.junit.jupiter.api.Nested;

/** The metrics API cases on every storage backend the server can open. */
class MetricsHttpTest {
  @Nested
  class InMemory extends MetricsHttpCases {
    InMemory() {
      super(StorageKind.MEMORY);
    }
  }

  @Nested
  class DuckDb extends MetricsHttpCases {
    DuckDb() {
      super(StorageKind.DUCKDB);
    }
  }
}
