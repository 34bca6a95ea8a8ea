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

  @Nested
  class ITAnalyticsObservations
      extends dev.loupe.storage.tests.ITAnalyticsObservations<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }

  @Nested
  class ITAnalyticsTraces extends dev.loupe.storage.tests.ITAnalyticsTraces<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }

  @Nested
  class ITAnalyticsGrouping extends dev.loupe.storage.tests.ITAnalyticsGrouping<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }

  @Nested
  class ITAnalyticsFilters extends dev.loupe.storage.tests.ITAnalyticsFilters<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }

  @Nested
  class ITAnalyticsTimestamps
      extends dev.loupe.storage.tests.ITAnalyticsTimestamps<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }

  @Nested
  class ITAnalyticsScores extends dev.loupe.storage.tests.ITAnalyticsScores<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }

  @Nested
  class ITAnalyticsRandomized
      extends dev.loupe.storage.tests.ITAnalyticsRandomized<ClickHouseStorage> {
    @Override
    protected ClickHouseStorage newStorage(Path tempDir, TestInfo testInfo) {
      return TestClickHouse.open();
    }
  }
}
