package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.TODAY;
import static dev.loupe.storage.tests.TestObjects.agentRun;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.tool;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Data-heavy checks, kept apart: 10k+ observations written in batches and read back page by page.
 */
public abstract class ITStorageHeavy<S extends Storage> extends ITStorage<S> {
  static final int TRACES = 2_100;
  static final Comparator<Observation> NEWEST_FIRST =
      Comparator.comparing(Observation::startTime).thenComparing(Observation::id).reversed();

  @Test
  protected void searchObservations_pagesThroughTenThousandObservations() {
    List<String> expected =
        writeAgentRuns().stream().sorted(NEWEST_FIRST).map(Observation::id).toList();

    List<String> seen = new ArrayList<>();
    for (int page = 1; ; page++) {
      Page<Observation> p =
          store()
              .searchObservations(
                  ObservationQuery.builder(PROJECT).paging(page, Paging.MAX_LIMIT).build());
      assertThat(p.totalItems()).isEqualTo(expected.size());
      if (p.items().isEmpty()) break;
      seen.addAll(ids(p, Observation::id));
    }
    assertThat(seen).hasSize(TRACES * 5).containsExactlyElementsOf(expected);
  }

  @Test
  protected void searchTraces_pagesThroughAllTracesWithoutDuplicatesOrGaps() {
    writeAgentRuns();

    Set<String> seen = new HashSet<>();
    int pages = 0;
    for (int page = 1; ; page++) {
      Page<TraceSummary> p =
          store().searchTraces(TraceQuery.builder(PROJECT).paging(page, 100).build());
      if (p.items().isEmpty()) break;
      pages++;
      for (TraceSummary s : p.items()) {
        assertThat(seen.add(s.trace().id())).as("seen once: %s", s.trace().id()).isTrue();
        assertThat(s.observationIds()).hasSize(5);
      }
    }
    assertThat(seen).hasSize(TRACES);
    assertThat(pages).isEqualTo(TRACES / 100);
  }

  @Test
  protected void getTrace_returnsAllTenThousandObservationsOfOneTrace() {
    Trace trace = trace(traceId(1));
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      observations.add(tool(trace, observationId(i), trace.timestamp().plusMillis(i)));
    }
    accept(List.of(trace), observations.subList(0, 5_000));
    accept(List.of(), observations.subList(5_000, 10_000));

    assertThat(getTrace(trace.id()).observations())
        .extracting(Observation::id)
        .containsExactlyElementsOf(observations.stream().map(Observation::id).toList());
    assertThat(
            store()
                .searchTraces(TraceQuery.builder(PROJECT).build())
                .items()
                .getFirst()
                .observationIds())
        .hasSize(10_000);
  }

  /**
   * {@code TRACES} agent runs a second apart, five observations each, written 100 traces per batch.
   */
  private List<Observation> writeAgentRuns() {
    List<Observation> all = new ArrayList<>();
    for (int batch = 0; batch < TRACES / 100; batch++) {
      List<Trace> traces = new ArrayList<>();
      List<Observation> observations = new ArrayList<>();
      for (int i = batch * 100; i < (batch + 1) * 100; i++) {
        Trace t = trace(PROJECT, traceId(i), TODAY.plusSeconds(i));
        traces.add(t);
        observations.addAll(agentRun(t, i * 5));
      }
      accept(traces, observations);
      all.addAll(observations);
    }
    return all;
  }
}
