package dev.loupe.storage.duckdb;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.generation;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.span;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Trace;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceSummary;
import dev.loupe.storage.WriteBatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace search without observation ids (the web UI's list) answers the same summaries as one with
 * them, their id lists aside, which it leaves empty.
 */
class SummariesWithoutIdsTest {
  @TempDir Path dir;

  @Test
  void sameSummaries_idsLeftOut() {
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      Trace t = trace(PROJECT, traceId(1), at(1));
      storage
          .observationConsumer()
          .accept(
              WriteBatch.of(
                  List.of(t),
                  List.of(
                      span(t, observationId(1), at(1)),
                      generation(t, observationId(2), at(1).plusMillis(5)))));
      TraceQuery query = TraceQuery.builder(PROJECT).build();

      TraceSummary with = storage.traceStore().searchTraces(query).items().getFirst();
      TraceSummary without =
          storage.traceStore().searchTraces(query.withoutObservationIds()).items().getFirst();

      assertThat(with.observationIds()).containsExactly(observationId(1), observationId(2));
      assertThat(without.observationIds()).isEmpty();
      assertThat(without.trace()).isEqualTo(with.trace());
      assertThat(without.totalCost()).isEqualByComparingTo(with.totalCost());
      assertThat(without.latency()).isEqualTo(with.latency());
      assertThat(without.totalTokens()).isEqualTo(with.totalTokens());
      assertThat(without.errorCount()).isEqualTo(with.errorCount());
      assertThat(query.withoutObservationIds().withPaging(query.paging()).observationIds())
          .isFalse();
    }
  }
}
