package dev.loupe.server;

import dev.loupe.server.ServerConfig.StorageKind;
import org.junit.jupiter.api.Nested;

/** The arrival-order pricing cases on every storage backend the server can open. */
class ArrivalOrderPricingTest {
  @Nested
  class InMemory extends ArrivalOrderPricingCases {
    InMemory() {
      super(StorageKind.MEMORY);
    }
  }

  @Nested
  class DuckDb extends ArrivalOrderPricingCases {
    DuckDb() {
      super(StorageKind.DUCKDB);
    }
  }
}
