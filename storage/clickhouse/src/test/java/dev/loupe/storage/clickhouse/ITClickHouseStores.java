package dev.loupe.storage.clickhouse;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInfo;

/**
 * The shared suites of the score, evaluation, alert and analytics stores, each test on a database
 * of its own in the one ClickHouse of this JVM ({@link TestClickHouse}).
 */
class ITClickHouseStores {
  @Nested
  class ITScoreConfigStore extends dev.loupe.storage.tests.ITScoreConfigStore<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }

  @Nested
  class ITScoreStore extends dev.loupe.storage.tests.ITScoreStore<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }

  @Nested
  class ITEvaluationStore extends dev.loupe.storage.tests.ITEvaluationStore<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }

  @Nested
  class ITAlertStore extends dev.loupe.storage.tests.ITAlertStore<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }
}
