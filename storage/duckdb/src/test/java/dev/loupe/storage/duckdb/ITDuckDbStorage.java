package dev.loupe.storage.duckdb;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInfo;

/** The shared storage suite, each test on a real DuckDB file in its own temporary directory. */
class ITDuckDbStorage {
  static DuckDbStorage open(Path tempDir) {
    return DuckDbStorage.open(tempDir.resolve("data"));
  }

  @Nested
  class ITObservationConsumer extends dev.loupe.storage.tests.ITObservationConsumer<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITTraceStore extends dev.loupe.storage.tests.ITTraceStore<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITObservationStore extends dev.loupe.storage.tests.ITObservationStore<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITObservationSearch extends dev.loupe.storage.tests.ITObservationSearch<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITFullTextSearch extends dev.loupe.storage.tests.ITFullTextSearch<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITSessionStore extends dev.loupe.storage.tests.ITSessionStore<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITProjectIsolation extends dev.loupe.storage.tests.ITProjectIsolation<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITProjectStore extends dev.loupe.storage.tests.ITProjectStore<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITStorageHeavy extends dev.loupe.storage.tests.ITStorageHeavy<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITAnalyticsObservations
      extends dev.loupe.storage.tests.ITAnalyticsObservations<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITAnalyticsGrouping extends dev.loupe.storage.tests.ITAnalyticsGrouping<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITAnalyticsFilters extends dev.loupe.storage.tests.ITAnalyticsFilters<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITUsageScope extends dev.loupe.storage.tests.ITUsageScope<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITAnalyticsTraces extends dev.loupe.storage.tests.ITAnalyticsTraces<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITAnalyticsRandomized extends dev.loupe.storage.tests.ITAnalyticsRandomized<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITAnalyticsTimestamps extends dev.loupe.storage.tests.ITAnalyticsTimestamps<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITModelPriceStore extends dev.loupe.storage.tests.ITModelPriceStore<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITReadableRows extends dev.loupe.storage.tests.ITReadableRows<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITLogPositions extends dev.loupe.storage.tests.ITLogPositions<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITScoreStore extends dev.loupe.storage.tests.ITScoreStore<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITScoreConfigStore extends dev.loupe.storage.tests.ITScoreConfigStore<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITAlertStore extends dev.loupe.storage.tests.ITAlertStore<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITAnalyticsScores extends dev.loupe.storage.tests.ITAnalyticsScores<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }

  @Nested
  class ITEvaluationStore extends dev.loupe.storage.tests.ITEvaluationStore<DuckDbStorage> {
    @Override
    protected DuckDbStorage newStorage(Path tempDir, TestInfo testInfo) {
      return open(tempDir);
    }
  }
}
