package dev.loupe.storage.tests;

import static dev.loupe.storage.tests.TestObjects.OTHER_PROJECT;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static dev.loupe.storage.tests.TestObjects.agentRun;
import static dev.loupe.storage.tests.TestObjects.at;
import static dev.loupe.storage.tests.TestObjects.generation;
import static dev.loupe.storage.tests.TestObjects.observationId;
import static dev.loupe.storage.tests.TestObjects.span;
import static dev.loupe.storage.tests.TestObjects.tool;
import static dev.loupe.storage.tests.TestObjects.trace;
import static dev.loupe.storage.tests.TestObjects.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceQuery.OrderBy;
import dev.loupe.storage.TraceSummary;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The trace list's search: text search, the filters and orders on the observations (level, model,
 * cost, latency, tokens) and the summary's tokens and error count. Expected values are worked out
 * here from the fixture rows, not by a store.
 */
public abstract class ITTraceSearch<S extends Storage> extends ITStorage<S> {
  /** The fixture: trace id to its observations, in insertion order. */
  private final Map<String, List<Observation>> fixture = new LinkedHashMap<>();

  private final List<Trace> traces = new ArrayList<>();

  @Test
  protected void searchTraces_searchMatchesNameIgnoringCaseOrIdPrefix() {
    givenObservationFixture();

    assertThat(search(q -> q.search("AGENT"))).containsExactly(traceId(2), traceId(1));
    assertThat(search(q -> q.search("fund-fl"))).containsExactly(traceId(3));
    assertThat(search(q -> q.search(traceId(4)))).as("whole id").containsExactly(traceId(4));
    assertThat(search(q -> q.search(traceId(5).substring(0, 20))))
        .as("id prefix")
        .containsExactly(traceId(6), traceId(5), traceId(4), traceId(3), traceId(2), traceId(1));
    assertThat(search(q -> q.search(traceId(5).substring(4)))).as("not inside an id").isEmpty();
    assertThat(search(q -> q.search("%"))).as("no wildcards").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Level.class)
  protected void searchTraces_filtersByAnObservationAtTheLevel(Level level) {
    givenObservationFixture();

    assertThat(search(q -> q.level(level)))
        .containsExactlyElementsOf(expected(obs -> obs.stream().anyMatch(o -> o.level() == level)));
  }

  @Test
  protected void searchTraces_filtersByAnObservationOfTheModelExactly() {
    givenObservationFixture();

    assertThat(search(q -> q.model("gpt-4o"))).containsExactly(traceId(2));
    assertThat(search(q -> q.model("gpt-4o-mini"))).containsExactly(traceId(5), traceId(1));
    assertThat(search(q -> q.model("gpt"))).isEmpty();
  }

  @Test
  protected void searchTraces_filtersByTotalCostInclusive() {
    givenObservationFixture();
    BigDecimal t1 = cost(fixture.get(traceId(1)));

    assertThat(search(q -> q.minCost(t1)))
        .containsExactlyElementsOf(expected(obs -> cost(obs).compareTo(t1) >= 0));
    assertThat(search(q -> q.maxCost(t1)))
        .as("zero-cost traces and traces without observations too")
        .containsExactlyElementsOf(expected(obs -> cost(obs).compareTo(t1) <= 0));
    assertThat(search(q -> q.minCost(t1).maxCost(t1))).containsExactly(traceId(1));
    assertThat(search(q -> q.minCost(t1.add(new BigDecimal("0.000000000001")))))
        .doesNotContain(traceId(1));
    assertThat(search(q -> q.minCost(new BigDecimal("0.0000000000001")).maxCost(BigDecimal.ONE)))
        .as("a bound finer than the stored scale")
        .containsExactlyElementsOf(expected(obs -> cost(obs).signum() > 0));
    assertThat(search(q -> q.minCost(new BigDecimal("1e40")))).isEmpty();
    assertThat(search(q -> q.maxCost(new BigDecimal("1e-999999999"))))
        .as("a tiny bound")
        .containsExactlyElementsOf(expected(obs -> cost(obs).signum() == 0));
  }

  @Test
  protected void searchTraces_filtersByLatencyInclusive_withoutObservationsNeverMatches() {
    givenObservationFixture();
    Duration t1 = latency(fixture.get(traceId(1)));

    assertThat(search(q -> q.minLatency(t1)))
        .containsExactlyElementsOf(
            expected(obs -> latency(obs) != null && latency(obs).compareTo(t1) >= 0));
    assertThat(search(q -> q.maxLatency(t1)))
        .containsExactlyElementsOf(
            expected(obs -> latency(obs) != null && latency(obs).compareTo(t1) <= 0));
    assertThat(search(q -> q.minLatency(t1).maxLatency(t1))).containsExactly(traceId(1));
    assertThat(search(q -> q.minLatency(t1.plusNanos(1)))).doesNotContain(traceId(1));
    assertThat(search(q -> q.minLatency(Duration.ZERO))).doesNotContain(traceId(4));
  }

  @Test
  protected void searchTraces_combinesObservationFiltersWithTraceFilters() {
    givenObservationFixture();

    assertThat(
            search(
                q ->
                    q.level(Level.ERROR)
                        .model("gpt-4o-mini")
                        .minCost(new BigDecimal("0.0001"))
                        .fromTimestamp(at(3))))
        .containsExactly(traceId(5));
    assertThat(search(q -> q.level(Level.ERROR).search("billing"))).containsExactly(traceId(2));
    assertThat(search(q -> q.level(Level.ERROR).toTimestamp(at(2)))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderBy.class,
      names = {"LATENCY", "COST", "TOKENS"})
  protected void searchTraces_ordersByObservationMeasureThenIdAndPages(OrderBy orderBy) {
    givenObservationFixture();
    Function<List<Observation>, Comparable<?>> measure =
        switch (orderBy) {
          case LATENCY -> ITTraceSearch::latency;
          case COST -> ITTraceSearch::cost;
          default -> ITTraceSearch::tokens;
        };
    for (SortDirection direction : SortDirection.values()) {
      List<String> expected = sorted(measure, direction);
      List<String> paged = new ArrayList<>();
      for (int page = 1; page <= 3; page++) {
        int p = page;
        Page<TraceSummary> result = searchPage(q -> q.orderBy(orderBy, direction).paging(p, 3));
        assertThat(result.totalItems()).isEqualTo(fixture.size());
        paged.addAll(ids(result, s -> s.trace().id()));
      }
      assertThat(paged).as(orderBy + " " + direction).containsExactlyElementsOf(expected);
    }
  }

  @Test
  protected void searchTraces_summaryCarriesTotalTokensErrorAndUnpricedCounts() {
    givenObservationFixture();

    for (OrderBy orderBy : List.of(OrderBy.TIMESTAMP, OrderBy.COST)) {
      for (TraceSummary s : searchPage(q -> q.orderBy(orderBy, SortDirection.DESC)).items()) {
        List<Observation> obs = fixture.get(s.trace().id());
        assertThat(s.totalTokens()).as(s.trace().id()).isEqualTo(tokens(obs));
        assertThat(s.errorCount())
            .as(s.trace().id())
            .isEqualTo(obs.stream().filter(o -> o.level() == Level.ERROR).count());
        assertThat(s.unpricedCount())
            .as(s.trace().id())
            .isEqualTo(obs.stream().filter(o -> o.costSource() == CostSource.NO_PRICE).count());
        assertThat(s.totalCost()).isEqualByComparingTo(cost(obs));
        assertThat(s.latency()).isEqualTo(latency(obs));
        assertThat(s.observationIds()).hasSameSizeAs(obs);
      }
    }
    TraceSummary first = searchPage(q -> q.search(traceId(1))).items().getFirst();
    assertThat(first.totalTokens()).isEqualTo(2 * 1415);
    assertThat(first.errorCount()).isZero();
    assertThat(searchPage(q -> q.search(traceId(6))).items().getFirst().unpricedCount())
        .isEqualTo(1);
  }

  @Test
  protected void searchTraces_observationsOfAnotherProjectDoNotCount() {
    givenObservationFixture();
    Trace foreign = trace(OTHER_PROJECT, traceId(3), at(3));
    accept(
        List.of(foreign),
        List.of(
            generation(foreign, observationId(90), at(3)).toBuilder()
                .model("gpt-4o")
                .level(Level.ERROR)
                .build()));

    assertThat(search(q -> q.model("gpt-4o"))).containsExactly(traceId(2));
    assertThat(search(q -> q.level(Level.ERROR))).doesNotContain(traceId(3));
    assertThat(searchPage(q -> q.search(traceId(3))).items().getFirst().totalTokens())
        .isEqualTo(tokens(fixture.get(traceId(3))));
  }

  /**
   * t1 support-agent: a whole agent run (gpt-4o-mini twice, a DEBUG event); t2 billing-agent: a
   * WARNING span and a failed gpt-4o generation with a large cost; t3 Refund-Flow: one tool call;
   * t4 no name, no observations; t5 a slow run with two failed gpt-4o-mini calls (tokens as t1's);
   * t6 one generation of a model without a price (no cost, flagged NO_PRICE) and a long latency.
   */
  private void givenObservationFixture() {
    Trace t1 = trace(PROJECT, traceId(1), at(1));
    Trace t2 = trace(PROJECT, traceId(2), at(2)).toBuilder().name("billing-agent").build();
    Trace t3 = trace(PROJECT, traceId(3), at(3)).toBuilder().name("Refund-Flow").build();
    Trace t4 = Trace.builder(PROJECT, traceId(4), at(4)).build();
    Trace t5 = trace(PROJECT, traceId(5), at(5)).toBuilder().name("slow-run").build();
    Trace t6 = trace(PROJECT, traceId(6), at(6)).toBuilder().name("no-usage").build();
    add(t1, agentRun(t1, 10));
    add(
        t2,
        List.of(
            span(t2, observationId(20), at(2)).toBuilder().level(Level.WARNING).build(),
            generation(t2, observationId(21), at(2).plusMillis(10)).toBuilder()
                .model("gpt-4o")
                .level(Level.ERROR)
                .usageDetails(Map.of("input", 70L, "output", 30L))
                .costDetails(Map.of("total", new BigDecimal("0.5")))
                .build()));
    add(t3, List.of(tool(t3, observationId(30), at(3))));
    add(t4, List.of());
    add(
        t5,
        List.of(
            span(t5, observationId(50), at(5)).toBuilder()
                .endTime(at(5).plusSeconds(9).plusNanos(999_000))
                .build(),
            failed(generation(t5, observationId(51), at(5).plusSeconds(1))),
            failed(generation(t5, observationId(52), at(5).plusSeconds(3))).toBuilder()
                .costDetails(Map.of("input", new BigDecimal("0.000000000007")))
                .build()));
    add(
        t6,
        List.of(
            Observation.builder(PROJECT, observationId(60), traceId(6), at(6))
                .endTime(at(6).plusSeconds(4))
                .model("acme-llm-7")
                .costSource(CostSource.NO_PRICE)
                .build()));
    List<Observation> all = new ArrayList<>();
    fixture.values().forEach(all::addAll);
    accept(traces, all);
  }

  private void add(Trace trace, List<Observation> observations) {
    traces.add(trace);
    fixture.put(trace.id(), observations);
  }

  private static Observation failed(Observation o) {
    return o.toBuilder().level(Level.ERROR).statusMessage("rate limited").build();
  }

  /** Fixture trace ids whose observations pass, newest first (the default order). */
  private List<String> expected(Predicate<List<Observation>> test) {
    return fixture.entrySet().stream()
        .filter(e -> test.test(e.getValue()))
        .map(Map.Entry::getKey)
        .sorted(Comparator.reverseOrder())
        .toList();
  }

  /** Fixture trace ids by the measure in the direction (nulls last), then id the same way. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<String> sorted(
      Function<List<Observation>, Comparable<?>> measure, SortDirection direction) {
    Comparator<Comparable> natural = Comparator.naturalOrder();
    Comparator<Comparable> byValue =
        Comparator.nullsLast(direction == SortDirection.ASC ? natural : natural.reversed());
    Comparator<String> byId =
        direction == SortDirection.ASC ? Comparator.naturalOrder() : Comparator.reverseOrder();
    return fixture.keySet().stream()
        .sorted(
            Comparator.<String, Comparable>comparing(
                    id -> (Comparable) measure.apply(fixture.get(id)), byValue)
                .thenComparing(byId))
        .toList();
  }

  private static BigDecimal cost(List<Observation> obs) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Observation o : obs) {
      Map<String, BigDecimal> c = o.costDetails();
      if (c.containsKey("total")) sum = sum.add(c.get("total"));
      else for (BigDecimal v : c.values()) sum = sum.add(v);
    }
    return sum;
  }

  private static long tokens(List<Observation> obs) {
    long sum = 0;
    for (Observation o : obs) {
      Map<String, Long> u = o.usageDetails();
      if (u.containsKey("total")) sum += u.get("total");
      else for (long v : u.values()) sum += v;
    }
    return sum;
  }

  private static Duration latency(List<Observation> obs) {
    Instant start = null, end = null;
    for (Observation o : obs) {
      Instant e = o.endTime() == null ? o.startTime() : o.endTime();
      if (start == null || o.startTime().isBefore(start)) start = o.startTime();
      if (end == null || e.isAfter(end)) end = e;
    }
    return start == null ? null : Duration.between(start, end);
  }

  private List<String> search(UnaryOperator<TraceQuery.Builder> query) {
    return ids(searchPage(query), s -> s.trace().id());
  }

  private Page<TraceSummary> searchPage(UnaryOperator<TraceQuery.Builder> query) {
    return store().searchTraces(query.apply(TraceQuery.builder(PROJECT)).build());
  }
}
