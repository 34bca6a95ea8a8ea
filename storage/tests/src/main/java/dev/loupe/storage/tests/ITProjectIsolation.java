package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.TODAY;
import static dev.loupe.storage.tests.TestObjects.agentRun;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.ApiKey;
import dev.loupe.model.Observation;
import dev.loupe.model.Project;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Paging;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SessionSummary;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Project A's rows are never visible through project B, by any read, and equal ids in two projects
 * stay apart.
 */
public abstract class ITProjectIsolation<S extends Storage> extends ITStorage<S> {

  @Test
  protected void reads_neverSeeAnotherProjectsRows() {
    Trace onlyA =
        trace(PROJECT, traceId(1), at(1)).toBuilder()
            .sessionId("session-a")
            .userId("user-a")
            .build();
    List<Observation> run = agentRun(onlyA, 1);
    accept(List.of(onlyA), run);

    assertThat(store().getTrace(OTHER_PROJECT, onlyA.id())).isEmpty();
    assertThat(store().searchTraces(TraceQuery.builder(OTHER_PROJECT).build()).totalItems())
        .isZero();
    assertThat(
            store()
                .searchTraces(TraceQuery.builder(OTHER_PROJECT).userId("user-a").build())
                .items())
        .isEmpty();
    assertThat(store().getObservation(OTHER_PROJECT, run.get(1).id())).isEmpty();
    assertThat(
            store()
                .searchObservations(ObservationQuery.builder(OTHER_PROJECT).build())
                .totalItems())
        .isZero();
    assertThat(
            store()
                .searchObservations(
                    ObservationQuery.builder(OTHER_PROJECT).traceId(onlyA.id()).build())
                .items())
        .isEmpty();
    assertThat(
            store()
                .searchSessions(new SessionQuery(OTHER_PROJECT, null, null, null, Paging.FIRST_50))
                .totalItems())
        .isZero();
    assertThat(store().getSession(OTHER_PROJECT, "session-a")).isEmpty();
    assertThat(store().getTrace(PROJECT, onlyA.id())).isPresent();
  }

  @Test
  protected void accept_sameIdsInTwoProjectsStaySeparate() {
    Trace a =
        trace(PROJECT, traceId(1), at(1)).toBuilder().name("agent-a").tags(List.of("a")).build();
    Trace b =
        trace(OTHER_PROJECT, traceId(1), at(2)).toBuilder()
            .name("agent-b")
            .tags(List.of("b"))
            .sessionId("session-77")
            .environment("staging")
            .build();
    List<Observation> runA = agentRun(a, 1);
    List<Observation> runB = agentRun(b, 1).subList(0, 2);
    accept(List.of(a), runA);
    accept(List.of(b), runB);

    assertTrace(a, runA.toArray(Observation[]::new));
    assertTrace(b, runB.toArray(Observation[]::new));
    assertStored(
        store().getObservation(OTHER_PROJECT, observationId(1)).orElseThrow(), runB.getFirst());
    assertThat(
            store()
                .searchTraces(TraceQuery.builder(OTHER_PROJECT).build())
                .items()
                .getFirst()
                .observationIds())
        .containsExactly(observationId(1), observationId(2));
    assertThat(store().getSession(PROJECT, "session-77").orElseThrow().session())
        .isEqualTo(new SessionSummary(PROJECT, "session-77", a.timestamp(), "production", 1));
  }

  @Test
  protected void searchObservations_userIdMatchesOnlyTheTraceOfTheSameProject() {
    Trace a = trace(PROJECT, traceId(1), at(1)).toBuilder().userId("user-a").build();
    Trace b = trace(OTHER_PROJECT, traceId(1), at(1)).toBuilder().userId("user-b").build();
    accept(List.of(a, b), List.of(agentRun(a, 1).getFirst(), agentRun(b, 2).getFirst()));

    assertThat(
            store()
                .searchObservations(
                    ObservationQuery.builder(OTHER_PROJECT).userId("user-a").build())
                .items())
        .isEmpty();
    assertThat(
            store()
                .searchObservations(
                    ObservationQuery.builder(OTHER_PROJECT).userId("user-b").build())
                .items())
        .extracting(Observation::id)
        .containsExactly(observationId(2));
  }

  @Test
  protected void keys_listsOnlyTheProjectsKeys() {
    storage.projectStore().saveProject(new Project(PROJECT, "A", TODAY));
    storage.projectStore().saveProject(new Project(OTHER_PROJECT, "B", TODAY));
    ApiKey keyA = new ApiKey(PROJECT, "pk-lf-a", "ab".repeat(32), ApiKey.Kind.BASIC, TODAY);
    ApiKey keyB = new ApiKey(OTHER_PROJECT, "pk-lf-b", "cd".repeat(32), ApiKey.Kind.BASIC, TODAY);
    storage.projectStore().saveKey(keyA);
    storage.projectStore().saveKey(keyB);

    assertThat(storage.projectStore().keys(PROJECT)).containsExactly(keyA);
    assertThat(storage.projectStore().keys(OTHER_PROJECT)).containsExactly(keyB);
  }
}
