package dev.loupe.storage.duckdb;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.generation;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceSummary;
import dev.loupe.storage.WriteBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model and level filters of a trace search within a time range read the observations from the
 * first write group of the traces in range on: one written in an older group than its trace's own
 * row (the observation arrived first) is still found, and one of a trace outside the range, written
 * earlier, is not.
 */
class TraceSearchFirstSeqTest {
  @TempDir Path dir;
  DuckDbStorage storage;

  /** Out of range (hour -200), in range with its generation written first, in range plain. */
  private final Trace old = trace(PROJECT, traceId(1), at(-200));

  private final Trace early = trace(PROJECT, traceId(2), at(2));
  private final Trace plain = trace(PROJECT, traceId(3), at(3));

  @BeforeEach
  void writeInFourGroups() {
    storage = DuckDbStorage.open(dir);
    write(List.of(old), List.of(gpt4o(old, 10, Level.DEFAULT)));
    write(List.of(), List.of(gpt4o(early, 20, Level.WARNING)));
    write(List.of(plain), List.of(generation(plain, observationId(30), at(3))));
    write(List.of(early), List.of());
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void modelWithinARange_findsAnObservationWrittenBeforeItsTraceRow() {
    assertThat(ids(q -> q.model("gpt-4o").fromTimestamp(at(0)))).containsExactly(traceId(2));
    assertThat(search(q -> q.model("gpt-4o").fromTimestamp(at(0))).totalItems()).isEqualTo(1);
    assertThat(ids(q -> q.model("gpt-4o"))).containsExactly(traceId(2), traceId(1));
    assertThat(ids(q -> q.model("gpt-4o").fromTimestamp(at(-300)).toTimestamp(at(0))))
        .containsExactly(traceId(1));
  }

  @Test
  void levelWithinARange_sameBound() {
    assertThat(ids(q -> q.level(Level.WARNING).fromTimestamp(at(0)))).containsExactly(traceId(2));
    assertThat(ids(q -> q.level(Level.DEFAULT).fromTimestamp(at(0)))).containsExactly(traceId(3));
    assertThat(ids(q -> q.level(Level.DEFAULT).userId(old.userId())))
        .containsExactly(traceId(3), traceId(1));
  }

  @Test
  void aRangeWithNoTrace_isAnEmptyPage() {
    Page<TraceSummary> none = search(q -> q.model("gpt-4o").fromTimestamp(at(100)));
    assertThat(none.items()).isEmpty();
    assertThat(none.totalItems()).isZero();
  }

  private static Observation gpt4o(Trace trace, int id, Level level) {
    return generation(trace, observationId(id), trace.timestamp()).toBuilder()
        .model("gpt-4o")
        .level(level)
        .build();
  }

  private void write(List<Trace> traces, List<Observation> observations) {
    storage.observationConsumer().accept(WriteBatch.of(traces, observations));
  }

  private Page<TraceSummary> search(UnaryOperator<TraceQuery.Builder> query) {
    return storage.traceStore().searchTraces(query.apply(TraceQuery.builder(PROJECT)).build());
  }

  private List<String> ids(UnaryOperator<TraceQuery.Builder> query) {
    return search(query).items().stream().map(s -> s.trace().id()).toList();
  }
}
