package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.event;
import static dev.loupe.storage.tests.TestObjects.generation;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.tool;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.ObservationQuery.OrderBy;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.Storage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The observations list's filters (the trace's session and tags, environments, release, search,
 * cost and latency bounds) and orders (latency, cost, tokens), on observations whose cost and
 * tokens come as a total, as parts without a total, as an other-type entry alone, or not at all.
 */
public abstract class ITObservationSearch<S extends Storage> extends ITStorage<S> {
  // o1..o5 = observationId(21..25); start order o1 < o2 < o3 < o4 < o5
  private static final String O1 = observationId(21), O2 = observationId(22);
  private static final String O3 = observationId(23), O4 = observationId(24);
  private static final String O5 = observationId(25);

  @Test
  protected void filtersByTheTracesSessionAndTags() {
    givenFigures();

    assertThat(search(q -> q.sessionId("session-9"))).containsExactly(O5);
    assertThat(search(q -> q.tags(List.of("billing")))).containsExactly(O5);
    assertThat(search(q -> q.tags(List.of("support", "tier-2")).userId("user-4821")))
        .containsExactly(O4, O3, O2, O1);
    assertThat(search(q -> q.tags(List.of("support", "billing")))).isEmpty();
  }

  @Test
  protected void filtersByAnyOfTheEnvironmentsAndByRelease() {
    givenFigures();

    assertThat(search(q -> q.environments(List.of("staging")))).containsExactly(O5);
    assertThat(search(q -> q.environments(List.of("production", "staging"))))
        .containsExactly(O5, O4, O3, O2, O1);
    assertThat(search(q -> q.release("2026.04.2"))).containsExactly(O5);
    assertThat(search(q -> q.release("2026.03.1"))).containsExactly(O4, O3, O2, O1);
  }

  @Test
  protected void searchMatchesNameIgnoringCaseOrIdPrefix() {
    givenFigures();

    assertThat(search(q -> q.search("CHAT GPT"))).containsExactly(O5, O2, O1);
    assertThat(search(q -> q.search(O3))).containsExactly(O3);
    assertThat(search(q -> q.search(O3.substring(0, 8)))).containsExactly(O5, O4, O3, O2, O1);
  }

  @Test
  protected void costBoundsAreInclusiveOnTheTotalCostWithNoneAsZero() {
    givenFigures();

    assertThat(search(q -> q.minCost(new BigDecimal("0.003")))).containsExactly(O5, O2);
    assertThat(search(q -> q.maxCost(new BigDecimal("0.0002865")))).containsExactly(O4, O3, O1);
    assertThat(search(q -> q.minCost(BigDecimal.ZERO).maxCost(BigDecimal.ZERO)))
        .containsExactly(O4, O3);
  }

  @Test
  protected void latencyBoundsAreInclusiveAndAnObservationWithoutEndFailsThem() {
    givenFigures();

    assertThat(
            search(q -> q.minLatency(Duration.ofMillis(500)).maxLatency(Duration.ofMillis(1_210))))
        .containsExactly(O2, O1);
    assertThat(search(q -> q.minLatency(Duration.ZERO))).containsExactly(O5, O3, O2, O1);
  }

  @Test
  protected void ordersByCostTokensAndLatencyBothWaysThenId() {
    givenFigures();

    assertThat(search(q -> q.orderBy(OrderBy.COST, SortDirection.DESC)))
        .containsExactly(O5, O2, O1, O4, O3);
    assertThat(search(q -> q.orderBy(OrderBy.COST, SortDirection.ASC)))
        .containsExactly(O3, O4, O1, O2, O5);
    assertThat(search(q -> q.orderBy(OrderBy.TOKENS, SortDirection.DESC)))
        .containsExactly(O1, O2, O5, O4, O3);
    assertThat(search(q -> q.orderBy(OrderBy.TOKENS, SortDirection.ASC)))
        .containsExactly(O3, O4, O5, O2, O1);
    assertThat(search(q -> q.orderBy(OrderBy.LATENCY, SortDirection.DESC)))
        .containsExactly(O5, O1, O2, O3, O4);
    assertThat(search(q -> q.orderBy(OrderBy.LATENCY, SortDirection.ASC)))
        .containsExactly(O3, O2, O1, O5, O4);
    assertThat(search(q -> q.orderBy(OrderBy.START_TIME, SortDirection.ASC)))
        .containsExactly(O1, O2, O3, O4, O5);
  }

  @Test
  protected void pagesAnOrderWithTiesStably() {
    givenFigures();

    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= 3; page++) {
      var p =
          store()
              .searchObservations(
                  ObservationQuery.builder(PROJECT)
                      .orderBy(OrderBy.COST, SortDirection.ASC)
                      .paging(page, 2)
                      .build());
      assertThat(p.totalItems()).isEqualTo(5);
      paged.addAll(ids(p, Observation::id));
    }
    assertThat(paged).containsExactly(O3, O4, O1, O2, O5);
  }

  /**
   * Trace 1 (user-4821, session-77, tags support + tier-2, production, release 2026.03.1): o1 a
   * generation with a total cost 0.0002865 and 1,415 total tokens, 1.21 s; o2 a generation with
   * input and output parts only (cost 0.003, 15 tokens), 0.5 s; o3 a tool without cost or usage, 85
   * ms; o4 an event without end. Trace 2 (session-9, tag billing, staging, release 2026.04.2): o5 a
   * generation with one other-type entry alone (cost 0.01, 7 tokens), 3 s.
   */
  private void givenFigures() {
    Trace a = trace(PROJECT, traceId(21), at(1));
    Trace b =
        trace(PROJECT, traceId(22), at(2)).toBuilder()
            .sessionId("session-9")
            .tags(List.of("billing"))
            .environment("staging")
            .release("2026.04.2")
            .build();
    var t = a.timestamp();
    Observation o1 = generation(a, O1, t);
    Observation o2 =
        generation(a, O2, t.plusSeconds(1)).toBuilder()
            .endTime(t.plusSeconds(1).plusMillis(500))
            .usageDetails(Map.of("input", 10L, "output", 5L))
            .costDetails(
                Map.of("input", new BigDecimal("0.001"), "output", new BigDecimal("0.002")))
            .build();
    Observation o3 = tool(a, O3, t.plusSeconds(2));
    Observation o4 = event(a, O4, t.plusSeconds(3));
    var t5 = b.timestamp();
    Observation o5 =
        generation(b, O5, t5).toBuilder()
            .endTime(t5.plusSeconds(3))
            .usageDetails(Map.of("input_audio", 7L))
            .costDetails(Map.of("input_audio", new BigDecimal("0.01")))
            .build();
    accept(List.of(a, b), List.of(o1, o2, o3, o4, o5));
  }

  private List<String> search(UnaryOperator<ObservationQuery.Builder> query) {
    return ids(
        store().searchObservations(query.apply(ObservationQuery.builder(PROJECT)).build()),
        Observation::id);
  }
}
