package dev.loupe.storage.tests;

import dev.loupe.storage.InMemoryStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInfo;

/** The reference implementation runs the whole shared suite. */
class ITInMemoryStorage {

  @Nested
  class ITObservationConsumer
      extends dev.loupe.storage.tests.ITObservationConsumer<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITTraceStore extends dev.loupe.storage.tests.ITTraceStore<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITObservationStore extends dev.loupe.storage.tests.ITObservationStore<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITObservationSearch extends dev.loupe.storage.tests.ITObservationSearch<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITFullTextSearch extends dev.loupe.storage.tests.ITFullTextSearch<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITSessionStore extends dev.loupe.storage.tests.ITSessionStore<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITProjectIsolation extends dev.loupe.storage.tests.ITProjectIsolation<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITProjectStore extends dev.loupe.storage.tests.ITProjectStore<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITStorageHeavy extends dev.loupe.storage.tests.ITStorageHeavy<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITAnalyticsObservations
      extends dev.loupe.storage.tests.ITAnalyticsObservations<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITAnalyticsGrouping extends dev.loupe.storage.tests.ITAnalyticsGrouping<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITAnalyticsFilters extends dev.loupe.storage.tests.ITAnalyticsFilters<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITUsageScope extends dev.loupe.storage.tests.ITUsageScope<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITAnalyticsTraces extends dev.loupe.storage.tests.ITAnalyticsTraces<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITAnalyticsRandomized
      extends dev.loupe.storage.tests.ITAnalyticsRandomized<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITAnalyticsTimestamps
      extends dev.loupe.storage.tests.ITAnalyticsTimestamps<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITModelPriceStore extends dev.loupe.storage.tests.ITModelPriceStore<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITReadableRows extends dev.loupe.storage.tests.ITReadableRows<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITLogPositions extends dev.loupe.storage.tests.ITLogPositions<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITScoreStore extends dev.loupe.storage.tests.ITScoreStore<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITScoreConfigStore extends dev.loupe.storage.tests.ITScoreConfigStore<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITAlertStore extends dev.loupe.storage.tests.ITAlertStore<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITAnalyticsScores extends dev.loupe.storage.tests.ITAnalyticsScores<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }

  @Nested
  class ITEvaluationStore extends dev.loupe.storage.tests.ITEvaluationStore<InMemoryStorage> {
    @Override
    protected InMemoryStorage newStorage(Path tempDir, TestInfo testInfo) {
      return new InMemoryStorage();
    }
  }
}
