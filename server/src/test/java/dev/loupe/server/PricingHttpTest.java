package dev.loupe.server;

import dev.loupe.server.ServerConfig.StorageKind;
import org.junit.jupiter.api.Nested;

/** The pricing cases on every storage backend the server can open, and on the Kafka log. */
class PricingHttpTest {
  @Nested
  class InMemory extends PricingHttpCases {
    InMemory() {
      super(StorageKind.MEMORY);
    }
  }

  @Nested
  class DuckDb extends PricingHttpCases {
    DuckDb() {
      super(StorageKind.DUCKDB);
    }
  }

  /** DuckDB behind the Kafka ingest log (a real broker in this JVM). */
  @Nested
  class DuckDbOnKafka extends PricingHttpCases {
    DuckDbOnKafka() {
      super(StorageKind.DUCKDB, TestKafka.onKafka());
    }
  }
}
