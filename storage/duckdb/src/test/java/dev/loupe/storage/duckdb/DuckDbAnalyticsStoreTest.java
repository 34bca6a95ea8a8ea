package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.AnalyticsStore.ModelUsage;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbAnalyticsStoreTest {
  static final String P = RandomRows.PROJECT;
  static final Instant FROM = RandomRows.T0.minus(Duration.ofDays(1));
  static final Instant TO = RandomRows.T0.plus(Duration.ofDays(1));

  @TempDir Path dir;
  DuckDbStorage storage;

  @AfterEach
  void close() {
    if (storage != null) storage.close();
  }

  @Test
  void query_costByModelByDay_handComputed() {
    Instant day1 = Instant.parse("2026-03-02T10:00:00Z"),
        day2 = Instant.parse("2026-03-03T09:00:00Z");
    Trace t = Trace.builder(P, "t1", day1).userId("u1").build();
    write(
        List.of(t),
        gen("a", "t1", day1, "gpt-4o", "0.001"),
        gen("b", "t1", day1.plusSeconds(60), "gpt-4o", "0.0025"),
        gen("c", "t1", day2, "gpt-4o", "0.5"),
        gen("d", "t1", day1, "claude", null));
    List<MetricsRow> rows =
        storage
            .analyticsStore()
            .query(
                MetricsQuery.builder(P, MetricsView.OBSERVATIONS, FROM, TO.plus(Duration.ofDays(2)))
                    .dimension(Dimension.PROVIDED_MODEL_NAME)
                    .metric(Measure.TOTAL_COST, Aggregation.SUM)
                    .metric(Measure.COUNT, Aggregation.COUNT)
                    .granularity(Granularity.DAY)
                    .build());
    assertThat(rows)
        .containsExactly(
            new MetricsRow(
                Instant.parse("2026-03-02T00:00:00Z"),
                Map.of("providedModelName", "claude"),
                values("sum_totalCost", null, "count_count", 1L)),
            new MetricsRow(
                Instant.parse("2026-03-02T00:00:00Z"),
                Map.of("providedModelName", "gpt-4o"),
                values("sum_totalCost", new BigDecimal("0.0035"), "count_count", 2L)),
            new MetricsRow(
                Instant.parse("2026-03-03T00:00:00Z"),
                Map.of("providedModelName", "gpt-4o"),
                values("sum_totalCost", new BigDecimal("0.5"), "count_count", 1L)));
  }

  @Test
  void tracesView_narrowAndWideWindowsBothCountEveryObservationOfTheirTraces() {
    Instant day1 = Instant.parse("2026-03-02T10:00:00Z");
    List<Trace> traces = new ArrayList<>();
    for (int i = 0; i < 4; i++)
      traces.add(Trace.builder(P, "t" + i, day1.plus(Duration.ofDays(3L * i))).build());
    write(
        traces,
        gen("a", "t0", day1, "m", "1"),
        // starts four days after its trace: outside a one-day window, still the trace's
        gen("b", "t0", day1.plus(Duration.ofDays(4)), "m", "2"),
        gen("c", "t1", day1.plus(Duration.ofDays(3)), "m", "3"),
        gen("d", "t2", day1.plus(Duration.ofDays(6)), "m", "4"),
        gen("e", "t3", day1.plus(Duration.ofDays(9)), "m", "5"));
    // one trace of four in the window: the per-trace aggregate is semi-joined to it
    MetricsRow narrow = tracesCost(day1.minusSeconds(60), day1.plus(Duration.ofDays(1)));
    assertThat(narrow.values()).containsEntry("count_count", 1L);
    assertThat(narrow.values()).containsEntry("sum_totalCost", new BigDecimal("3"));
    assertThat((Double) narrow.values().get("max_latency"))
        .isEqualTo((double) Duration.ofDays(4).toMillis());
    // every trace in the window: the aggregate covers all the project's observations
    MetricsRow wide = tracesCost(day1.minusSeconds(60), day1.plus(Duration.ofDays(30)));
    assertThat(wide.values()).containsEntry("count_count", 4L);
    assertThat(wide.values()).containsEntry("sum_totalCost", new BigDecimal("15"));
  }

  private MetricsRow tracesCost(Instant from, Instant to) {
    storage = storage == null ? DuckDbStorage.open(dir) : storage;
    return storage
        .analyticsStore()
        .query(
            MetricsQuery.builder(P, MetricsView.TRACES, from, to)
                .metric(Measure.COUNT, Aggregation.COUNT)
                .metric(Measure.TOTAL_COST, Aggregation.SUM)
                .metric(Measure.LATENCY, Aggregation.MAX)
                .build())
        .getFirst();
  }

  @Test
  void query_latencyPercentilesInterpolateAndTopUsersJoinTheTrace() {
    Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
    List<Trace> traces =
        List.of(
            Trace.builder(P, "t1", t0).userId("u1").build(),
            Trace.builder(P, "t2", t0).userId("u2").build());
    List<Observation> obs = new ArrayList<>();
    int[] latencies = {100, 200, 300, 400};
    for (int i = 0; i < latencies.length; i++) {
      obs.add(
          gen("g" + i, i < 3 ? "t1" : "t2", t0, "m", "0.1").toBuilder()
              .endTime(t0.plusMillis(latencies[i]))
              .build());
    }
    write(traces, obs.toArray(Observation[]::new));
    MetricsRow p =
        storage
            .analyticsStore()
            .query(
                MetricsQuery.builder(P, MetricsView.OBSERVATIONS, FROM, TO)
                    .metric(Measure.LATENCY, Aggregation.P50)
                    .metric(Measure.LATENCY, Aggregation.P95)
                    .build())
            .getFirst();
    // h = 3 * 0.5 = 1.5 -> 250; h = 3 * 0.95 = 2.85 -> 300 + 0.85 * 100 = 385
    assertThat(p.values()).containsEntry("p50_latency", 250.0);
    assertThat((Double) p.values().get("p95_latency"))
        .isCloseTo(385.0, org.assertj.core.data.Offset.offset(1e-9));
    List<MetricsRow> users =
        storage
            .analyticsStore()
            .query(
                MetricsQuery.builder(P, MetricsView.OBSERVATIONS, FROM, TO)
                    .dimension(Dimension.USER_ID)
                    .metric(Measure.TOTAL_COST, Aggregation.SUM)
                    .orderBy("sum_totalCost", SortDirection.DESC)
                    .build());
    assertThat(users)
        .extracting(r -> r.dimensions().get("userId") + "=" + r.values().get("sum_totalCost"))
        .containsExactly("u1=0.3", "u2=0.1");
  }

  @Test
  void models_countsObservationsAndUnpricedOnesInTheWindow() {
    Instant t0 = RandomRows.T0;
    write(
        List.of(),
        gen("a", "t1", t0, "gpt-4o", "0.1"),
        gen("b", "t1", t0, "gpt-4o", null).toBuilder().costSource(CostSource.NO_PRICE).build(),
        gen("c", "t1", t0, "claude", null),
        gen("d", "t1", TO, "claude", null));
    assertThat(storage.analyticsStore().models(P, FROM, TO))
        .containsExactly(new ModelUsage("gpt-4o", 2, 1), new ModelUsage("claude", 1, 0));
  }

  @Test
  void query_sameRowsAsInMemory_onRandomRows() {
    InMemoryStorage memory = new InMemoryStorage();
    storage = DuckDbStorage.open(dir);
    for (WriteBatch b : new RandomRows(11).batches(300, 25, 120)) {
      memory.observationConsumer().accept(b);
      storage.observationConsumer().accept(b);
    }
    int compared = 0;
    for (MetricsQuery q : queries()) {
      List<MetricsRow> expected = memory.analyticsStore().query(q);
      List<MetricsRow> actual = storage.analyticsStore().query(q);
      assertSameRows(q, actual, expected);
      compared += expected.size();
    }
    assertThat(compared).as("rows compared").isGreaterThan(1_000);
    assertThat(storage.analyticsStore().models(P, FROM, TO))
        .isEqualTo(memory.analyticsStore().models(P, FROM, TO));
  }

  /** Every measure with every aggregation, by every dimension, with and without time buckets. */
  static List<MetricsQuery> queries() {
    List<MetricsQuery> out = new ArrayList<>();
    for (MetricsView view : MetricsView.values()) {
      for (Measure m : Measure.values()) {
        if (!m.supports(view)) continue;
        for (Dimension d : Dimension.values()) {
          if (!d.supports(view) || !d.groupable()) continue;
          MetricsQuery.Builder b = MetricsQuery.builder(P, view, FROM, TO).dimension(d);
          for (Aggregation a : Aggregation.values()) if (a.appliesTo(m)) b.metric(m, a);
          out.add(b.build());
        }
        MetricsQuery.Builder b =
            MetricsQuery.builder(P, view, FROM, TO).granularity(Granularity.MINUTE);
        for (Aggregation a : Aggregation.values()) if (a.appliesTo(m)) b.metric(m, a);
        out.add(b.build());
      }
      for (Dimension d : Dimension.values()) {
        if (!d.supports(view)) continue;
        for (FilterOperator op : FilterOperator.values()) {
          String[] values = filterValues(d, op);
          if (values == null) continue;
          // the score views have neither a type nor tokens: group them by name, count them
          MetricsQuery.Builder b =
              MetricsQuery.builder(P, view, FROM, TO)
                  .dimension(view == MetricsView.OBSERVATIONS ? Dimension.TYPE : Dimension.NAME)
                  .metric(Measure.COUNT, Aggregation.COUNT);
          if (Measure.TOTAL_TOKENS.supports(view)) b.metric(Measure.TOTAL_TOKENS, Aggregation.SUM);
          out.add(
              b.filter(d, op, values)
                  .orderBy("count_count", SortDirection.DESC)
                  .rowLimit(3)
                  .build());
        }
      }
    }
    return out;
  }

  private static String[] filterValues(Dimension d, FilterOperator op) {
    String v =
        switch (d) {
          case TAGS -> "t1";
          case NAME -> "step-1";
          case USER_ID -> "user-1";
          case TYPE -> "GENERATION";
          default -> "1";
        };
    if (d == Dimension.TAGS) {
      return op.takesList() ? new String[] {v, "t2"} : null;
    }
    if (op == FilterOperator.ALL_OF) return null;
    if (op.takesNoValue()) return new String[0];
    if (op.takesList()) return new String[] {v, "v2", "agent-0"};
    return new String[] {v};
  }

  static void assertSameRows(MetricsQuery q, List<MetricsRow> actual, List<MetricsRow> expected) {
    assertThat(actual).as("rows of %s", q).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      MetricsRow a = actual.get(i), e = expected.get(i);
      String where = "row " + i + " of " + q;
      assertThat(a.time()).as(where).isEqualTo(e.time());
      assertThat(a.dimensions()).as(where).isEqualTo(e.dimensions());
      assertThat(a.values().keySet()).as(where).containsExactlyElementsOf(e.values().keySet());
      e.values()
          .forEach(
              (alias, ev) -> {
                Object av = a.values().get(alias);
                if (ev instanceof Double d) {
                  assertThat(av).as(where + " " + alias).isInstanceOf(Double.class);
                  assertThat(Math.abs((Double) av - d))
                      .as(where + " " + alias + " " + av + " vs " + d)
                      .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(d)));
                } else {
                  assertThat(av).as(where + " " + alias).isEqualTo(ev);
                }
              });
    }
  }

  private void write(List<Trace> traces, Observation... observations) {
    if (storage == null) storage = DuckDbStorage.open(dir);
    storage.observationConsumer().accept(WriteBatch.of(traces, List.of(observations)));
  }

  private static Observation gen(
      String id, String traceId, Instant start, String model, String cost) {
    Observation.Builder b =
        Observation.builder(P, id, traceId, start)
            .type(ObservationType.GENERATION)
            .level(Level.DEFAULT)
            .model(model)
            .usageDetails(Map.of("input", 10L, "input_cached_tokens", 4L, "output", 5L));
    if (cost != null) {
      b.costDetails(Map.of("input", new BigDecimal(cost))).costSource(CostSource.CALCULATED);
    }
    return b.build();
  }

  private static Map<String, Object> values(Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
