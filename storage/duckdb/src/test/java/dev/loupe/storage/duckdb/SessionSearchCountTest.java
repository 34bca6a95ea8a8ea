package dev.loupe.storage.duckdb;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SessionSummary;
import dev.loupe.storage.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session search counts with its page (one grouping of the traces), and still counts when the
 * page asked for is past the end or the range holds no session.
 */
class SessionSearchCountTest {
  @TempDir Path dir;

  @Test
  void countOnEveryPage_andPastTheEnd() {
    try (DuckDbStorage storage = DuckDbStorage.open(dir)) {
      List<Trace> traces = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        traces.add(trace(PROJECT, traceId(i), at(i)).toBuilder().sessionId("s-" + i).build());
      }
      storage.observationConsumer().accept(WriteBatch.of(traces, List.of()));

      Page<SessionSummary> second = search(storage, SessionQuery.builder(PROJECT), 2);
      assertThat(second.items())
          .extracting(SessionSummary::id)
          .containsExactly("s-4", "s-3", "s-2");
      assertThat(second.totalItems()).isEqualTo(7);
      Page<SessionSummary> past = search(storage, SessionQuery.builder(PROJECT), 4);
      assertThat(past.items()).isEmpty();
      assertThat(past.totalItems()).isEqualTo(7);
      Page<SessionSummary> none =
          search(storage, SessionQuery.builder(PROJECT).fromTimestamp(at(100)), 1);
      assertThat(none.items()).isEmpty();
      assertThat(none.totalItems()).isZero();
    }
  }

  private static Page<SessionSummary> search(
      DuckDbStorage storage, SessionQuery.Builder query, int page) {
    return storage.traceStore().searchSessions(query.paging(new Paging(page, 3)).build());
  }
}
