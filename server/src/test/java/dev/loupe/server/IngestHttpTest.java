package dev.loupe.server;

import dev.loupe.server.ServerConfig.StorageKind;
import org.junit.jupiter.api.Nested;

/** The ingest cases on every storage backend the server can open, and on the Kafka log. */
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

  /** DuckDB behind the Kafka ingest log (a real broker in this JVM). */
  @Nested
  class DuckDbOnKafka extends IngestHttpCases {
    DuckDbOnKafka() {
      super(StorageKind.DUCKDB, TestKafka.onKafka());
    }
  }
}
