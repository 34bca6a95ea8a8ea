package dev.loupe.storage.clickhouse;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInfo;

/**
 * The shared storage suite on ClickHouse: one engine per JVM ({@link TestClickHouse}: the real
 * engine in this process, or {@code LOUPE_TEST_CLICKHOUSE_URL}), a fresh database per test.
 */
class ITClickHouseStorage {
  static ClickHouseStorage open() {
    return TestClickHouse.open();
  }

  @Nested
  class ITObservationConsumer
      extends dev.loupe.storage.tests.ITObservationConsumer<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITTraceStore extends dev.loupe.storage.tests.ITTraceStore<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITObservationStore extends dev.loupe.storage.tests.ITObservationStore<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITObservationSearch extends dev.loupe.storage.tests.ITObservationSearch<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITFullTextSearch extends dev.loupe.storage.tests.ITFullTextSearch<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITSessionStore extends dev.loupe.storage.tests.ITSessionStore<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITProjectIsolation extends dev.loupe.storage.tests.ITProjectIsolation<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITProjectStore extends dev.loupe.storage.tests.ITProjectStore<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITStorageHeavy extends dev.loupe.storage.tests.ITStorageHeavy<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITModelPriceStore extends dev.loupe.storage.tests.ITModelPriceStore<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITLogPositions extends dev.loupe.storage.tests.ITLogPositions<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITReadableRows extends dev.loupe.storage.tests.ITReadableRows<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }

  @Nested
  class ITUsageScope extends dev.loupe.storage.tests.ITUsageScope<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open();
    }
  }
}
