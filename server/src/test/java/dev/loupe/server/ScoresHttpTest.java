package dev.loupe.server;

import dev.loupe.server.ServerConfig.StorageKind;
import org.junit.jupiter.api.Nested;

/** The scores and score-configs API cases on every storage backend the server can open. */
class ScoresHttpTest {
  @Nested
  class InMemory extends ScoresHttpCases {
    InMemory() {
      super(StorageKind.MEMORY);
    }
  }

  @Nested
  class DuckDb extends ScoresHttpCases {
    DuckDb() {
      super(StorageKind.DUCKDB);
    }
  }
}
