package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.TODAY;
import static dev.loupe.storage.tests.TestObjects.agentRun;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.event;
import static dev.loupe.storage.tests.TestObjects.generation;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.span;
import static dev.loupe.storage.tests.TestObjects.tool;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceQuery.OrderBy;
import dev.loupe.storage.TraceSummary;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Traces: every field round-trips; trace searches filter, order, page and summarize exactly as
 * {@code InMemoryStorage} does.
 */
public abstract class ITTraceStore<S extends Storage> extends ITTraceSearch<S> {

  @Test
  protected void getTrace_roundTripsEveryFieldOfTraceAndObservations() {
    Trace trace = trace(traceId(1)).toBuilder().isPublic(true).build();
    List<Observation> run = agentRun(trace, 1);
    Observation generation =
        run.get(1).toBuilder().level(Level.WARNING).statusMessage("finish_reason=length").build();
    assertEveryComponentSet(trace);
    assertEveryComponentSet(generation);
    accept(List.of(trace), List.of(run.get(0), generation, run.get(2), run.get(3), run.get(4)));

    assertTrace(trace, run.get(0), generation, run.get(2), run.get(3), run.get(4));
  }

  @Test
  protected void getTrace_ordersObservationsByStartTimeThenId() {
    Trace trace = trace(traceId(1));
    Observation late = tool(trace, observationId(1), at(1).plusSeconds(2));
    Observation tiedHigh = event(trace, observationId(9), at(1));
    Observation tiedLow = span(trace, observationId(3), at(1));
    Observation early = generation(trace, observationId(5), at(1).minusSeconds(1));
    accept(List.of(trace), List.of(late, tiedHigh, tiedLow, early));

    assertThat(getTrace(trace.id()).observations())
        .extracting(Observation::id)
        .containsExactly(early.id(), tiedLow.id(), tiedHigh.id(), late.id());
  }

  @Test
  protected void getTraceOutline_hasTheTraceInFullAndEveryObservationsFacts() {
    Trace trace = trace(traceId(1));
    List<Observation> run = agentRun(trace, 1);
    Observation generation = run.get(1).toBuilder().statusMessage("finish_reason=length").build();
    accept(List.of(trace), List.of(run.get(0), generation, run.get(2), run.get(3), run.get(4)));

    var full = getTrace(trace.id());
    var outline = store().getTraceOutline(PROJECT, trace.id()).orElseThrow();
    assertThat(outline.trace()).isEqualTo(full.trace());
    assertThat(outline.observations()).hasSameSizeAs(full.observations());
    for (int i = 0; i < full.observations().size(); i++) {
      Observation o = full.observations().get(i);
      Observation facts =
          o.toBuilder()
              .statusMessage(null)
              .modelParameters(null)
              .input(null)
              .output(null)
              .metadata(null)
              .mappingNotes(Map.of())
              .build();
      assertThat(outline.observations().get(i)).as(o.id()).isIn(o, facts);
    }
    assertThat(store().getTraceOutline(PROJECT, traceId(2))).isEmpty();
  }

  @Test
  protected void getTrace_returnsEmptyWhenUnknown() {
    accept(trace(traceId(1)));

    assertThat(store().getTrace(PROJECT, traceId(2))).isEmpty();
  }

  @Test
  protected void getTrace_returnsATraceWithoutObservations() {
    Trace trace = trace(traceId(1));
    accept(trace);

    assertTrace(trace);
  }

  @Test
  protected void searchTraces_returnsAllNewestFirstByDefault() {
    givenFilterFixture();

    assertThat(search(q -> q)).containsExactly(traceId(4), traceId(3), traceId(2), traceId(1));
  }

  @Test
  protected void searchTraces_filtersByTimeFromInclusiveToExclusive() {
    givenFilterFixture();

    assertThat(search(q -> q.fromTimestamp(at(2)).toTimestamp(at(4))))
        .containsExactly(traceId(3), traceId(2));
    assertThat(search(q -> q.fromTimestamp(at(3)))).containsExactly(traceId(4), traceId(3));
    assertThat(search(q -> q.toTimestamp(at(2)))).containsExactly(traceId(1));
  }

  @Test
  protected void searchTraces_filtersByName() {
    givenFilterFixture();

    assertThat(search(q -> q.name("support-agent"))).containsExactly(traceId(3), traceId(1));
    assertThat(search(q -> q.name("support"))).as("exact match").isEmpty();
  }

  @Test
  protected void searchTraces_filtersByUserId() {
    givenFilterFixture();

    assertThat(search(q -> q.userId("user-2"))).containsExactly(traceId(3), traceId(2));
  }

  @Test
  protected void searchTraces_filtersBySessionId() {
    givenFilterFixture();

    assertThat(search(q -> q.sessionId("session-1"))).containsExactly(traceId(4), traceId(1));
  }

  @Test
  protected void searchTraces_filtersByTagsAllOf() {
    givenFilterFixture();

    assertThat(search(q -> q.tags(List.of("support")))).containsExactly(traceId(3), traceId(1));
    assertThat(search(q -> q.tags(List.of("support", "tier-2")))).containsExactly(traceId(1));
    assertThat(search(q -> q.tags(List.of("support", "billing")))).isEmpty();
  }

  @Test
  protected void searchTraces_filtersByEnvironmentsAnyOf() {
    givenFilterFixture();

    assertThat(search(q -> q.environments(List.of("staging", "default"))))
        .containsExactly(traceId(4), traceId(2));
    assertThat(search(q -> q.environments(List.of("production"))))
        .containsExactly(traceId(3), traceId(1));
  }

  @Test
  protected void searchTraces_filtersByVersion() {
    givenFilterFixture();

    assertThat(search(q -> q.version("agent-v2"))).containsExactly(traceId(3), traceId(2));
  }

  @Test
  protected void searchTraces_filtersByRelease() {
    givenFilterFixture();

    assertThat(search(q -> q.release("2026.03.1"))).containsExactly(traceId(3), traceId(1));
  }

  @Test
  protected void searchTraces_combinesFiltersWithAnd() {
    givenFilterFixture();

    assertThat(
            search(
                q ->
                    q.name("support-agent")
                        .userId("user-2")
                        .environments(List.of("production"))
                        .version("agent-v2")
                        .release("2026.03.1")
                        .tags(List.of("support"))
                        .fromTimestamp(at(3))))
        .containsExactly(traceId(3));
    assertThat(search(q -> q.name("support-agent").userId("user-2").sessionId("session-1")))
        .isEmpty();
  }

  @Test
  protected void searchTraces_pagesWithStableOrderWhenTimestampsTie() {
    List<Trace> traces = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      traces.add(trace(PROJECT, traceId(i * 7 % 23), TODAY.plusSeconds(i / 4)));
    }
    accept(traces, List.of());

    for (SortDirection direction : SortDirection.values()) {
      Comparator<Trace> order = Comparator.comparing(Trace::timestamp).thenComparing(Trace::id);
      List<String> expected =
          traces.stream()
              .sorted(direction == SortDirection.ASC ? order : order.reversed())
              .map(Trace::id)
              .toList();
      List<String> paged = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        int page = i;
        Page<TraceSummary> p =
            searchPage(q -> q.orderBy(OrderBy.TIMESTAMP, direction).paging(page, 5));
        assertThat(p.totalItems()).isEqualTo(23);
        assertThat(p.items()).hasSize(page < 5 ? 5 : 3);
        paged.addAll(ids(p, s -> s.trace().id()));
      }
      assertThat(paged).as(direction.name()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  protected void searchTraces_pageBeyondTheEndIsEmptyButCountsAll() {
    givenFilterFixture();

    Page<TraceSummary> page = searchPage(q -> q.paging(3, 2));
    assertThat(page.items()).isEmpty();
    assertThat(page.totalItems()).isEqualTo(4);
    assertThat(page.page()).isEqualTo(3);
    assertThat(page.limit()).isEqualTo(2);
  }

  /**
   * Values b, a, null, b on traces 1..4: ties break on id in the same direction and nulls come
   * last.
   */
  @ParameterizedTest
  @EnumSource(
      value = OrderBy.class,
      names = {"NAME", "USER_ID", "SESSION_ID", "RELEASE", "VERSION"})
  protected void searchTraces_ordersByTextColumnThenIdWithNullsLast(OrderBy column) {
    BiFunction<Trace.Builder, String, Trace.Builder> set =
        switch (column) {
          case NAME -> Trace.Builder::name;
          case USER_ID -> Trace.Builder::userId;
          case SESSION_ID -> Trace.Builder::sessionId;
          case RELEASE -> Trace.Builder::release;
          case VERSION -> Trace.Builder::version;
          default -> throw new IllegalArgumentException("not a text column: " + column);
        };
    String[] values = {"beta-7", "alpha-9", null, "beta-7"};
    List<Trace> traces = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      traces.add(set.apply(trace(PROJECT, traceId(i + 1), at(i)).toBuilder(), values[i]).build());
    }
    accept(traces, List.of());

    assertThat(search(q -> q.orderBy(column, SortDirection.ASC)))
        .containsExactly(traceId(2), traceId(1), traceId(4), traceId(3));
    assertThat(search(q -> q.orderBy(column, SortDirection.DESC)))
        .containsExactly(traceId(4), traceId(1), traceId(2), traceId(3));
  }

  @Test
  protected void searchTraces_ordersByTimestampAndById() {
    accept(
        trace(PROJECT, traceId(2), at(1)),
        trace(PROJECT, traceId(1), at(3)),
        trace(PROJECT, traceId(3), at(2)));

    assertThat(search(q -> q.orderBy(OrderBy.TIMESTAMP, SortDirection.ASC)))
        .containsExactly(traceId(2), traceId(3), traceId(1));
    assertThat(search(q -> q.orderBy(OrderBy.TIMESTAMP, SortDirection.DESC)))
        .containsExactly(traceId(1), traceId(3), traceId(2));
    assertThat(search(q -> q.orderBy(OrderBy.ID, SortDirection.ASC)))
        .containsExactly(traceId(1), traceId(2), traceId(3));
    assertThat(search(q -> q.orderBy(OrderBy.ID, SortDirection.DESC)))
        .containsExactly(traceId(3), traceId(2), traceId(1));
  }

  @Test
  protected void searchTraces_summaryCarriesObservationIdsExactTotalCostAndLatency() {
    Trace trace = trace(traceId(1));
    List<Observation> run = new ArrayList<>(agentRun(trace, 1));
    run.add(
        tool(trace, observationId(9), trace.timestamp().plusMillis(100)).toBuilder()
            .costDetails(
                Map.of("input", new BigDecimal("0.1"), "output", new BigDecimal("0.200000000001")))
            .build());
    accept(List.of(trace), run);

    TraceSummary summary = searchPage(q -> q).items().getFirst();
    assertStored(summary.trace(), trace);
    assertThat(summary.observationIds())
        .containsExactly(
            observationId(1),
            observationId(2),
            observationId(9),
            observationId(3),
            observationId(4),
            observationId(5));
    assertThat(summary.totalCost()).isEqualByComparingTo("0.300573000001");
    assertThat(summary.latency())
        .as("root start to the second generation's end")
        .isEqualTo(Duration.ofMillis(2_540));
  }

  @Test
  protected void searchTraces_summaryOfATraceWithoutObservationsHasNoCostNorLatency() {
    accept(trace(traceId(1)));

    TraceSummary summary = searchPage(q -> q).items().getFirst();
    assertThat(summary.observationIds()).isEmpty();
    assertThat(summary.totalCost()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(summary.latency()).isNull();
  }

  @Test
  protected void searchTraces_summaryCostIgnoresObservationsWithoutCost() {
    Trace trace = trace(traceId(1));
    accept(
        List.of(trace),
        List.of(
            tool(trace, observationId(1), trace.timestamp()),
            generation(trace, observationId(2), trace.timestamp().plusMillis(5))));

    assertThat(searchPage(q -> q).items().getFirst().totalCost()).isEqualByComparingTo("0.0002865");
  }

  /**
   * t1 support-agent/user-1/session-1/[support, tier-2]/production/agent-v3/2026.03.1 at 1h; t2
   * billing-agent/user-2/session-2/[billing]/staging/agent-v2/2026.02.4 at 2h; t3
   * support-agent/user-2/no session/[support]/production/agent-v2/2026.03.1 at 3h; t4 with only
   * session-1 at 4h.
   */
  private void givenFilterFixture() {
    accept(
        trace(PROJECT, traceId(1), at(1)).toBuilder()
            .userId("user-1")
            .sessionId("session-1")
            .build(),
        trace(PROJECT, traceId(2), at(2)).toBuilder()
            .name("billing-agent")
            .userId("user-2")
            .sessionId("session-2")
            .tags(List.of("billing"))
            .environment("staging")
            .version("agent-v2")
            .release("2026.02.4")
            .build(),
        trace(PROJECT, traceId(3), at(3)).toBuilder()
            .userId("user-2")
            .sessionId(null)
            .tags(List.of("support"))
            .version("agent-v2")
            .build(),
        Trace.builder(PROJECT, traceId(4), at(4)).sessionId("session-1").build());
  }

  private List<String> search(UnaryOperator<TraceQuery.Builder> query) {
    return ids(searchPage(query), s -> s.trace().id());
  }

  private Page<TraceSummary> searchPage(UnaryOperator<TraceQuery.Builder> query) {
    return store().searchTraces(query.apply(TraceQuery.builder(PROJECT)).build());
  }

  /** Guards the round-trip test: a field added to the model must be set by the test data too. */
  static void assertEveryComponentSet(Record row) {
    for (RecordComponent c : row.getClass().getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(row);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      assertThat(value).as(c.getName()).isNotNull();
      if (value instanceof List<?> l) assertThat(l).as(c.getName()).isNotEmpty();
      if (value instanceof Map<?, ?> m) assertThat(m).as(c.getName()).isNotEmpty();
    }
  }
}
