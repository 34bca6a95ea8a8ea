package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.agentRun;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.tool;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Storage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Observation reads: get by id, and search by every filter with stable paging. */
public abstract class ITObservationStore<S extends Storage> extends ITStorage<S> {

  @Test
  protected void getObservation_returnsTheStoredRow() {
    Trace trace = trace(traceId(1));
    List<Observation> run = agentRun(trace, 1);
    accept(List.of(trace), run);

    assertStored(store().getObservation(PROJECT, run.get(1).id()).orElseThrow(), run.get(1));
    assertThat(store().getObservation(PROJECT, observationId(99))).isEmpty();
  }

  @Test
  protected void searchObservations_returnsAllNewestFirst() {
    List<Observation> all = givenObservationFixture();

    assertThat(searchObservations(q -> q))
        .containsExactlyElementsOf(
            all.stream()
                .sorted(Comparator.comparing(Observation::startTime).reversed())
                .map(Observation::id)
                .toList());
  }

  @Test
  protected void searchObservations_filtersByType() {
    givenObservationFixture();

    assertThat(searchObservations(q -> q.type(ObservationType.GENERATION)))
        .containsExactly(observationId(14), observationId(12), observationId(4), observationId(2));
  }

  @Test
  protected void searchObservations_filtersByExactModelName() {
    givenObservationFixture();

    assertThat(searchObservations(q -> q.model("gpt-4o-mini")))
        .containsExactly(observationId(14), observationId(12), observationId(4), observationId(2));
    assertThat(searchObservations(q -> q.model("gpt-4o"))).isEmpty();
  }

  @Test
  protected void searchObservations_filtersByName() {
    givenObservationFixture();

    assertThat(searchObservations(q -> q.name("lookup_order")))
        .containsExactly(observationId(13), observationId(3));
  }

  @Test
  protected void searchObservations_filtersByTheTracesUserId() {
    givenObservationFixture();

    assertThat(searchObservations(q -> q.userId("user-2")))
        .containsExactly(
            observationId(15),
            observationId(14),
            observationId(13),
            observationId(12),
            observationId(11));
  }

  @Test
  protected void searchObservations_filtersByLevel() {
    givenObservationFixture();

    assertThat(searchObservations(q -> q.level(Level.ERROR))).containsExactly(observationId(13));
    assertThat(searchObservations(q -> q.level(Level.DEBUG)))
        .containsExactly(observationId(15), observationId(5));
  }

  @Test
  protected void searchObservations_filtersByTraceId() {
    givenObservationFixture();

    assertThat(searchObservations(q -> q.traceId(traceId(1))))
        .containsExactly(
            observationId(5),
            observationId(4),
            observationId(3),
            observationId(2),
            observationId(1));
  }

  @Test
  protected void searchObservations_filtersByParentObservationId() {
    givenObservationFixture();

    assertThat(searchObservations(q -> q.parentObservationId(observationId(11))))
        .containsExactly(
            observationId(15), observationId(14), observationId(13), observationId(12));
  }

  @Test
  protected void searchObservations_filtersByEnvironmentAndVersion() {
    givenObservationFixture();

    assertThat(searchObservations(q -> q.environment("staging")))
        .containsExactly(
            observationId(15),
            observationId(14),
            observationId(13),
            observationId(12),
            observationId(11));
    assertThat(searchObservations(q -> q.version("agent-v2").environment("production"))).isEmpty();
    assertThat(searchObservations(q -> q.version("agent-v3")))
        .containsExactly(
            observationId(5),
            observationId(4),
            observationId(3),
            observationId(2),
            observationId(1));
  }

  @Test
  protected void searchObservations_filtersByStartTimeFromInclusiveToExclusive() {
    givenObservationFixture();
    var start = at(1);

    assertThat(
            searchObservations(
                q -> q.fromStartTime(start.plusMillis(1_240)).toStartTime(start.plusMillis(2_390))))
        .containsExactly(observationId(4), observationId(3));
  }

  @Test
  protected void searchObservations_pagesWithStableOrderWhenStartTimesTie() {
    Trace trace = trace(traceId(1));
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      observations.add(
          tool(trace, observationId(i * 5 % 17), trace.timestamp().plusSeconds(i / 3)));
    }
    accept(List.of(trace), observations);

    List<String> expected =
        observations.stream()
            .sorted(
                Comparator.comparing(Observation::startTime)
                    .thenComparing(Observation::id)
                    .reversed())
            .map(Observation::id)
            .toList();
    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= 4; page++) {
      var p = store().searchObservations(ObservationQuery.builder(PROJECT).paging(page, 5).build());
      assertThat(p.totalItems()).isEqualTo(17);
      paged.addAll(ids(p, Observation::id));
    }
    assertThat(paged).containsExactlyElementsOf(expected);
  }

  /**
   * Two agent runs: trace 1 (user-4821, production, agent-v3) with observations 1..5 at 1h; trace 2
   * (user-2, staging, agent-v2) with observations 11..15 at 2h, where the tool (13) failed.
   */
  private List<Observation> givenObservationFixture() {
    Trace a = trace(PROJECT, traceId(1), at(1));
    Trace b =
        trace(PROJECT, traceId(2), at(2)).toBuilder()
            .userId("user-2")
            .environment("staging")
            .version("agent-v2")
            .build();
    List<Observation> all = new ArrayList<>(agentRun(a, 1));
    List<Observation> runB = new ArrayList<>(agentRun(b, 11));
    runB.set(
        2, runB.get(2).toBuilder().level(Level.ERROR).statusMessage("order service: 503").build());
    all.addAll(runB);
    accept(List.of(a, b), all);
    return all;
  }

  private List<String> searchObservations(UnaryOperator<ObservationQuery.Builder> query) {
    return ids(
        store().searchObservations(query.apply(ObservationQuery.builder(PROJECT)).build()),
        Observation::id);
  }
}
