package dev.loupe.storage.tests;

import static dev.loupe.storage.analytics.Aggregation.MAX;
import static dev.loupe.storage.analytics.Aggregation.P95;
import static dev.loupe.storage.analytics.Aggregation.SUM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.Storage;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rows with values ingest no longer accepts (see {@code dev.loupe.model.Bounds}), written straight
 * through the storage API as an older data file may hold them, stay readable through every read
 * method: times from year 1 and as far as a backend stores them, token counts whose sums pass 2^63,
 * costs at the column's bound, text with NUL characters and odd map keys. Sums of counts saturate
 * at {@code Long.MAX_VALUE} rather than wrap or fail.
 */
public abstract class ITReadableRows<S extends Storage> extends ITStorage<S> {
  static final Instant YEAR_1 = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z");
  static final Instant NOW = TestObjects.TODAY;

  /** The farthest times this backend stores; every backend holds ±200,000 years. */
  protected Instant farPast() {
    return Instant.parse("-200000-01-01T00:00:00Z");
  }

  protected Instant farFuture() {
    return Instant.parse("+200000-01-01T00:00:00Z");
  }

  @Test
  protected void timesFarOutOfRange_readBackThroughEveryMethod() {
    Trace old = Trace.builder(TestObjects.PROJECT, "t-old", YEAR_1).sessionId("s-old").build();
    Observation year1 =
        Observation.builder(TestObjects.PROJECT, "o-year1", "t-old", YEAR_1)
            .type(ObservationType.GENERATION)
            .model("gpt-4o")
            .endTime(NOW)
            .completionStartTime(YEAR_9999)
            .usageDetails(Map.of("input", 10L, "output", 1_000L))
            .build();
    Trace extreme = Trace.builder(TestObjects.PROJECT, "t-extreme", farPast()).build();
    Observation farthest =
        Observation.builder(TestObjects.PROJECT, "o-far", "t-extreme", farPast())
            .endTime(farFuture())
            .usageDetails(Map.of("output", 5L))
            .build();
    accept(List.of(old, extreme), List.of(year1, farthest));

    assertTrace(old, year1);
    assertThat(getTrace("t-old").latency()).isEqualTo(Duration.between(YEAR_1, NOW));
    assertTrace(extreme, farthest);
    for (TraceQuery.OrderBy order : TraceQuery.OrderBy.values()) {
      assertThat(
              store()
                  .searchTraces(
                      TraceQuery.builder(TestObjects.PROJECT)
                          .orderBy(order, SortDirection.DESC)
                          .build())
                  .items())
          .as("ordered by %s", order)
          .hasSize(2);
    }
    assertThat(
            store()
                .searchTraces(
                    TraceQuery.builder(TestObjects.PROJECT)
                        .minLatency(Duration.ofDays(365))
                        .build())
                .items())
        .hasSize(2);
    assertThat(
            store()
                .searchObservations(ObservationQuery.builder(TestObjects.PROJECT).build())
                .items())
        .hasSize(2);
    assertThat(store().searchSessions(SessionQuery.builder(TestObjects.PROJECT).build()).items())
        .hasSize(1);
    assertThat(store().getSession(TestObjects.PROJECT, "s-old")).isPresent();
    for (MetricsView view : List.of(MetricsView.TRACES, MetricsView.OBSERVATIONS)) {
      MetricsQuery.Builder q =
          MetricsQuery.builder(TestObjects.PROJECT, view, farPast(), farFuture().plusSeconds(1))
              .metric(Measure.LATENCY, MAX)
              .metric(Measure.LATENCY, P95)
              .metric(Measure.OUTPUT_TOKENS, SUM);
      if (view == MetricsView.OBSERVATIONS) {
        q.metric(Measure.OUTPUT_TOKENS_PER_SECOND, MAX).metric(Measure.TIME_TO_FIRST_TOKEN, P95);
      }
      assertThat(storage.analyticsStore().query(q.build())).as("view %s", view).hasSize(1);
    }
  }

  @Test
  protected void tokenSumsPastALong_saturate() {
    Trace trace = Trace.builder(TestObjects.PROJECT, "t-many", NOW).build();
    Observation a =
        Observation.builder(TestObjects.PROJECT, "o-a", "t-many", NOW)
            .usageDetails(Map.of("input", Long.MAX_VALUE / 2, "output", 1L))
            .build();
    Observation b =
        Observation.builder(TestObjects.PROJECT, "o-b", "t-many", NOW)
            .usageDetails(Map.of("input", Long.MAX_VALUE / 2, "input_cached_tokens", 9L))
            .build();
    accept(List.of(trace), List.of(a, b));

    assertThat(
            store()
                .searchTraces(
                    TraceQuery.builder(TestObjects.PROJECT)
                        .orderBy(TraceQuery.OrderBy.TOKENS, SortDirection.DESC)
                        .build())
                .items()
                .get(0)
                .totalTokens())
        .isEqualTo(Long.MAX_VALUE);
    for (MetricsView view : List.of(MetricsView.TRACES, MetricsView.OBSERVATIONS)) {
      List<MetricsRow> rows =
          storage
              .analyticsStore()
              .query(
                  MetricsQuery.builder(TestObjects.PROJECT, view, NOW, NOW.plusSeconds(1))
                      .metric(Measure.INPUT_TOKENS, SUM)
                      .metric(Measure.TOTAL_TOKENS, SUM)
                      .build());
      assertThat(rows.get(0).values().values()).as("view %s", view).containsOnly(Long.MAX_VALUE);
    }
  }

  @Test
  protected void costsAtTheColumnsBoundAndOddText_roundTrip() {
    Trace trace =
        Trace.builder(TestObjects.PROJECT, "t-text", NOW)
            .name("nul\u0000name")
            .tags(List.of("", "tag\u0000"))
            .metadata("{\"\":\"empty key\",\"k\\u0000\":\"v\"}")
            .build();
    Observation o =
        Observation.builder(TestObjects.PROJECT, "o-text", "t-text", NOW)
            .type(ObservationType.GENERATION)
            .name("tab\there")
            .input("\"nul \\u0000 inside\"")
            .usageDetails(Map.of("", 1L, "input_\u0000", 2L, "x".repeat(2_000), 3L))
            .costDetails(
                Map.of(
                    "total", new BigDecimal("999999.999999999999"),
                    "input", new BigDecimal("0.000000000001")))
            .costSource(CostSource.PROVIDED)
            .build();
    accept(List.of(trace), List.of(o));

    assertTrace(trace, o);
    assertThat(store().getObservation(TestObjects.PROJECT, "o-text")).isPresent();
  }
}
