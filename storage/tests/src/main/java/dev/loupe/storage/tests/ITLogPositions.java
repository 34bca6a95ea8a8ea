package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.span;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Log positions recorded with write batches: an applier's position commits with the rows it
 * applied, all or nothing, so a restart resumes exactly where the store is.
 */
public abstract class ITLogPositions<S extends Storage> extends ITStorage<S> {
  private static final String LOG = "ingest";

  @Test
  protected void logPositions_emptyWhenNoneWasRecorded() {
    accept(trace(traceId(1)));

    assertThat(storage.logPositions(LOG)).isEmpty();
  }

  @Test
  protected void accept_recordsTheBatchPositionsWithItsRows() {
    Trace trace = trace(traceId(1));
    Observation span = span(trace, observationId(1), at(1));
    accept(
        WriteBatch.of(List.of(trace), List.of(span))
            .withPositions(List.of(position(1, 40), position(0, 12))));

    assertTrace(trace, span);
    assertThat(storage.logPositions(LOG)).containsExactly(position(0, 12), position(1, 40));
  }

  @Test
  protected void accept_aLaterPositionReplacesAnEarlierOneEvenWhenLower() {
    accept(batch(1).withPositions(List.of(position(0, 5))));
    accept(batch(2).withPositions(List.of(position(0, 9))));
    assertThat(storage.logPositions(LOG)).containsExactly(position(0, 9));

    // an applier that rewinds (re-applies from an earlier offset) records where it now is
    accept(batch(3).withPositions(List.of(position(0, 3), position(0, 7))));

    assertThat(storage.logPositions(LOG)).containsExactly(position(0, 7));
  }

  @Test
  protected void accept_positionsOfOtherLogsStayApart() {
    accept(
        batch(1)
            .withPositions(List.of(position(0, 5), new LogPosition("other-topic", 0, 1_000_000))));

    assertThat(storage.logPositions(LOG)).containsExactly(position(0, 5));
    assertThat(storage.logPositions("other-topic"))
        .containsExactly(new LogPosition("other-topic", 0, 1_000_000));
    assertThat(storage.logPositions("unknown")).isEmpty();
  }

  @Test
  protected void accept_aBatchOfPositionsAloneRecordsThem() {
    accept(WriteBatch.of(List.of(), List.of()).withPositions(List.of(position(0, 77))));

    assertThat(storage.logPositions(LOG)).containsExactly(position(0, 77));
  }

  @Test
  protected void accept_aBatchThatFailsRecordsNeitherItsRowsNorItsPosition() {
    Trace trace = trace(traceId(1));
    Observation created = span(trace, observationId(1), at(1));
    accept(WriteBatch.of(List.of(trace), List.of(created)).withPositions(List.of(position(0, 1))));
    Observation update = created.toBuilder().statusMessage("late").build();
    MergeHook failing =
        (earlier, write, merged) -> {
          throw new IllegalStateException("no prices today");
        };

    assertThatThrownBy(
            () ->
                storage
                    .observationConsumer(failing)
                    .accept(
                        WriteBatch.of(List.of(), List.of(update))
                            .withPositions(List.of(position(0, 2)))))
        .isInstanceOf(StorageException.class);

    assertTrace(trace, created);
    assertThat(storage.logPositions(LOG)).containsExactly(position(0, 1));
  }

  @Test
  protected void accept_reapplyingBatchesInOrderFromAnEarlierPositionChangesNothing() {
    Trace trace = trace(traceId(1));
    Observation created = span(trace, observationId(1), at(1));
    Observation renamed = created.toBuilder().name("renamed").endTime(at(2)).build();
    Observation noted =
        Observation.builder(trace.projectId(), created.id(), trace.id(), at(1))
            .statusMessage("done")
            .build();
    List<WriteBatch> log =
        List.of(
            WriteBatch.of(List.of(trace), List.of(created)),
            WriteBatch.of(List.of(), List.of(renamed)),
            WriteBatch.of(List.of(trace.toBuilder().userId("u1").build()), List.of(noted)));
    for (int i = 0; i < log.size(); i++)
      accept(log.get(i).withPositions(List.of(position(0, i + 1))));
    var before = getTrace(trace.id());

    for (int i = 0; i < log.size(); i++)
      accept(log.get(i).withPositions(List.of(position(0, i + 1))));

    assertStored(getTrace(trace.id()), before);
    assertThat(storage.logPositions(LOG)).containsExactly(position(0, 3));
  }

  private static LogPosition position(int partition, long next) {
    return new LogPosition(LOG, partition, next);
  }

  private static WriteBatch batch(int n) {
    Trace trace = trace(traceId(n));
    return WriteBatch.of(List.of(trace), List.of(span(trace, observationId(n), at(1))));
  }
}
