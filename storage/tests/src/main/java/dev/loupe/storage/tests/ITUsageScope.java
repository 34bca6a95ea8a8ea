package dev.loupe.storage.tests;

import static dev.loupe.storage.analytics.Aggregation.AVG;
import static dev.loupe.storage.analytics.Aggregation.COUNT;
import static dev.loupe.storage.analytics.Aggregation.SUM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.model.UsageScope;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceQuery.OrderBy;
import dev.loupe.storage.TraceSummary;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Measure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * An observation whose usage is the total of its descendants' model calls ({@link
 * UsageScope#DESCENDANTS}: a Vercel AI SDK {@code ai.generateText}, an OTel GenAI {@code
 * invoke_agent}) reads back as written, usage and all, but no total adds it: trace totals, the
 * traces list (sums, sorts, cost filters), sessions and users (trace lists and metrics by session
 * or user) and the metrics API's token and cost measures equal the sums over the generations that
 * did the work. Expected numbers are worked out here; summing the agent spans too would give the
 * figures in the comments.
 */
public abstract class ITUsageScope<S extends Storage> extends AnalyticsSuite<S> {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  /**
   * tA (u1, s1): an invoke_agent root naming gpt-4o with the run's 70/37 tokens over an agent step
   * and two gpt-4o generations (30/10 at 0.0004, 40/27 at 0.0005): 107 tokens, 0.0009 USD (214 if
   * the root counted). tB (u1, s1): an agent root with a provided 0.5 USD and 50 tokens over one
   * gpt-4o-mini generation of 40/10 at 0.25: 50 tokens, 0.25 USD (100, 0.75). tC (u2, s2): one
   * gpt-4o generation of 100/50 at 0.3, no agent span.
   */
  private void givenAgentRuns() {
    Trace tA = trace(1, "u1", "s1");
    Trace tB = trace(2, "u1", "s1");
    Trace tC = trace(3, "u2", "s2");
    Observation rootA =
        agent(tA, 10)
            .model("gpt-4o")
            .usageDetails(Map.of("input", 70L, "output", 37L))
            .mappingNotes(Map.of("usageScope", "gen_ai.operation.name=invoke_agent ..."))
            .build();
    Observation stepA = agent(tA, 11).name("step 1").parentObservationId(rootA.id()).build();
    accept(
        List.of(tA, tB, tC),
        List.of(
            rootA,
            stepA,
            call(tA, 12, stepA.id(), "gpt-4o", 30, 10, "0.0004"),
            call(tA, 13, rootA.id(), "gpt-4o", 40, 27, "0.0005"),
            agent(tB, 20)
                .usageDetails(Map.of("total", 50L))
                .costDetails(Map.of("total", usd("0.5")))
                .costSource(CostSource.PROVIDED)
                .build(),
            call(tB, 21, TestObjects.observationId(20), "gpt-4o-mini", 40, 10, "0.25"),
            call(tC, 30, null, "gpt-4o", 100, 50, "0.3")));
  }

  @Test
  protected void getTrace_totalsAreTheGenerationsAndTheAgentSpanReadsBackAsWritten() {
    givenAgentRuns();

    TraceDetail a = getTrace(TestObjects.traceId(1));
    assertThat(a.totalTokens()).as("not 214").isEqualTo(107);
    assertThat(a.totalCost()).isEqualByComparingTo("0.0009");
    Observation root = a.observations().getFirst();
    assertThat(root.usageScope()).isEqualTo(UsageScope.DESCENDANTS);
    assertThat(root.usageDetails()).isEqualTo(Map.of("input", 70L, "output", 37L));
    assertThat(root.model()).isEqualTo("gpt-4o");
    TraceDetail b = getTrace(TestObjects.traceId(2));
    assertThat(b.totalCost())
        .as("the agent's provided 0.5 is not added")
        .isEqualByComparingTo("0.25");
    assertThat(b.observations().getFirst().totalCost())
        .as("but still shown")
        .isEqualByComparingTo("0.5");
  }

  @Test
  protected void searchTraces_sumsSortsAndCostFiltersCountEachCallOnce() {
    givenAgentRuns();

    List<TraceSummary> list = search(q -> q);
    assertThat(list)
        .extracting(s -> s.trace().id(), TraceSummary::totalTokens)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TestObjects.traceId(3), 150L),
            org.assertj.core.groups.Tuple.tuple(TestObjects.traceId(2), 50L),
            org.assertj.core.groups.Tuple.tuple(TestObjects.traceId(1), 107L));
    assertThat(list.get(1).totalCost()).isEqualByComparingTo("0.25");
    assertThat(list.get(2).totalCost()).isEqualByComparingTo("0.0009");
    assertThat(ids(q -> q.orderBy(OrderBy.TOKENS, SortDirection.DESC)))
        .as("counting the agents would put tA (214) first")
        .containsExactly(TestObjects.traceId(3), TestObjects.traceId(1), TestObjects.traceId(2));
    assertThat(ids(q -> q.orderBy(OrderBy.COST, SortDirection.DESC)))
        .as("counting tB's provided cost would put it (0.75) first")
        .containsExactly(TestObjects.traceId(3), TestObjects.traceId(2), TestObjects.traceId(1));
    assertThat(ids(q -> q.minCost(new BigDecimal("0.26")))).containsExactly(TestObjects.traceId(3));
    assertThat(ids(q -> q.maxCost(new BigDecimal("0.25"))))
        .containsExactly(TestObjects.traceId(2), TestObjects.traceId(1));
  }

  @Test
  protected void sessionAndUserTotals_countEachCallOnce() {
    givenAgentRuns();

    List<TraceSummary> s1 = search(q -> q.sessionId("s1"));
    assertThat(s1.stream().mapToLong(TraceSummary::totalTokens).sum()).isEqualTo(157);
    assertThat(s1.stream().map(TraceSummary::totalCost).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("0.2509");
    for (Dimension d : List.of(Dimension.SESSION_ID, Dimension.USER_ID)) {
      assertRows(
          run(
              traces()
                  .dimension(d)
                  .metric(Measure.TOTAL_TOKENS, SUM)
                  .metric(Measure.TOTAL_COST, SUM)
                  .metric(Measure.INPUT_TOKENS, SUM)
                  .orderBy(d.wireName(), SortDirection.ASC)),
          List.of(
              row(
                  null,
                  dims(d.wireName(), d == Dimension.USER_ID ? "u1" : "s1"),
                  values(
                      "sum_totalTokens",
                      157L,
                      "sum_totalCost",
                      usd("0.2509"),
                      "sum_inputTokens",
                      110L)),
              row(
                  null,
                  dims(d.wireName(), d == Dimension.USER_ID ? "u2" : "s2"),
                  values(
                      "sum_totalTokens",
                      150L,
                      "sum_totalCost",
                      usd("0.3"),
                      "sum_inputTokens",
                      100L))));
    }
  }

  @Test
  protected void metricsObservations_tokenAndCostMeasuresLeaveTheAgentSpansOut() {
    givenAgentRuns();

    assertRows(
        run(
            observations()
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.TOTAL_TOKENS, SUM)
                .metric(Measure.OUTPUT_TOKENS, SUM)
                .metric(Measure.TOTAL_COST, SUM)
                .metric(Measure.OUTPUT_COST, SUM)),
        List.of(
            row(
                null,
                dims(),
                values(
                    "count_count", 7L,
                    "sum_totalTokens", 307L,
                    "sum_outputTokens", 97L,
                    "sum_totalCost", usd("0.5509"),
                    "sum_outputCost", null))));
    assertRows(
        run(
            observations()
                .dimension(Dimension.USAGE_SCOPE)
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.TOTAL_TOKENS, SUM)
                .metric(Measure.TOTAL_COST, SUM)
                .metric(Measure.OUTPUT_TOKENS_PER_SECOND, AVG)
                .orderBy(Dimension.USAGE_SCOPE.wireName(), SortDirection.ASC)),
        List.of(
            row(
                null,
                dims("usageScope", "DESCENDANTS"),
                values(
                    "count_count",
                    3L,
                    "sum_totalTokens",
                    0L,
                    "sum_totalCost",
                    null,
                    "avg_outputTokensPerSecond",
                    null)),
            row(
                null,
                dims("usageScope", "OWN"),
                values(
                    "count_count",
                    4L,
                    "sum_totalTokens",
                    307L,
                    "sum_totalCost",
                    usd("0.5509"),
                    "avg_outputTokensPerSecond",
                    (10 + 27 + 10 + 50) / 60.0 / 4))));
  }

  /** The dashboard's per-model calls: observations naming a model whose usage is their own. */
  @Test
  protected void metricsByModel_ownUsageCountsEachCallOnce() {
    givenAgentRuns();

    assertRows(
        run(
            observations()
                .filter(Dimension.PROVIDED_MODEL_NAME, FilterOperator.IS_NOT_NULL)
                .filter(Dimension.USAGE_SCOPE, FilterOperator.EQ, "OWN")
                .dimension(Dimension.PROVIDED_MODEL_NAME)
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.TOTAL_TOKENS, SUM)
                .metric(Measure.TOTAL_COST, SUM)
                .orderBy(Dimension.PROVIDED_MODEL_NAME.wireName(), SortDirection.ASC)),
        List.of(
            row(
                null,
                dims("providedModelName", "gpt-4o"),
                values("count_count", 3L, "sum_totalTokens", 257L, "sum_totalCost", usd("0.3009"))),
            row(
                null,
                dims("providedModelName", "gpt-4o-mini"),
                values("count_count", 1L, "sum_totalTokens", 50L, "sum_totalCost", usd("0.25")))));
  }

  /** A later write that knows nothing of the scope (an update) keeps it, and the sums with it. */
  @Test
  protected void update_keepsTheDescendantsScope() {
    givenAgentRuns();
    Trace tA = trace(1, "u1", "s1");
    accept(
        Observation.builder(TestObjects.PROJECT, TestObjects.observationId(10), tA.id(), HOUR_1)
            .output("{\"answer\":\"done\"}")
            .usageDetails(Map.of("input", 71L))
            .build());

    TraceDetail a = getTrace(tA.id());
    assertThat(a.observations().getFirst().usageScope()).isEqualTo(UsageScope.DESCENDANTS);
    assertThat(a.observations().getFirst().usageDetails())
        .isEqualTo(Map.of("input", 71L, "output", 37L));
    assertThat(a.totalTokens()).isEqualTo(107);
    assertThat(search(q -> q.search(tA.id())).getFirst().totalTokens()).isEqualTo(107);
    assertThat(single(traces().metric(Measure.TOTAL_TOKENS, SUM)).values())
        .containsEntry("sum_totalTokens", 307L);
  }

  private static Trace trace(int n, String user, String session) {
    return bareTrace(n, HOUR_1.plus(MINUTE.multipliedBy(n)))
        .name("agent-run")
        .userId(user)
        .sessionId(session)
        .build();
  }

  /** An agent span reporting its descendants' usage, at its trace's timestamp. */
  private static Observation.Builder agent(Trace trace, int n) {
    return Observation.builder(
            trace.projectId(), TestObjects.observationId(n), trace.id(), trace.timestamp())
        .type(ObservationType.AGENT)
        .name("invoke_agent")
        .endTime(trace.timestamp().plus(MINUTE.multipliedBy(2)))
        .usageScope(UsageScope.DESCENDANTS);
  }

  /** A priced generation of one minute, starting {@code n} seconds into its trace. */
  private static Observation call(
      Trace trace,
      int n,
      @org.jspecify.annotations.Nullable String parent,
      String model,
      long input,
      long output,
      String cost) {
    var start = trace.timestamp().plusSeconds(n % 10);
    return generation(trace, n, start)
        .parentObservationId(parent)
        .endTime(start.plus(MINUTE))
        .model(model)
        .usageDetails(Map.of("input", input, "output", output))
        .costDetails(Map.of("total", usd(cost)))
        .costSource(CostSource.CALCULATED)
        .build();
  }

  private List<TraceSummary> search(UnaryOperator<TraceQuery.Builder> query) {
    return store()
        .searchTraces(query.apply(TraceQuery.builder(TestObjects.PROJECT)).build())
        .items();
  }

  private List<String> ids(UnaryOperator<TraceQuery.Builder> query) {
    return search(query).stream().map(s -> s.trace().id()).toList();
  }
}
